package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.IllegalTransitionException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.generated.training.tables.records.CallSessionsRecord;
import dev.publicsafety.dal.internal.StatementCache;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Records;

/**
 * Call sessions and their only legal life cycle: started as {@code active}, finished once as
 * {@code completed}, {@code terminated} or {@code error}. A finished session is never restarted or
 * finished again; {@code duration_ms} is computed from the timestamps when it finishes.
 */
public final class CallSessionRepository {

    private static final Set<CallSessionStatus> OUTCOMES =
            EnumSet.of(CallSessionStatus.COMPLETED, CallSessionStatus.TERMINATED, CallSessionStatus.ERROR);

    private final TrainingSetUp setUp;
    private final Clock clock;
    private final StatementCache queries;

    /** Works inside whatever transaction {@code ctx} is in; {@link TrainingDatabase} is the usual way to get one. */
    public CallSessionRepository(DSLContext ctx) {
        this(ctx, Clock.systemUTC());
    }

    public CallSessionRepository(DSLContext ctx, Clock clock) {
        this(ctx, clock, new StatementCache(ctx));
    }

    CallSessionRepository(DSLContext ctx, Clock clock, StatementCache queries) {
        this(TrainingSetUp.none(ctx), clock, queries);
    }

    CallSessionRepository(TrainingSetUp setUp, Clock clock, StatementCache queries) {
        this.setUp = setUp;
        this.clock = clock;
        this.queries = queries;
    }

    /** Starts a session for {@code operatorId} on a scenario; the scenario must exist and be active. */
    public CallSession start(String operatorId, UUID scenarioId) {
        if (operatorId == null || operatorId.isBlank()) {
            throw new InvalidInputException("operatorId", "operatorId is required");
        }
        if (operatorId.length() > 255) {
            throw new InvalidInputException("operatorId", "operatorId is longer than 255 characters");
        }
        Scenario scenario = new ScenarioRepository(setUp.dsl()).findById(scenarioId)
                .orElseThrow(() -> new NotFoundException("training_scenarios", scenarioId, "no training scenario with id " + scenarioId));
        if (!scenario.active()) {
            throw new DomainRuleException("scenario '" + scenario.name() + "' is inactive: activate it or pick another");
        }
        CallSessionsRecord record = setUp.dsl().insertInto(CALL_SESSIONS)
                .set(CALL_SESSIONS.OPERATOR_ID, operatorId)
                .set(CALL_SESSIONS.SCENARIO_ID, scenarioId)
                .set(CALL_SESSIONS.STARTED_AT, now())
                .set(CALL_SESSIONS.STATUS, CallSessionStatus.ACTIVE)
                .returning()
                .fetchOne();
        return toSession(record);
    }

    /** Finishes an active session now with {@code outcome} (completed, terminated or error). */
    public CallSession finish(UUID sessionId, CallSessionStatus outcome) {
        return finish(sessionId, outcome, now());
    }

    /** Finishes an active session at {@code endedAt}, which may not precede its start. */
    public CallSession finish(UUID sessionId, CallSessionStatus outcome, OffsetDateTime endedAt) {
        if (!OUTCOMES.contains(outcome)) {
            throw new InvalidInputException("outcome", "a session finishes as one of " + OUTCOMES + ", not " + outcome);
        }
        // Locked so that two finishers cannot both see it active.
        CallSessionsRecord session = setUp.dsl().selectFrom(CALL_SESSIONS).where(CALL_SESSIONS.ID.eq(sessionId)).forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException("call_sessions", sessionId, "no call session with id " + sessionId));
        if (session.getStatus() != CallSessionStatus.ACTIVE) {
            // A finished session is final: it is never finished again or restarted.
            throw new IllegalTransitionException("call_sessions", sessionId, session.getStatus().getLiteral(), outcome.getLiteral(),
                    List.of());
        }
        if (endedAt.isBefore(session.getStartedAt())) {
            throw new InvalidInputException("endedAt", "call session " + sessionId + " cannot end at " + endedAt
                    + ", before it started at " + session.getStartedAt());
        }
        long durationMs = Duration.between(session.getStartedAt(), endedAt).toMillis();
        CallSessionsRecord finished = setUp.dsl().update(CALL_SESSIONS)
                .set(CALL_SESSIONS.STATUS, outcome)
                .set(CALL_SESSIONS.ENDED_AT, endedAt)
                .set(CALL_SESSIONS.DURATION_MS, durationMs)
                .where(CALL_SESSIONS.ID.eq(sessionId))
                .returning()
                .fetchOne();
        return toSession(finished);
    }

    public Optional<CallSession> findById(UUID sessionId) {
        return queries.of(TrainingQueries.SESSION_BY_ID).fetchOptionalAfter(setUp.unsent(), setUp.take(), sessionId).map(Records.mapping(CallSession::new));
    }

    private OffsetDateTime now() {
        // PostgreSQL keeps microseconds; truncating here keeps what we return equal to what is stored.
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static CallSession toSession(CallSessionsRecord r) {
        return new CallSession(r.getId(), r.getOperatorId(), r.getScenarioId(), r.getStartedAt(), r.getEndedAt(),
                r.getDurationMs(), r.getStatus());
    }
}
