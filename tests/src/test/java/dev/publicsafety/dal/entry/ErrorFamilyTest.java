package dev.publicsafety.dal.entry;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.ConflictException;
import dev.publicsafety.dal.error.DalException;
import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.IllegalTransitionException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.ConcurrentUpdateException;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.generated.training.tables.records.TrainingScenariosRecord;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.CallSession;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.Speaker;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's error table, row by row, for both domains: each kind of {@link DalException}
 * provoked through the public API, and the database as it was before.
 */
@IsolatedDatabase
class ErrorFamilyTest {

    private static final Actor DISPATCHER = Actor.service("errors-test");
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static TrainingDatabase training;
    private static DSLContext owner;
    private static UUID org;
    private static UUID heartAttack;

    @BeforeAll
    static void setUp(TestDatabase db, ApplicationRole role) {
        app = role;
        fleet = new FleetDatabase(app.dataSource());
        org = fleet.createOrganization(DISPATCHER, NewOrganization.of("Errors", "errors")).id();
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        training = new TrainingDatabase(db.dataSource());
        owner = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        heartAttack = training.inTransaction(tx -> tx.scenarios().findByKey("heart-attack")).orElseThrow().id();
    }


    private static Incident openIncident(String number) {
        return fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(NewIncident.of(number, "Smoke", "fire", 3)));
    }

    private static CallSession startSession() {
        return training.inTransaction(tx -> tx.sessions().start("operator-errors", heartAttack));
    }

    @Test
    void shouldReportAMissingRowAsNotFoundInBothDomains() {
        UUID nowhere = UUID.randomUUID();
        NotFoundException incident = assertThrows(NotFoundException.class,
                () -> fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().get(nowhere)));
        assertEquals("incidents", incident.entityType());
        assertEquals(nowhere.toString(), incident.key());

        NotFoundException session = assertThrows(NotFoundException.class,
                () -> training.inTransaction(tx -> tx.sessions().finish(nowhere, CallSessionStatus.COMPLETED)));
        assertEquals("call_sessions", session.entityType());
        assertEquals("no call session with id " + nowhere, session.getMessage());
    }

    @Test
    void shouldNameTheFieldOfInvalidInputInBothDomainsAndTheirJsonbValues() {
        int incidents = owner.fetchCount(INCIDENTS);
        InvalidInputException priority = assertThrows(InvalidInputException.class,
                () -> fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(NewIncident.of("ERR-P", "Smoke", "fire", 9))));
        assertEquals("priority", priority.field());
        assertEquals(incidents, owner.fetchCount(INCIDENTS));

        CallSession session = startSession();
        InvalidInputException metric = assertThrows(InvalidInputException.class,
                () -> training.inTransaction(tx -> tx.metrics().record(session.id(), "response_time", Double.NaN)));
        assertEquals("value", metric.field());
        assertEquals("timestampMs",
                assertThrows(InvalidInputException.class, () -> TranscriptEntry.of(-1, Speaker.CALLER, "Hello?")).field());

        assertEquals("latitude", assertThrows(InvalidInputException.class, () -> Location.ofCoordinates(91, 0)).field());
        assertEquals("confidence",
                assertThrows(InvalidInputException.class, () -> new TransmissionEntity("PLATE", "ABC123", 1.5, null, null)).field());
    }

    @Test
    void shouldReportAStaleVersionOrATakenKeyAsAConflictInBothDomains() {
        Incident incident = openIncident("ERR-C");
        fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().setPriority(incident.id(), incident.version(), 1));
        ConflictException stale = assertThrows(ConflictException.class,
                () -> fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().setPriority(incident.id(), incident.version(), 2)));
        assertInstanceOf(ConcurrentUpdateException.class, stale);
        assertThrows(ConflictException.class, () -> fleet.createOrganization(DISPATCHER, NewOrganization.of("Again", "errors")));

        int scenarios = owner.fetchCount(TRAINING_SCENARIOS);
        ConflictException key = assertThrows(ConflictException.class, () -> training.execute(tx -> {
            TrainingScenariosRecord copy = tx.dsl().fetchSingle(TRAINING_SCENARIOS, TRAINING_SCENARIOS.ID.eq(heartAttack));
            copy.setId(UUID.randomUUID());
            copy.changed(true);
            copy.insert();
        }));
        assertTrue(key.getMessage().contains("scenario_key"), key.getMessage());
        assertEquals(scenarios, owner.fetchCount(TRAINING_SCENARIOS));
    }

    @Test
    void shouldReportAStepTheWorkflowForbidsAsAnIllegalTransitionInBothDomains() {
        Incident incident = openIncident("ERR-T");
        IllegalTransitionException closing = assertThrows(IllegalTransitionException.class,
                () -> fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().transition(incident.id(), incident.version(),
                        IncidentStatus.CLOSED)));
        assertEquals("new", closing.from());
        assertEquals("closed", closing.to());

        CallSession session = startSession();
        training.inTransaction(tx -> tx.sessions().finish(session.id(), CallSessionStatus.COMPLETED));
        IllegalTransitionException again = assertThrows(IllegalTransitionException.class,
                () -> training.inTransaction(tx -> tx.sessions().finish(session.id(), CallSessionStatus.ERROR)));
        assertEquals("completed", again.from());
        assertTrue(again.allowed().isEmpty());
        assertEquals(CallSessionStatus.COMPLETED,
                owner.select(CALL_SESSIONS.STATUS).from(CALL_SESSIONS).where(CALL_SESSIONS.ID.eq(session.id())).fetchSingle().value1());
    }

    @Test
    void shouldReportABrokenDomainRuleAsSuchInBothDomains() {
        Incident incident = openIncident("ERR-R");
        assertThrows(DomainRuleException.class, () -> fleet.execute(org, DISPATCHER, tx -> tx.incidents().purge(incident.id())));
        assertEquals(1, owner.fetchCount(INCIDENTS, INCIDENTS.ID.eq(incident.id())));

        training.execute(tx -> tx.scenarios().deactivate("car-accident"));
        try {
            UUID carAccident = training.inTransaction(tx -> tx.scenarios().findByKey("car-accident")).orElseThrow().id();
            int sessions = owner.fetchCount(CALL_SESSIONS);
            assertThrows(DomainRuleException.class, () -> training.inTransaction(tx -> tx.sessions().start("operator-errors",
                    carAccident)));
            assertEquals(sessions, owner.fetchCount(CALL_SESSIONS));
        } finally {
            training.execute(tx -> tx.scenarios().activate("car-accident"));
        }
    }
}
