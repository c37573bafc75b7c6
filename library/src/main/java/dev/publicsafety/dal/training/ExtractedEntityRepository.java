package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;
import static dev.publicsafety.dal.generated.training.Tables.EXTRACTED_ENTITIES;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.select;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.training.value.EntityType;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.Table;

/** Entities extracted from transcript entries, with their spans checked against the entry's text. */
public final class ExtractedEntityRepository {

    private final DSLContext ctx;

    /** Works inside whatever transaction {@code ctx} is in; {@link TrainingDatabase} is the usual way to get one. */
    public ExtractedEntityRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Attaches an entity to a transcript entry. The span {@code [start, end)} must lie inside the
     * entry's text and cover exactly {@code value}; otherwise nothing is written.
     */
    public ExtractedEntity attach(UUID transcriptId, EntityType type, String value, Double confidence, int start, int end) {
        String text = ctx.select(CALL_TRANSCRIPTS.TEXT).from(CALL_TRANSCRIPTS).where(CALL_TRANSCRIPTS.ID.eq(transcriptId))
                .fetchOptional(CALL_TRANSCRIPTS.TEXT)
                .orElseThrow(() -> new NotFoundException("call_transcripts", transcriptId, "no transcript entry with id " + transcriptId));
        if (type == null) {
            throw new InvalidInputException("type", "entity type is required");
        }
        if (start < 0 || end <= start || end > text.length()) {
            throw new InvalidInputException("start", "entity span [" + start + ", " + end + ") is outside the text of transcript entry "
                    + transcriptId + ", which has " + text.length() + " characters");
        }
        String covered = text.substring(start, end);
        if (!covered.equals(value)) {
            throw new InvalidInputException("value", "entity span [" + start + ", " + end + ") of transcript entry " + transcriptId
                    + " covers '" + covered + "', not the value '" + value + "'");
        }
        if (confidence == null) {
            throw new InvalidInputException("confidence", "entity confidence is required (NOT NULL since training V4, as in the simulator)");
        }
        if (confidence < 0 || confidence > 1) {
            throw new InvalidInputException("confidence", "entity confidence must be between 0 and 1, was " + confidence);
        }
        UUID id = ctx.insertInto(EXTRACTED_ENTITIES)
                .set(EXTRACTED_ENTITIES.TRANSCRIPT_ID, transcriptId)
                .set(EXTRACTED_ENTITIES.ENTITY_TYPE, type.name())
                .set(EXTRACTED_ENTITIES.ENTITY_VALUE, value)
                .set(EXTRACTED_ENTITIES.CONFIDENCE_SCORE, confidence)
                .set(EXTRACTED_ENTITIES.START_CHAR, start)
                .set(EXTRACTED_ENTITIES.END_CHAR, end)
                .returning(EXTRACTED_ENTITIES.ID)
                .fetchOne(EXTRACTED_ENTITIES.ID);
        return new ExtractedEntity(id, transcriptId, type, value, confidence, start, end, type.name());
    }

    /** The entities of one transcript entry, in text order. */
    public List<ExtractedEntity> forTranscriptEntry(UUID transcriptId) {
        return ctx.select(EXTRACTED_ENTITIES.ID, EXTRACTED_ENTITIES.TRANSCRIPT_ID, EXTRACTED_ENTITIES.ENTITY_TYPE,
                        EXTRACTED_ENTITIES.ENTITY_VALUE, EXTRACTED_ENTITIES.CONFIDENCE_SCORE, EXTRACTED_ENTITIES.START_CHAR,
                        EXTRACTED_ENTITIES.END_CHAR)
                .from(EXTRACTED_ENTITIES)
                .where(EXTRACTED_ENTITIES.TRANSCRIPT_ID.eq(transcriptId))
                .orderBy(EXTRACTED_ENTITIES.START_CHAR)
                .fetch(r -> new ExtractedEntity(r.value1(), r.value2(), ExtractedEntity.typeOf(r.value3()), r.value4(),
                        r.value5(), r.value6(), r.value7(), r.value3()));
    }

    /**
     * Occurrences of an entity type across sessions, newest session first, at most {@code limit}.
     * Sessions are walked by start time (index) and each one's lines and entities looked up by key,
     * so the query stops once it has {@code limit} rows however large the transcripts grow.
     */
    public List<EntityOccurrence> findByType(EntityType type, int limit) {
        Table<Record5<UUID, UUID, Long, String, Double>> mentions = lateral(
                select(CALL_TRANSCRIPTS.SESSION_ID, CALL_TRANSCRIPTS.ID, CALL_TRANSCRIPTS.TIMESTAMP_MS,
                        EXTRACTED_ENTITIES.ENTITY_VALUE, EXTRACTED_ENTITIES.CONFIDENCE_SCORE)
                        .from(CALL_TRANSCRIPTS)
                        .join(EXTRACTED_ENTITIES).on(EXTRACTED_ENTITIES.TRANSCRIPT_ID.eq(CALL_TRANSCRIPTS.ID))
                        .where(CALL_TRANSCRIPTS.SESSION_ID.eq(CALL_SESSIONS.ID))
                        .and(EXTRACTED_ENTITIES.ENTITY_TYPE.eq(type.name()))
                        // A limit keeps PostgreSQL from flattening the lateral into one big join.
                        .orderBy(CALL_TRANSCRIPTS.TIMESTAMP_MS)
                        .limit(limit)).as("mention");
        return ctx.select(mentions.fields())
                .from(CALL_SESSIONS)
                .crossJoin(mentions)
                .orderBy(CALL_SESSIONS.STARTED_AT.desc(), mentions.field(CALL_TRANSCRIPTS.TIMESTAMP_MS))
                .limit(limit)
                .fetch(r -> new EntityOccurrence(r.get(0, UUID.class), r.get(1, UUID.class), r.get(2, Long.class),
                        r.get(3, String.class), r.get(4, Double.class)));
    }
}
