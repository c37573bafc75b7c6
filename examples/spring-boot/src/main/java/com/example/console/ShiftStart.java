package com.example.console;

import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.training.CallSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

/** At start-up (after the starter migrated and seeded): the organization, its incident, a practice call. */
@Component
public class ShiftStart implements CommandLineRunner {

    private static final Logger log = LoggerFactory.getLogger(ShiftStart.class);

    private final DispatchService dispatch;
    private final TrainingService training;

    public ShiftStart(DispatchService dispatch, TrainingService training) {
        this.dispatch = dispatch;
        this.training = training;
    }

    @Override
    public void run(String... args) {
        Organization pine = dispatch.organization("pine-county", "Pine County EMS");
        Incident incident = dispatch.openAndDispatch(pine.id(), "PC-311", "Cardiac arrest");
        CallSession call = training.startCall("operator-4", "heart-attack");
        log.info("{}: incident {} {}; practice call {}", pine.name(), incident.number(), incident.status().getLiteral(), call.id());
    }
}
