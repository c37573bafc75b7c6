package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.training.CallSessionRepository;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.TranscriptRepository;
import dev.publicsafety.dal.training.value.Speaker;
import java.io.StringReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;

/** Bulk ingest of 5,000 transcript rows: a hand-written COPY of them (the baseline) and the repository's appendAll. */
final class TranscriptIngestPaths implements PathSet {

    static final int ROWS = 5000;
    private static final String COPY_SQL = "COPY training.call_transcripts (id, session_id, timestamp_ms, speaker, text, emotional_state,"
            + " confidence_score, audio_url) FROM STDIN (FORMAT csv)";

    private final HikariDataSource pool;
    private final DSLContext ctx;
    private final UUID session;
    private final List<TranscriptEntry> entries;

    TranscriptIngestPaths(HikariDataSource pool) {
        this.pool = pool;
        ctx = DalDsl.using(pool);
        UUID scenario = new ScenarioRepository(ctx).findByKey("heart-attack").orElseThrow().id();
        session = new CallSessionRepository(ctx).start("bench-operator", scenario).id();
        entries = Transcripts.generate(ROWS, new Random(42));
    }

    @Override
    public List<Interleaved.Path> paths() {
        return List.of(new Interleaved.Path("TranscriptIngest.rawCopy", this::rawCopy),
                new Interleaved.Path("TranscriptIngest.dalAppendAll", () -> ctx.transactionResult(
                        configuration -> new TranscriptRepository(configuration.dsl()).appendAll(session, entries))));
    }

    @Override
    public void beforeRound() {
        ctx.execute("TRUNCATE training.call_transcripts CASCADE");
    }

    private long rawCopy() throws Exception {
        StringBuilder csv = new StringBuilder(ROWS * 120);
        for (TranscriptEntry e : entries) {
            csv.append(UUID.randomUUID()).append(',').append(session).append(',').append(e.timestampMs()).append(',')
                    .append(e.speaker().getLiteral()).append(',');
            csv.append('"').append(e.text().replace("\"", "\"\"")).append('"');
            csv.append(',').append(e.emotionalState() == null ? "" : e.emotionalState()).append(',')
                    .append(e.confidence() == null ? "" : e.confidence().toString()).append(",\n");
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL, new StringReader(csv.toString()));
            connection.commit();
            return copied;
        }
    }

    @Override
    public void close() {
        beforeRound();
    }

    /** Transcript-shaped rows: short utterances, a detector label, a confidence. */
    static final class Transcripts {

        private static final String[] WORDS = {"the", "address", "is", "there", "someone", "in", "my", "house", "he", "has",
            "a", "knife", "please", "hurry", "I", "am", "hiding", "upstairs", "bedroom", "door", "locked", "breathing"};

        private Transcripts() {
        }

        static List<TranscriptEntry> generate(int count, Random random) {
            List<TranscriptEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                StringBuilder text = new StringBuilder();
                int words = 8 + random.nextInt(12);
                for (int w = 0; w < words; w++) {
                    text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                }
                entries.add(new TranscriptEntry(i * 1500L, i % 2 == 0 ? Speaker.OPERATOR : Speaker.CALLER,
                        text.toString(), i % 2 == 0 ? "calm" : "anxious", 0.8 + random.nextDouble() * 0.2, null));
            }
            return entries;
        }
    }
}
