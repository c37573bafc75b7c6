package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;

import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.internal.NamedStatement;
import dev.publicsafety.dal.internal.StatementCache;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Record1;
import org.jooq.Record7;
import org.jooq.impl.DSL;

/**
 * The training repositories' hot statements, declared once and rendered once per
 * {@link TrainingDatabase} (or per repository built on a bare context) in its
 * {@link StatementCache}.
 */
final class TrainingQueries {

    /** Only the columns a CallSession has, mapped straight into it: no metadata JSONB, no attached record. */
    static final NamedStatement<Record7<UUID, String, UUID, OffsetDateTime, OffsetDateTime, Long, CallSessionStatus>> SESSION_BY_ID =
            new NamedStatement<>("a session by id", List.of("id"), ctx -> ctx.select(CALL_SESSIONS.ID, CALL_SESSIONS.OPERATOR_ID,
                            CALL_SESSIONS.SCENARIO_ID, CALL_SESSIONS.STARTED_AT, CALL_SESSIONS.ENDED_AT, CALL_SESSIONS.DURATION_MS,
                            CALL_SESSIONS.STATUS)
                    .from(CALL_SESSIONS)
                    .where(CALL_SESSIONS.ID.eq(DSL.param("id", CALL_SESSIONS.ID))));

    static final NamedStatement<Record1<UUID>> APPEND_TRANSCRIPT = new NamedStatement<>("a transcript entry's insert",
            List.of("session_id", "timestamp_ms", "speaker", "text", "emotional_state", "confidence_score", "audio_url"),
            ctx -> ctx.insertInto(CALL_TRANSCRIPTS)
                    .set(CALL_TRANSCRIPTS.SESSION_ID, DSL.param("session_id", CALL_TRANSCRIPTS.SESSION_ID))
                    .set(CALL_TRANSCRIPTS.TIMESTAMP_MS, DSL.param("timestamp_ms", CALL_TRANSCRIPTS.TIMESTAMP_MS))
                    .set(CALL_TRANSCRIPTS.SPEAKER, DSL.param("speaker", CALL_TRANSCRIPTS.SPEAKER))
                    .set(CALL_TRANSCRIPTS.TEXT, DSL.param("text", CALL_TRANSCRIPTS.TEXT))
                    .set(CALL_TRANSCRIPTS.EMOTIONAL_STATE, DSL.param("emotional_state", CALL_TRANSCRIPTS.EMOTIONAL_STATE))
                    .set(CALL_TRANSCRIPTS.CONFIDENCE_SCORE, DSL.param("confidence_score", CALL_TRANSCRIPTS.CONFIDENCE_SCORE))
                    .set(CALL_TRANSCRIPTS.AUDIO_URL, DSL.param("audio_url", CALL_TRANSCRIPTS.AUDIO_URL))
                    .returningResult(CALL_TRANSCRIPTS.ID));

    private TrainingQueries() {
    }
}
