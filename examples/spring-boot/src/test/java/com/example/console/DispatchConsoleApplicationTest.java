package com.example.console;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.TrainingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole application started twice on an empty database, as in development: the starter migrates and seeds, the runner works. */
@IsolatedDatabase(migrated = false)
class DispatchConsoleApplicationTest {

    @Test
    void shouldMigrateSeedAndRunTheShiftStartTwice(TestDatabase db) {
        TestApplication.start(db).close();
        try (ConfigurableApplicationContext second = TestApplication.start(db)) {
            MigrationRunner runner = new MigrationRunner(db.dataSource());
            for (Domain domain : Domain.values()) {
                assertEquals(runner.knownVersions(domain).get(runner.knownVersions(domain).size() - 1),
                        runner.currentVersionOrBase(domain), domain + " at head");
            }
            FleetDatabase fleet = second.getBean(FleetDatabase.class);
            Organization pine = fleet.findOrganizationBySlug("pine-county").orElseThrow();
            Incident incident = fleet.inTransaction(pine.id(), Actor.service("test-check"),
                    tx -> tx.incidents().findByNumber("PC-311").orElseThrow());
            assertEquals(IncidentStatus.DISPATCHED, incident.status());
            assertEquals(2, incident.version(), "opened and dispatched by the first start only");
            int calls = second.getBean(TrainingDatabase.class)
                    .inTransaction(tx -> tx.dsl().fetchCount(CALL_SESSIONS, CALL_SESSIONS.OPERATOR_ID.eq("operator-4")));
            assertEquals(2, calls, "a practice call per start");
        }
    }
}
