package dev.publicsafety.dal.bench;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.generated.training.enums.CallSessionStatusEnum;
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
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A primary-key read of one call session: the repository (with jOOQ's default settings and with
 * {@link DalDsl}'s) against a prepared JDBC statement that maps the same record.
 */
@State(Scope.Benchmark)
public class PointReadBenchmark {

    private static final String SQL = "SELECT id, operator_id, scenario_id, started_at, ended_at, duration_ms, status"
            + " FROM training.call_sessions WHERE id = ?";
    private static final int SESSIONS = 10_000;

    private HikariDataSource pool;
    private CallSessionRepository tuned;
    private CallSessionRepository defaults;
    private UUID[] ids;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        pool = BenchDatabase.pool();
        DSLContext ctx = DalDsl.using(pool);
        UUID scenario = new ScenarioRepository(ctx).findByKey("car-accident").orElseThrow().id();
        ctx.execute("INSERT INTO training.call_sessions (operator_id, scenario_id) SELECT 'bench-' || g, ? FROM generate_series(1, ?) g",
                scenario, SESSIONS);
        ctx.execute("ANALYZE training.call_sessions");
        List<UUID> all = ctx.select(CALL_SESSIONS.ID).from(CALL_SESSIONS).fetch(CALL_SESSIONS.ID);
        ids = all.toArray(UUID[]::new);
        tuned = new CallSessionRepository(ctx);
        defaults = new CallSessionRepository(DSL.using(pool, SQLDialect.POSTGRES));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    private UUID nextId() {
        next = (next + 7919) % ids.length;
        return ids[next];
    }

    @Benchmark
    public CallSession jdbc() throws Exception {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setObject(1, nextId());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long duration = rs.getLong(6);
                return new CallSession(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), rs.wasNull() ? null : duration,
                        CallSessionStatusEnum.lookupLiteral(rs.getString(7)));
            }
        }
    }

    @Benchmark
    public CallSession dalRepository() {
        return tuned.findById(nextId()).orElseThrow();
    }

    @Benchmark
    public CallSession dalRepositoryDefaultSettings() {
        return defaults.findById(nextId()).orElseThrow();
    }
}
