package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.generated.training.enums.SpeakerEnum;
import dev.publicsafety.dal.training.CallSessionRepository;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.TranscriptRepository;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.UUID;
import org.jooq.DSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One transcript line appended with autocommit: the repository against a prepared JDBC insert … RETURNING id. */
@State(Scope.Benchmark)
public class SingleInsertBenchmark {

    private static final String SQL = "INSERT INTO training.call_transcripts (session_id, timestamp_ms, speaker, text,"
            + " emotional_state, confidence_score, audio_url) VALUES (?, ?, ?::training.speaker_enum, ?, ?, ?, ?) RETURNING id";

    private HikariDataSource pool;
    private TranscriptRepository transcripts;
    private UUID session;
    private final TranscriptEntry entry = new TranscriptEntry(1200, SpeakerEnum.CALLER,
            "There is someone downstairs, I can hear the back door", "anxious", 0.93, null);

    @Setup(Level.Trial)
    public void setUp() {
        pool = BenchDatabase.pool();
        DSLContext ctx = DalDsl.using(pool);
        UUID scenario = new ScenarioRepository(ctx).findByKey("burglary-in-progress").orElseThrow().id();
        session = new CallSessionRepository(ctx).start("bench-insert", scenario).id();
        transcripts = new TranscriptRepository(ctx);
    }

    /** Each iteration starts from an empty table, so whichever benchmark runs later does not pay for a bigger index. */
    @Setup(Level.Iteration)
    public void truncate() throws Exception {
        try (Connection connection = pool.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE training.call_transcripts CASCADE");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public UUID jdbc() throws Exception {
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

    @Benchmark
    public UUID dalRepository() {
        return transcripts.append(session, entry);
    }
}
