package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;

import dev.publicsafety.dal.internal.RenderedQuery;
import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record7;
import org.jooq.impl.DSL;

/**
 * The training repositories' hot queries, rendered once per {@link TrainingDatabase} (or per
 * repository built on a bare context) and run in every transaction.
 */
record TrainingQueries(
        RenderedQuery<Record7<UUID, String, UUID, OffsetDateTime, OffsetDateTime, Long, CallSessionStatus>> sessionById,
        RenderedQuery<Record1<UUID>> appendTranscript) {

    static TrainingQueries render(DSLContext ctx) {
        return new TrainingQueries(
                // Only the columns a CallSession has, mapped straight into it: no metadata JSONB, no attached record.
                RenderedQuery.of(ctx, ctx.select(CALL_SESSIONS.ID, CALL_SESSIONS.OPERATOR_ID, CALL_SESSIONS.SCENARIO_ID,
                                CALL_SESSIONS.STARTED_AT, CALL_SESSIONS.ENDED_AT, CALL_SESSIONS.DURATION_MS, CALL_SESSIONS.STATUS)
                        .from(CALL_SESSIONS)
                        .where(CALL_SESSIONS.ID.eq(DSL.param("id", CALL_SESSIONS.ID)))),
                RenderedQuery.of(ctx, ctx.insertInto(CALL_TRANSCRIPTS)
                        .set(CALL_TRANSCRIPTS.SESSION_ID, DSL.param("session_id", CALL_TRANSCRIPTS.SESSION_ID))
                        .set(CALL_TRANSCRIPTS.TIMESTAMP_MS, DSL.param("timestamp_ms", CALL_TRANSCRIPTS.TIMESTAMP_MS))
                        .set(CALL_TRANSCRIPTS.SPEAKER, DSL.param("speaker", CALL_TRANSCRIPTS.SPEAKER))
                        .set(CALL_TRANSCRIPTS.TEXT, DSL.param("text", CALL_TRANSCRIPTS.TEXT))
                        .set(CALL_TRANSCRIPTS.EMOTIONAL_STATE, DSL.param("emotional_state", CALL_TRANSCRIPTS.EMOTIONAL_STATE))
                        .set(CALL_TRANSCRIPTS.CONFIDENCE_SCORE, DSL.param("confidence_score", CALL_TRANSCRIPTS.CONFIDENCE_SCORE))
                        .set(CALL_TRANSCRIPTS.AUDIO_URL, DSL.param("audio_url", CALL_TRANSCRIPTS.AUDIO_URL))
                        .returningResult(CALL_TRANSCRIPTS.ID)));
    }
}
