package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.generated.training.enums.DifficultyLevel;
import dev.publicsafety.dal.jsonb.JsonMapper;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.ScenarioValidator;
import dev.publicsafety.dal.training.seed.SeedError;
import dev.publicsafety.dal.training.seed.SeedSource;
import dev.publicsafety.dal.training.value.CallerProfile;
import dev.publicsafety.dal.training.value.EmotionalState;
import dev.publicsafety.dal.training.value.EntityType;
import dev.publicsafety.dal.training.value.ScenarioScript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rows as the simulator's code could write them, inserted with plain SQL, read through every
 * training repository: documents in neither of our shapes are kept as stored and written back
 * unchanged, free-text labels are kept, and seed files with the same content are still refused.
 */
@IsolatedDatabase
class SimulatorRowsReadTest {

    /**
     * A caller profile and a script as one scenario row holds them; which of the two our types cannot
     * take (so they are kept as stored); the seed-file paths that must be refused.
     */
    private record Row(String name, String callerProfile, boolean profileKept, String scenarioScript, boolean scriptKept,
                       List<String> refusedAt) {
    }

    private static final String SIMULATOR_SCRIPT = """
            {"key_entities": [{"type": "LOCATION", "value": "12 Elm Street"}, {"type": "TIME_REFERENCE", "value": "just now"}],
             "expected_flow": ["Ask for the address", "Ask what happened"], "initial_state": {"time_of_day": "night"}}""";

    private static final List<Row> ROWS = List.of(
            new Row("simulator seed shape", """
                    {"background": "lives alone", "personality": "talkative", "emotional_state": "anxious",
                     "communication_style": "short sentences"}""", false, SIMULATOR_SCRIPT, false, List.of()),
            new Row("free-text emotional state", """
                    {"background": "lives alone", "personality": "talkative", "emotional_state": "frightened, crying",
                     "communication_style": "short sentences"}""", true, SIMULATOR_SCRIPT, false,
                    List.of("$.caller_profile.emotional_state")),
            new Row("extra properties and nulls", """
                    {"background": "lives alone", "personality": ["talkative"], "emotional_state": "anxious",
                     "communication_style": "short sentences", "voice_id": "en-US-7", "accent": null}""", true, """
                    {"key_entities": [{"type": "LOCATION", "value": "12 Elm Street", "confidence": 0.8}],
                     "expected_flow": ["Ask for the address"], "initial_state": {"noise": "sirens", "floor": 2},
                     "escalation_level": null}""", true,
                    List.of("$.caller_profile.voice_id", "$.caller_profile.accent",
                            "$.scenario_script.key_entities[0].confidence", "$.scenario_script.escalation_level")),
            new Row("entity type outside EntityType", """
                    {"background": "lives alone", "personality": "talkative", "emotional_state": "calm",
                     "communication_style": "short sentences"}""", false, """
                    {"key_entities": [{"type": "ADDRESS", "value": "12 Elm Street"}], "expected_flow": ["Ask for the address"],
                     "initial_state": {}}""", true,
                    List.of("$.scenario_script.key_entities[0].type")),
            // A null our type would not write back, so kept; an integer weight our double writes as 1.0, the same jsonb.
            new Row("null property, integer weight", """
                    {"background": "lives alone", "personality": "talkative", "emotional_state": "calm",
                     "communication_style": "short sentences", "name": null}""", true, """
                    {"key_entities": [{"type": "LOCATION", "value": "12 Elm Street"}], "expected_flow": ["Ask for the address"],
                     "initial_state": {}, "evaluation_criteria": [{"criterion": "Got the address", "weight": 1}]}""", false,
                    List.of("$.caller_profile.name")),
            new Row("API schema shape", """
                    {"name": "Caller", "age": null, "gender": null, "initial_emotional_state": "calm",
                     "personality_traits": [], "background_story": null}""", true, """
                    {"initial_situation": "Smoke in the kitchen", "emergency_type": "fire", "location_type": "residential",
                     "key_information": {"address": "3 Oak Road", "floor": 2, "people_inside": true},
                     "escalation_triggers": [], "expected_questions": ["What is the address?"]}""", true,
                    List.of("$.caller_profile.initial_emotional_state", "$.scenario_script.initial_situation")));

