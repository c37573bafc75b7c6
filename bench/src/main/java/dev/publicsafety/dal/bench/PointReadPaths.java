package dev.publicsafety.dal.bench;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.training.CallSession;
import dev.publicsafety.dal.training.CallSessionRepository;
import dev.publicsafety.dal.training.ScenarioRepository;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Records;

/**
 * A primary-key read of one call session: a prepared JDBC statement that maps the same record (the
 * baseline), the repository, and, for scale, the same jOOQ query built and rendered on every call
 * (what the repository did before it kept its SQL in a {@link dev.publicsafety.dal.internal.RenderedQuery}).
 */
final class PointReadPaths implements PathSet {

    private static final String SQL = "SELECT id, operator_id, scenario_id, started_at, ended_at, duration_ms, status"
            + " FROM training.call_sessions WHERE id = ?";
    private static final int SESSIONS = 10_000;

    private final HikariDataSource pool;
    private final DSLContext ctx;
    private final CallSessionRepository repository;
    private final UUID[] ids;
    private int next;

    PointReadPaths(HikariDataSource pool) {
        this.pool = pool;
        ctx = DalDsl.using(pool);
        UUID scenario = new ScenarioRepository(ctx).findByKey("car-accident").orElseThrow().id();
        ctx.execute("INSERT INTO training.call_sessions (operator_id, scenario_id) SELECT 'bench-' || g, ? FROM generate_series(1, ?) g",
                scenario, SESSIONS);
        ctx.execute("ANALYZE training.call_sessions");
        List<UUID> all = ctx.select(CALL_SESSIONS.ID).from(CALL_SESSIONS).fetch(CALL_SESSIONS.ID);
        ids = all.toArray(UUID[]::new);
        repository = new CallSessionRepository(ctx);
    }

    @Override
    public List<Interleaved.Path> paths() {
        return List.of(new Interleaved.Path("PointRead.jdbc", this::jdbc),
                new Interleaved.Path("PointRead.dalRepository", () -> repository.findById(nextId()).orElseThrow()),
                new Interleaved.Path("PointRead.jooqQueryPerCall", this::jooqQueryPerCall));
    }

    private UUID nextId() {
        next = (next + 7919) % ids.length;
        return ids[next];
    }

    private CallSession jdbc() throws Exception {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setObject(1, nextId());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long duration = rs.getLong(6);
                return new CallSession(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), rs.wasNull() ? null : duration,
                        CallSessionStatus.lookupLiteral(rs.getString(7)));
            }
        }
    }

    private CallSession jooqQueryPerCall() {
        return ctx.select(CALL_SESSIONS.ID, CALL_SESSIONS.OPERATOR_ID, CALL_SESSIONS.SCENARIO_ID, CALL_SESSIONS.STARTED_AT,
                        CALL_SESSIONS.ENDED_AT, CALL_SESSIONS.DURATION_MS, CALL_SESSIONS.STATUS)
                .from(CALL_SESSIONS)
                .where(CALL_SESSIONS.ID.eq(nextId()))
                .fetchSingle(Records.mapping(CallSession::new));
    }

    @Override
    public void close() {
        ctx.execute("DELETE FROM training.call_sessions WHERE operator_id LIKE 'bench-%'");
    }
}
