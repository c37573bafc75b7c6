package com.example.dispatch;

// tag::training-desk-imports[]
import dev.publicsafety.dal.training.CallSession;
import dev.publicsafety.dal.training.Scenario;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.value.Speaker;
// end::training-desk-imports[]

/** The simulator's side: a practice call on a bundled scenario, through {@link TrainingDatabase}. */
public final class TrainingDesk {

    private final TrainingDatabase training;

    public TrainingDesk(TrainingDatabase training) {
        this.training = training;
    }

    /** A new call session for {@code operator} on scenario {@code scenarioKey}, with the operator's first line. */
    public CallSession startCall(String operator, String scenarioKey) {
        // tag::start-call[]
        return training.inTransaction(tx -> {
            Scenario scenario = tx.scenarios().findByKey(scenarioKey).orElseThrow();
            CallSession call = tx.sessions().start(operator, scenario.id());
            tx.transcripts().append(call.id(), TranscriptEntry.of(0, Speaker.OPERATOR, "911, what is the address of your emergency?"));
            return call;
        });
        // end::start-call[]
    }
}