    private static DataSource dataSource;
    private static DSLContext ctx;
    private static final List<UUID> IDS = new ArrayList<>();

    @BeforeAll
    static void insertSimulatorRows(TestDatabase db) throws SQLException {
        dataSource = db.dataSource();
        ctx = DSL.using(dataSource, SQLDialect.POSTGRES);
        for (Row row : ROWS) {
            IDS.add(insertScenario(row.name(), row.callerProfile(), row.scenarioScript()));
        }
    }

    @Test
    void shouldReadEveryScenarioRowWithTheDocumentsItCannotTypeKeptAsStored() throws Exception {
        ScenarioRepository scenarios = new ScenarioRepository(ctx);
        for (int i = 0; i < ROWS.size(); i++) {
            Row row = ROWS.get(i);
            Scenario read = scenarios.findById(IDS.get(i)).orElseThrow();
            // Kept: nothing but the stored document. Typed: what the strict reader makes of it, as a seed file would.
            assertEquals(row.profileKept() ? CallerProfile.asStored(json(row.callerProfile()))
                    : JsonMapper.shared().readValue(row.callerProfile(), CallerProfile.class), read.callerProfile(), row.name());
            assertEquals(row.scriptKept() ? ScenarioScript.asStored(json(row.scenarioScript()))
                    : JsonMapper.shared().readValue(row.scenarioScript(), ScenarioScript.class), read.script(), row.name());
            assertEquals(row.profileKept() ? json(row.callerProfile()) : null, read.callerProfile().stored(), row.name());
        }
        Scenario typed = scenarios.findById(IDS.get(0)).orElseThrow();
        assertEquals(EmotionalState.ANXIOUS, typed.callerProfile().emotionalState());
        assertEquals(List.of("talkative"), typed.callerProfile().personality());
        assertEquals(EntityType.TIME_REFERENCE, typed.script().keyEntities().get(1).type());

        assertEquals(ROWS.size(), scenarios.findActive().size());
        assertEquals(ROWS.size(), scenarios.findActiveByDifficulty(DifficultyLevel.MEDIUM).size());
        ctx.update(TRAINING_SCENARIOS).set(TRAINING_SCENARIOS.SCENARIO_KEY, "api-shape")
                .where(TRAINING_SCENARIOS.ID.eq(IDS.get(5))).execute();
        assertEquals(json(ROWS.get(5).scenarioScript()), scenarios.findByKey("api-shape").orElseThrow().script().stored());
    }

