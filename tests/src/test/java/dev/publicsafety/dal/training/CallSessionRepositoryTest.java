package dev.publicsafety.dal.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.IllegalTransitionException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class CallSessionRepositoryTest {

    private static final Instant START = Instant.parse("2026-11-22T09:00:00.123456Z");
    private static DSLContext ctx;
    private static UUID carAccident;
    private static CallSessionRepository sessions;

    @BeforeAll
    static void seed(TestDatabase db) {
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        carAccident = new ScenarioRepository(ctx).findByKey("car-accident").orElseThrow().id();
        sessions = new CallSessionRepository(ctx, Clock.fixed(START, ZoneOffset.UTC));
    }

    @Test
    void shouldStartActiveAndFinishWithTheDurationFromTheTimestamps() {
        CallSession started = sessions.start("operator-17", carAccident);
        assertTrue(started.isActive());
        assertEquals(START.atOffset(ZoneOffset.UTC), started.startedAt());
        assertNull(started.durationMs());

        OffsetDateTime end = START.atOffset(ZoneOffset.UTC).plusMinutes(4).plusSeconds(12).plusNanos(500_000_000);
        CallSession finished = sessions.finish(started.id(), CallSessionStatus.COMPLETED, end);
        assertEquals(CallSessionStatus.COMPLETED, finished.status());
        assertEquals(252_500L, finished.durationMs());
        assertEquals(finished, sessions.findById(started.id()).orElseThrow());
    }

    @Test
    void shouldRefuseToFinishTwice() {
        CallSession session = sessions.start("operator-17", carAccident);
        sessions.finish(session.id(), CallSessionStatus.TERMINATED);
        IllegalTransitionException error = assertThrows(IllegalTransitionException.class,
                () -> sessions.finish(session.id(), CallSessionStatus.COMPLETED));
        assertEquals("terminated", error.from());
        assertTrue(error.getMessage().contains("cannot go from terminated to completed; allowed from terminated: none"),
                error.getMessage());
        assertEquals(CallSessionStatus.TERMINATED, sessions.findById(session.id()).orElseThrow().status());
    }

    @Test
    void shouldRefuseActiveAsAnOutcomeAndAnEndBeforeTheStart() {
        CallSession session = sessions.start("operator-9", carAccident);
        assertThrows(InvalidInputException.class, () -> sessions.finish(session.id(), CallSessionStatus.ACTIVE));
        InvalidInputException early = assertThrows(InvalidInputException.class, () -> sessions.finish(session.id(),
                CallSessionStatus.ERROR, START.atOffset(ZoneOffset.UTC).minusSeconds(1)));
        assertTrue(early.getMessage().contains("before it started"), early.getMessage());
        assertTrue(sessions.findById(session.id()).orElseThrow().isActive());
    }

    @Test
    void shouldRefuseAnInactiveOrUnknownScenario() {
        new ScenarioRepository(ctx).deactivate("domestic-violence");
        UUID inactive = new ScenarioRepository(ctx).findByKey("domestic-violence").orElseThrow().id();
        DomainRuleException error = assertThrows(DomainRuleException.class, () -> sessions.start("operator-1", inactive));
        assertTrue(error.getMessage().contains("is inactive"), error.getMessage());
        assertThrows(NotFoundException.class, () -> sessions.start("operator-1", UUID.randomUUID()));
        new ScenarioRepository(ctx).activate("domestic-violence");
    }

    @Test
    void shouldRefuseAnOperatorIdLongerThanItsColumnBeforeWriting() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> sessions.start("o".repeat(256), carAccident));
        assertEquals("operatorId is longer than 255 characters", error.getMessage());
        assertEquals("o".repeat(255), sessions.start("o".repeat(255), carAccident).operatorId());
    }

    @Test
    void shouldWorkInsideTheCallersTransactionAndRollBackWithIt() {
        assertThrows(IllegalStateException.class, () -> ctx.transaction(configuration -> {
            new CallSessionRepository(configuration.dsl()).start("operator-rollback", carAccident);
            throw new IllegalStateException("caller fails after starting a session");
        }));
        assertEquals(0, ctx.fetchCount(dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS,
                dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS.OPERATOR_ID.eq("operator-rollback")));
    }
}
