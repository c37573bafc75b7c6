package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;

import dev.publicsafety.dal.copy.CopyIn;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.generated.training.tables.records.CallTranscriptsRecord;
import dev.publicsafety.dal.internal.BatchIds;
import dev.publicsafety.dal.internal.StatementCache;
import dev.publicsafety.dal.internal.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        for (int i = 0; i < entries.size(); i++) {
            ids.add(UUID.randomUUID());
        }
        copy(sessionId, entries, ids);
        return ids;
    }

    /**
     * {@link #appendAll(UUID, List)} under a batch id the caller chose, safe to send again: when a
     * commit's answer is lost (the connection drops during COMMIT, which PostgreSQL may already have
     * made durable), resend the same entries under the same id. If they are already stored, nothing
     * is written and the same ids come back. The entries' ids derive from the batch id, so two sends
     * racing each other cannot both commit: the primary key refuses the second.
     *
     * @throws InvalidInputException if the id was used for another session or another number of entries
     */
    public List<UUID> appendAll(UUID batchId, UUID sessionId, List<TranscriptEntry> entries) {
        if (batchId == null) {
            throw new InvalidInputException("batchId", "a resendable transcript batch needs its batch id");
        }
        List<UUID> all = BatchIds.of(batchId, entries.size() + 1);
        List<UUID> ids = all.subList(0, entries.size());
        if (entries.isEmpty()) {
            return ids;
        }
        // A batch is stored whole or not at all: its first id, its last and the one after it tell whether it is there, and its size.
        UUID first = ids.get(0);
        UUID last = ids.get(ids.size() - 1);
        UUID beyond = all.get(entries.size());
        Map<UUID, UUID> stored = setUp.dsl().select(CALL_TRANSCRIPTS.ID, CALL_TRANSCRIPTS.SESSION_ID)
                .from(CALL_TRANSCRIPTS)
                .where(CALL_TRANSCRIPTS.ID.in(first, last, beyond))
                .fetchMap(CALL_TRANSCRIPTS.ID, CALL_TRANSCRIPTS.SESSION_ID);
        if (stored.isEmpty()) {
            copy(sessionId, entries, ids);
        } else if (!stored.values().stream().allMatch(sessionId::equals)) {
            throw new InvalidInputException("batchId", "batch " + batchId + " was stored in another session than " + sessionId);
        } else if (!stored.containsKey(first) || !stored.containsKey(last) || stored.containsKey(beyond)) {
            throw new InvalidInputException("batchId", "batch " + batchId + " was stored with another number of entries than this one's "
                    + entries.size());
        }
        return ids;
    }

    private void copy(UUID sessionId, List<TranscriptEntry> entries, List<UUID> ids) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            TranscriptEntry e = entries.get(i);
            rows.add(new Object[] {ids.get(i), sessionId, e.timestampMs(), e.speaker(), e.text(), e.emotionalState(), e.confidence(),
                    e.audioUrl()});
        }
        CopyIn.copy(setUp.dsl(), CALL_TRANSCRIPTS, COPY_FIELDS, rows);
        UnitOfWork.ingested(CALL_TRANSCRIPTS, rows.size());
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