    @Test
    void shouldWriteBackWhatItReadAsTheSameJson() throws SQLException {
        ScenarioRepository scenarios = new ScenarioRepository(ctx);
        for (int i = 0; i < ROWS.size(); i++) {
            Row row = ROWS.get(i);
            Scenario read = scenarios.findById(IDS.get(i)).orElseThrow();
            // Written through the columns' own converter, as the seeder writes them.
            ctx.update(TRAINING_SCENARIOS)
                    .set(TRAINING_SCENARIOS.CALLER_PROFILE, read.callerProfile())
                    .set(TRAINING_SCENARIOS.SCENARIO_SCRIPT, read.script())
                    .where(TRAINING_SCENARIOS.ID.eq(read.id()))
                    .execute();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement same = connection.prepareStatement("SELECT caller_profile = ?::jsonb AND scenario_script = ?::jsonb"
                         + " FROM training.training_scenarios WHERE id = ?")) {
                same.setString(1, row.callerProfile());
                same.setString(2, row.scenarioScript());
                same.setObject(3, read.id());
                try (ResultSet result = same.executeQuery()) {
                    assertTrue(result.next() && result.getBoolean(1), row.name() + ": written back as a different document");
                }
            }
        }
    }

    /** Labels its extractor and sentiment analysis write (spaCy's GPE, its MEDICAL, "neutral"), none of them ours. */
    @Test
    void shouldReadEntitiesTranscriptsSessionsAndMetricsWithTheSimulatorsFreeText() throws SQLException {
        UUID session;
        UUID line;
        try (Connection connection = dataSource.getConnection()) {
            session = returningId(connection, "INSERT INTO training.call_sessions (operator_id, scenario_id, status, metadata)"
                    + " VALUES ('operator-1', ?, 'active', '{\"client\": {\"browser\": \"x\"}, \"tags\": [1, null]}') RETURNING id", IDS.get(0));
            line = returningId(connection, "INSERT INTO training.call_transcripts (session_id, timestamp_ms, speaker, text,"
                    + " emotional_state, confidence_score, audio_url) VALUES (?, 1200, 'caller', 'He has a knife, hurry',"
                    + " 'neutral', NULL, NULL) RETURNING id", session);
            for (String entity : List.of("('WEAPON', 'knife', 9, 14)", "('MEDICAL', 'hurry', 16, 21)",
                    "('GPE', 'He', 0, 2)")) {
                returningId(connection, "INSERT INTO training.extracted_entities (transcript_id, entity_type, entity_value,"
                        + " start_char, end_char, confidence_score) SELECT ?, t, v, s, e, 0.7 FROM (VALUES " + entity
                        + ") AS x(t, v, s, e) RETURNING id", line);
            }
            returningId(connection, "INSERT INTO training.performance_metrics (session_id, metric_name, metric_value)"
                    + " VALUES (?, 'empathy_score', 0.4) RETURNING id", session);
        }

        List<ExtractedEntity> entities = new ExtractedEntityRepository(ctx).forTranscriptEntry(line);
        assertEquals(List.of("GPE", "WEAPON", "MEDICAL"), entities.stream().map(ExtractedEntity::typeLabel).toList());
        assertEquals(Arrays.asList(null, EntityType.WEAPON, null), entities.stream().map(ExtractedEntity::type).toList());
        assertEquals(List.of("knife"), new ExtractedEntityRepository(ctx).findByType(EntityType.WEAPON, 10).stream()
                .map(EntityOccurrence::value).toList());

        TranscriptLine read = new TranscriptRepository(ctx).transcript(session).get(0);
        assertEquals("neutral", read.emotionalState());
        assertNull(read.confidence());

        assertEquals(CallSessionStatus.ACTIVE, new CallSessionRepository(ctx).findById(session).orElseThrow().status());
        List<MetricAggregate> metrics = new PerformanceMetricRepository(ctx)
                .operatorAggregates("operator-1", OffsetDateTime.now().minusHours(1), OffsetDateTime.now().plusHours(1));
        assertEquals(List.of(new MetricAggregate("empathy_score", 1, 0.4, 0.4, 0.4)), metrics);
    }

    @Test
    void shouldStillRefuseEachOfTheseDocumentsInASeedFile() {
        ScenarioValidator validator = new ScenarioValidator();
        for (Row row : ROWS.stream().filter(row -> !row.refusedAt().isEmpty()).toList()) {
            String key = row.name().replaceAll("[^a-z]+", "-");
            String file = "{\"key\": \"" + key + "\", \"name\": \"" + row.name() + "\", \"description\": \"d\","
                    + " \"difficulty\": \"medium\", \"active\": true, \"caller_profile\": " + row.callerProfile()
                    + ", \"scenario_script\": " + row.scenarioScript() + "}";
            ScenarioValidator.Result result = validator.validate(List.of(new SeedSource.SourceFile(key + ".json", file)));
            List<String> paths = result.errors().stream().map(SeedError::jsonPath).toList();
            assertTrue(result.scenarios().isEmpty(), row.name() + " was accepted");
            assertTrue(paths.containsAll(row.refusedAt()), row.name() + ": refused at " + paths + ", expected " + row.refusedAt());
        }
    }

    private static UUID insertScenario(String name, String callerProfile, String scenarioScript) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO training.training_scenarios (name, description,"
                    + " caller_profile, scenario_script, difficulty_level, is_active) VALUES (?, 'description', ?::jsonb, ?::jsonb,"
                    + " 'medium', true) RETURNING id")) {
                insert.setString(1, name);
                insert.setString(2, callerProfile);
                insert.setString(3, scenarioScript);
                try (ResultSet result = insert.executeQuery()) {
                    result.next();
                    return result.getObject(1, UUID.class);
                }
            }
        }
    }

    private static UUID returningId(Connection connection, String sql, UUID parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getObject(1, UUID.class);
            }
        }
    }

    private static JsonNode json(String text) throws Exception {
        return JsonMapper.shared().readTree(text);
    }
}
