package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.training.CallSession;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.value.Speaker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The training domain's documented entry point, one transaction per call exactly as the README
 * shows it ({@code training.inTransaction(tx -> tx.sessions().findById(id))}, and the same for
 * appending a transcript line), against JDBC running the same transaction on the same pool:
 * auto-commit off, the statement, commit.
 */
final class TrainingEntryPointPaths {

    private static final String READ = "SELECT id, operator_id, scenario_id, started_at, ended_at, duration_ms, status"
            + " FROM training.call_sessions WHERE id = ?";
    private static final String INSERT = "INSERT INTO training.call_transcripts (session_id, timestamp_ms, speaker, text,"
            + " emotional_state, confidence_score, audio_url) VALUES (?, ?, ?::training.speaker_enum, ?, ?, ?, ?) RETURNING id";
    private static final int SESSIONS = 10_000;

    private TrainingEntryPointPaths() {
    }

    /** A point read by primary key. */
    static PathSet reads(HikariDataSource pool) {
        DSLContext ctx = DalDsl.using(pool);
        TrainingDatabase training = new TrainingDatabase(pool);
        UUID scenario = training.inTransaction(tx -> tx.scenarios().findByKey("car-accident")).orElseThrow().id();
        ctx.execute("INSERT INTO training.call_sessions (operator_id, scenario_id) SELECT 'entry-' || g, ? FROM generate_series(1, ?) g",
                scenario, SESSIONS);
        ctx.execute("ANALYZE training.call_sessions");
        UUID[] ids = ctx.select(dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS.ID)
                .from(dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS)
                .fetch(dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS.ID).toArray(UUID[]::new);
        Ids next = new Ids(ids);
        return new Paths(List.of(
                new Interleaved.Path("EntryPointRead.training.jdbc", () -> jdbcRead(pool, next.next())),
                new Interleaved.Path("EntryPointRead.training.dal",
                        () -> training.inTransaction(tx -> tx.sessions().findById(next.next())).orElseThrow())));
    }

    /** Appending one transcript line. */
    static PathSet inserts(HikariDataSource pool) {
        TrainingDatabase training = new TrainingDatabase(pool);
        UUID session = training.inTransaction(tx -> tx.sessions().start("entry-insert",
                tx.scenarios().findByKey("burglary-in-progress").orElseThrow().id())).id();
        TranscriptEntry entry = new TranscriptEntry(1200, Speaker.CALLER, "There is someone downstairs, I can hear the back door",
                "anxious", 0.93, null);
        return new Paths(List.of(
                new Interleaved.Path("EntryPointInsert.training.jdbc", () -> jdbcInsert(pool, session, entry)),
                new Interleaved.Path("EntryPointInsert.training.dal",
                        () -> training.inTransaction(tx -> tx.transcripts().append(session, entry)))));
    }

    private static CallSession jdbcRead(HikariDataSource pool, UUID id) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            CallSession session;
            try (PreparedStatement statement = connection.prepareStatement(READ)) {
                statement.setObject(1, id);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    long duration = rs.getLong(6);
                    session = new CallSession(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
                            rs.wasNull() ? null : duration, CallSessionStatus.lookupLiteral(rs.getString(7)));
                }
            }
            connection.commit();
            return session;
        }
    }

    private static UUID jdbcInsert(HikariDataSource pool, UUID session, TranscriptEntry entry) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            UUID id;
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                statement.setObject(1, session);
                statement.setLong(2, entry.timestampMs());
                statement.setString(3, entry.speaker().getLiteral());
                statement.setString(4, entry.text());
                statement.setString(5, entry.emotionalState());
                statement.setDouble(6, entry.confidence());
                statement.setNull(7, Types.VARCHAR);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    id = rs.getObject(1, UUID.class);
                }
            }
            connection.commit();
            return id;
        }
    }

    /** Walks the ids in a fixed stride, so both paths read the same spread of rows. */
    static final class Ids {
        private final UUID[] ids;
        private int at;

        Ids(UUID[] ids) {
            this.ids = ids;
        }

        UUID next() {
            at = (at + 7919) % ids.length;
            return ids[at];
        }
    }

    /** Paths over data that stays for the run. */
    record Paths(List<Interleaved.Path> paths, AutoCloseable onClose) implements PathSet {

        Paths(List<Interleaved.Path> paths) {
            this(paths, () -> { });
        }

        @Override
        public void close() throws Exception {
            onClose.close();
        }
    }
}
