package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;

import dev.publicsafety.dal.copy.CopyIn;
import dev.publicsafety.dal.generated.training.tables.records.CallTranscriptsRecord;
import dev.publicsafety.dal.internal.StatementCache;
import dev.publicsafety.dal.internal.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;

/** The transcript of a call session: appended line by line live, or in bulk on import. */
public final class TranscriptRepository {

    private static final List<Field<?>> COPY_FIELDS = List.of(CALL_TRANSCRIPTS.ID, CALL_TRANSCRIPTS.SESSION_ID,
            CALL_TRANSCRIPTS.TIMESTAMP_MS, CALL_TRANSCRIPTS.SPEAKER, CALL_TRANSCRIPTS.TEXT, CALL_TRANSCRIPTS.EMOTIONAL_STATE,
            CALL_TRANSCRIPTS.CONFIDENCE_SCORE, CALL_TRANSCRIPTS.AUDIO_URL);

    private final TrainingSetUp setUp;
    private final StatementCache queries;

    /** Works inside whatever transaction {@code ctx} is in; {@link TrainingDatabase} is the usual way to get one. */
    public TranscriptRepository(DSLContext ctx) {
        this(ctx, new StatementCache(ctx));
    }

    TranscriptRepository(DSLContext ctx, StatementCache queries) {
        this(TrainingSetUp.none(ctx), queries);
    }

    TranscriptRepository(TrainingSetUp setUp, StatementCache queries) {
        this.setUp = setUp;
        this.queries = queries;
    }

    /** Appends one entry; returns its id. */
    public UUID append(UUID sessionId, TranscriptEntry entry) {
        return queries.of(TrainingQueries.APPEND_TRANSCRIPT).fetchSingleAfter(setUp.unsent(), setUp.take(), sessionId, entry.timestampMs(), entry.speaker(), entry.text(), entry.emotionalState(),
                entry.confidence(), entry.audioUrl()).value1();
    }

    /**
     * Appends many entries with one COPY, for imports; all or nothing within the caller's
     * transaction. Returns the ids in the order of {@code entries}.
     */
    public List<UUID> appendAll(UUID sessionId, List<TranscriptEntry> entries) {
        List<UUID> ids = new ArrayList<>(entries.size());
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (TranscriptEntry e : entries) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.add(new Object[] {id, sessionId, e.timestampMs(), e.speaker(), e.text(), e.emotionalState(), e.confidence(),
                    e.audioUrl()});
        }
        CopyIn.copy(setUp.dsl(), CALL_TRANSCRIPTS, COPY_FIELDS, rows);
        UnitOfWork.ingested(CALL_TRANSCRIPTS, rows.size());
        return ids;
    }

    /** The whole transcript of a session, in spoken order. */
    public List<TranscriptLine> transcript(UUID sessionId) {
        return setUp.dsl().selectFrom(CALL_TRANSCRIPTS)
                .where(CALL_TRANSCRIPTS.SESSION_ID.eq(sessionId))
                .orderBy(CALL_TRANSCRIPTS.TIMESTAMP_MS, CALL_TRANSCRIPTS.ID)
                .fetch(TranscriptRepository::toLine);
    }

    static TranscriptLine toLine(CallTranscriptsRecord r) {
        return new TranscriptLine(r.getId(), r.getSessionId(), r.getTimestampMs(), r.getSpeaker(), r.getText(),
                r.getEmotionalState(), r.getConfidenceScore(), r.getAudioUrl());
    }
}
