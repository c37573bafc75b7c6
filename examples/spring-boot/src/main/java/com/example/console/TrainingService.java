package com.example.console;

import dev.publicsafety.dal.training.CallSession;
import dev.publicsafety.dal.training.Scenario;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.value.Speaker;
import org.springframework.stereotype.Service;

/** The simulator's side of the console: practice calls on the seeded scenarios. */
@Service
public class TrainingService {

    private final TrainingDatabase training;   // made by the starter

    public TrainingService(TrainingDatabase training) {
        this.training = training;
    }

    public CallSession startCall(String operator, String scenarioKey) {
        return training.inTransaction(tx -> {
            Scenario scenario = tx.scenarios().findByKey(scenarioKey).orElseThrow();
            CallSession call = tx.sessions().start(operator, scenario.id());
            tx.transcripts().append(call.id(), TranscriptEntry.of(0, Speaker.OPERATOR, "911, what is your emergency?"));
            return call;
        });
    }
}
