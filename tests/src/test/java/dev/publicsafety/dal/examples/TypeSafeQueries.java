package dev.publicsafety.dal.examples;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;
import static dev.publicsafety.dal.generated.training.Tables.EXTRACTED_ENTITIES;
import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.IncidentsRecord;
import dev.publicsafety.dal.generated.training.enums.DifficultyLevel;
import dev.publicsafety.dal.training.value.Speaker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Records;

/** The README's "Writing type-safe queries" examples; ReadmeExamplesTest keeps the two in step. */
final class TypeSafeQueries {

    private TypeSafeQueries() {
    }

    // tag::open-incidents[]
    static List<IncidentsRecord> openIncidentsByPriority(DSLContext ctx, UUID orgId) {
        return ctx.selectFrom(INCIDENTS)
                .where(INCIDENTS.ORG_ID.eq(orgId))
                .and(INCIDENTS.STATUS.notIn(IncidentStatus.RESOLVED, IncidentStatus.CLOSED, IncidentStatus.CANCELLED))
                .and(INCIDENTS.DELETED_AT.isNull())
                .orderBy(INCIDENTS.PRIORITY, INCIDENTS.REPORTED_AT)
                .fetch();
    }
    // end::open-incidents[]

    // tag::transcript[]
    record EntityMention(String type, String value) {}

    record TranscriptLine(long timestampMs, Speaker speaker, String text, List<EntityMention> entities) {}

    static List<TranscriptLine> transcriptWithEntities(DSLContext ctx, UUID sessionId) {
        return ctx.select(
                        CALL_TRANSCRIPTS.TIMESTAMP_MS,
                        CALL_TRANSCRIPTS.SPEAKER,
                        CALL_TRANSCRIPTS.TEXT,
                        multiset(select(EXTRACTED_ENTITIES.ENTITY_TYPE, EXTRACTED_ENTITIES.ENTITY_VALUE)
                                .from(EXTRACTED_ENTITIES)
                                .where(EXTRACTED_ENTITIES.TRANSCRIPT_ID.eq(CALL_TRANSCRIPTS.ID))
                                .orderBy(EXTRACTED_ENTITIES.START_CHAR))
                                .convertFrom(r -> r.map(Records.mapping(EntityMention::new))))
                .from(CALL_TRANSCRIPTS)
                .where(CALL_TRANSCRIPTS.SESSION_ID.eq(sessionId))
                .orderBy(CALL_TRANSCRIPTS.TIMESTAMP_MS)
                .fetch(Records.mapping(TranscriptLine::new));
    }
    // end::transcript[]

    // tag::scenarios-by-difficulty[]
    static Map<DifficultyLevel, List<String>> activeScenarioNamesByDifficulty(DSLContext ctx) {
        return ctx.select(TRAINING_SCENARIOS.DIFFICULTY_LEVEL, TRAINING_SCENARIOS.NAME)
                .from(TRAINING_SCENARIOS)
                .where(TRAINING_SCENARIOS.IS_ACTIVE)
                .orderBy(TRAINING_SCENARIOS.DIFFICULTY_LEVEL, TRAINING_SCENARIOS.NAME)
                .fetchGroups(TRAINING_SCENARIOS.DIFFICULTY_LEVEL, TRAINING_SCENARIOS.NAME);
    }
    // end::scenarios-by-difficulty[]
}
