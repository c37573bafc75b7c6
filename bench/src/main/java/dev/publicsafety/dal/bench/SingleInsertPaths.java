package dev.publicsafety.dal.bench;

import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;

import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.training.CallSessionRepository;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.TranscriptRepository;
import dev.publicsafety.dal.training.value.Speaker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * One transcript line appended with autocommit: a prepared JDBC insert … RETURNING id (the
 * baseline), the repository, and the same jOOQ insert built and rendered on every call.
 */
final class SingleInsertPaths implements PathSet {

    private static final String SQL = "INSERT INTO training.call_transcripts (session_id, timestamp_ms, speaker, text,"
            + " emotional_state, confidence_score, audio_url) VALUES (?, ?, ?::training.speaker_enum, ?, ?, ?, ?) RETURNING id";

    private final HikariDataSource pool;
    private final DSLContext ctx;
    private final TranscriptRepository transcripts;
    private final UUID session;
    private final TranscriptEntry entry = new TranscriptEntry(1200, Speaker.CALLER,
            "There is someone downstairs, I can hear the back door", "anxious", 0.93, null);

    SingleInsertPaths(HikariDataSource pool) {
        this.pool = pool;
        ctx = DalDsl.using(pool);
        ctx.execute("TRUNCATE training.call_transcripts CASCADE");
        UUID scenario = new ScenarioRepository(ctx).findByKey("burglary-in-progress").orElseThrow().id();
        session = new CallSessionRepository(ctx).start("bench-insert", scenario).id();
        transcripts = new TranscriptRepository(ctx);
    }

    @Override
    public List<Interleaved.Path> paths() {
        return List.of(new Interleaved.Path("SingleInsert.jdbc", this::jdbc),
                new Interleaved.Path("SingleInsert.dalRepository", () -> transcripts.append(session, entry)),
                new Interleaved.Path("SingleInsert.jooqQueryPerCall", this::jooqQueryPerCall));
    }

    private UUID jdbc() throws Exception {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setObject(1, session);
            statement.setLong(2, entry.timestampMs());
            statement.setString(3, entry.speaker().getLiteral());
            statement.setString(4, entry.text());
            statement.setString(5, entry.emotionalState());
            statement.setDouble(6, entry.confidence());
            statement.setNull(7, Types.VARCHAR);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private UUID jooqQueryPerCall() {
        return ctx.insertInto(CALL_TRANSCRIPTS)
                .set(CALL_TRANSCRIPTS.SESSION_ID, session)
                .set(CALL_TRANSCRIPTS.TIMESTAMP_MS, entry.timestampMs())
                .set(CALL_TRANSCRIPTS.SPEAKER, entry.speaker())
                .set(CALL_TRANSCRIPTS.TEXT, entry.text())
                .set(CALL_TRANSCRIPTS.EMOTIONAL_STATE, entry.emotionalState())
                .set(CALL_TRANSCRIPTS.CONFIDENCE_SCORE, entry.confidence())
                .set(CALL_TRANSCRIPTS.AUDIO_URL, entry.audioUrl())
                .returningResult(CALL_TRANSCRIPTS.ID)
                .fetchSingle(Record1::value1);
    }

    @Override
    public void close() {
        ctx.execute("TRUNCATE training.call_transcripts CASCADE");
    }
}
