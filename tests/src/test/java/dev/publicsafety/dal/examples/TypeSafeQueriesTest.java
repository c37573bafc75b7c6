package dev.publicsafety.dal.examples;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.fleet.Tables.ORGANIZATIONS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;
import static dev.publicsafety.dal.generated.training.Tables.EXTRACTED_ENTITIES;
import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.examples.TypeSafeQueries.EntityMention;
import dev.publicsafety.dal.examples.TypeSafeQueries.TranscriptLine;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.training.enums.DifficultyLevel;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.value.Speaker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class TypeSafeQueriesTest {

    @Test
    void shouldListOpenIncidentsOfOneOrganizationByPriority(TestDatabase db) {
        DSLContext ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        UUID north = ctx.insertInto(ORGANIZATIONS, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG).values("North", "north")
                .returning(ORGANIZATIONS.ID).fetchOne().getId();
        UUID south = ctx.insertInto(ORGANIZATIONS, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG).values("South", "south")
                .returning(ORGANIZATIONS.ID).fetchOne().getId();
        ctx.insertInto(INCIDENTS, INCIDENTS.ORG_ID, INCIDENTS.INCIDENT_NUMBER, INCIDENTS.TITLE, INCIDENTS.INCIDENT_TYPE,
                        INCIDENTS.PRIORITY, INCIDENTS.STATUS)
                .values(north, "N-1", "Minor", "traffic", (short) 4, IncidentStatus.NEW)
                .values(north, "N-2", "Structure fire", "fire", (short) 1, IncidentStatus.DISPATCHED)
                .values(north, "N-3", "Closed one", "fire", (short) 1, IncidentStatus.CLOSED)
                .values(south, "S-1", "Other agency", "fire", (short) 1, IncidentStatus.NEW)
                .execute();

        assertEquals(List.of("N-2", "N-1"), TypeSafeQueries.openIncidentsByPriority(ctx, north).stream().map(r -> r.getIncidentNumber()).toList());
    }

    @Test
    void shouldReadATranscriptWithItsEntitiesAndScenariosByDifficulty(TestDatabase db) {
        DSLContext ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        UUID scenario = ctx.insertInto(TRAINING_SCENARIOS)
                .set(TRAINING_SCENARIOS.NAME, "Car Accident")
                .set(TRAINING_SCENARIOS.DESCRIPTION, "A crash with one hurt")
                .set(TRAINING_SCENARIOS.DIFFICULTY_LEVEL, DifficultyLevel.EASY)
                .set(DSL.field(TRAINING_SCENARIOS.CALLER_PROFILE.getUnqualifiedName(), JSONB.class), JSONB.valueOf("{}"))
                .set(DSL.field(TRAINING_SCENARIOS.SCENARIO_SCRIPT.getUnqualifiedName(), JSONB.class), JSONB.valueOf("{}"))
                .returning(TRAINING_SCENARIOS.ID).fetchOne().getId();
        UUID session = ctx.insertInto(CALL_SESSIONS, CALL_SESSIONS.OPERATOR_ID, CALL_SESSIONS.SCENARIO_ID)
                .values("op-7", scenario).returning(CALL_SESSIONS.ID).fetchOne().getId();
        UUID line = ctx.insertInto(CALL_TRANSCRIPTS, CALL_TRANSCRIPTS.SESSION_ID, CALL_TRANSCRIPTS.TIMESTAMP_MS,
                        CALL_TRANSCRIPTS.SPEAKER, CALL_TRANSCRIPTS.TEXT)
                .values(session, 1200L, Speaker.CALLER, "A crash at 3100 Riverside Drive, one hurt")
                .returning(CALL_TRANSCRIPTS.ID).fetchOne().getId();
        ctx.insertInto(CALL_TRANSCRIPTS, CALL_TRANSCRIPTS.SESSION_ID, CALL_TRANSCRIPTS.TIMESTAMP_MS,
                        CALL_TRANSCRIPTS.SPEAKER, CALL_TRANSCRIPTS.TEXT)
                .values(session, 0L, Speaker.OPERATOR, "911, what is the address of your emergency?").execute();
        ctx.insertInto(EXTRACTED_ENTITIES, EXTRACTED_ENTITIES.TRANSCRIPT_ID, EXTRACTED_ENTITIES.ENTITY_TYPE,
                        EXTRACTED_ENTITIES.ENTITY_VALUE, EXTRACTED_ENTITIES.CONFIDENCE_SCORE, EXTRACTED_ENTITIES.START_CHAR,
                        EXTRACTED_ENTITIES.END_CHAR)
                .values(line, "INJURY", "one hurt", 0.9, 33, 41)
                .values(line, "LOCATION", "3100 Riverside Drive", 0.95, 11, 31)
                .execute();

        List<TranscriptLine> transcript = TypeSafeQueries.transcriptWithEntities(ctx, session);
        assertEquals(List.of(
                new TranscriptLine(0L, Speaker.OPERATOR, "911, what is the address of your emergency?", List.of()),
                new TranscriptLine(1200L, Speaker.CALLER, "A crash at 3100 Riverside Drive, one hurt", List.of(
                        new EntityMention("LOCATION", "3100 Riverside Drive"), new EntityMention("INJURY", "one hurt")))),
                transcript);
        assertEquals(Map.of(DifficultyLevel.EASY, List.of("Car Accident")),
                TypeSafeQueries.activeScenarioNamesByDifficulty(ctx));
    }

    @Test
    void shouldShowTheseExamplesVerbatimInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String examples = Files.readString(Path.of("src/test/java/dev/publicsafety/dal/examples/TypeSafeQueries.java"));
        Matcher region = Pattern.compile("// tag::([a-z-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL).matcher(examples);
        int found = 0;
        while (region.find()) {
            found++;
            String body = region.group(2).stripIndent().strip();
            assertTrue(readme.contains(body), "README.md does not show example '" + region.group(1) + "' as it is in "
                    + "TypeSafeQueries.java:\n" + body);
        }
        assertEquals(3, found);
    }
}
