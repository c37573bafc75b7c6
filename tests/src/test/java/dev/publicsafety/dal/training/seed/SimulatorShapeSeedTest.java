package dev.publicsafety.dal.training.seed;

import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.jsonb.JsonMapper;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.value.CallerProfile;
import dev.publicsafety.dal.training.value.EntityType;
import dev.publicsafety.dal.training.Scenario;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.value.ScenarioScript;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The simulator's five scenarios, exported as seed files in its own JSON shape (its caller profile
 * with communication_style, its script with initial_state and text expected_flow; texts as in the
 * shared fixture), seed and read back; the shape is still strict.
 */
@IsolatedDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorShapeSeedTest {

    private static final List<SeedSource.SourceFile> FILES = SeedSource.directory(Path.of("src/test/resources/simulator-scenarios"));

    @Test
    @Order(1)
    void shouldSeedTheSimulatorsScenariosInItsShapeAndReadThemBackUnchanged(TestDatabase db) throws Exception {
        SeedReport report = new ScenarioSeeder(db.dataSource()).seed(FILES, ScenarioSeeder.Options.DEFAULT);
        assertEquals(List.of("active-shooter-report", "burglary-in-progress", "car-accident-minor-injuries",
                "domestic-violence-call", "medical-emergency-heart-attack"), report.inserted());

        ScenarioRepository scenarios = new ScenarioRepository(dsl(db));
        for (SeedSource.SourceFile file : FILES) {
            JsonNode json = JsonMapper.shared().readTree(file.content());
            Scenario read = scenarios.findByKey(json.get("key").asText()).orElseThrow();
            CallerProfile profile = read.callerProfile();
            ScenarioScript script = read.script();
            JsonNode callerJson = json.get("caller_profile");
            JsonNode scriptJson = json.get("scenario_script");
            assertEquals(callerJson.get("communication_style").asText(), profile.communicationStyle(), file.name());
            assertEquals(List.of(callerJson.get("personality").asText()), profile.personality(), file.name());
            assertEquals(callerJson.get("background").asText(), profile.background(), file.name());
            assertNull(profile.name(), "the simulator's profile has no name");
            assertEquals(JsonMapper.shared().convertValue(scriptJson.get("initial_state"), java.util.Map.class),
                    script.initialState(), file.name());
            assertEquals(scriptJson.get("expected_flow").size(), script.expectedFlow().size(), file.name());
            assertEquals(scriptJson.get("expected_flow").get(0).asText(), script.expectedFlow().get(0), file.name());
            assertEquals(scriptJson.get("key_entities").get(0).get("value").asText(), script.keyEntities().get(0).value());
            assertNull(script.keyEntities().get(0).critical(), "the simulator does not say what is critical");
        }
        Scenario burglary = scenarios.findByKey("burglary-in-progress").orElseThrow();
        assertTrue(burglary.script().keyEntities().stream().anyMatch(e -> e.type() == EntityType.TIME_REFERENCE));
    }

    @Test
    @Order(2)
    void shouldChangeNothingWhenSeededAgain(TestDatabase db) {
        String before = dsl(db).selectFrom(TRAINING_SCENARIOS).orderBy(TRAINING_SCENARIOS.ID).fetch().formatCSV();
        SeedReport report = new ScenarioSeeder(db.dataSource()).seed(FILES, ScenarioSeeder.Options.DEFAULT);
        assertEquals(0, report.changes(), report::toString);
        assertEquals(before, dsl(db).selectFrom(TRAINING_SCENARIOS).orderBy(TRAINING_SCENARIOS.ID).fetch().formatCSV());
    }

    @Test
    @Order(3)
    void shouldStillRefuseAnUnknownPropertyInTheSimulatorsShape(TestDatabase db) {
        List<SeedSource.SourceFile> files = List.of(new SeedSource.SourceFile("burglary-in-progress.json",
                FILES.get(1).content().replace("\"communication_style\"", "\"mood\": \"tense\",\n    \"communication_style\"")
                        .replace("\"initial_state\"", "\"opening_line\": \"hello\",\n    \"initial_state\"")));
        SeedValidationException refused = assertThrows(SeedValidationException.class,
                () -> new ScenarioSeeder(db.dataSource()).seed(files, ScenarioSeeder.Options.DEFAULT));
        List<String> paths = refused.errors().stream().map(SeedError::jsonPath).toList();
        assertEquals(List.of("$.caller_profile.mood", "$.scenario_script.opening_line"), paths, refused.errors()::toString);
        assertTrue(refused.errors().get(0).message().contains("mood"), refused.errors()::toString);
    }

    @Test
    @Order(4)
    void shouldRefuseASimulatorShapedProfileMissingOneOfItsFields(TestDatabase db) {
        List<SeedSource.SourceFile> files = List.of(new SeedSource.SourceFile("burglary-in-progress.json",
                FILES.get(1).content().replace("\"background\": \"background text 20\",", "")));
        SeedValidationException refused = assertThrows(SeedValidationException.class,
                () -> new ScenarioSeeder(db.dataSource()).seed(files, ScenarioSeeder.Options.DEFAULT));
        assertEquals("$.caller_profile", refused.errors().get(0).jsonPath(), refused.errors()::toString);
        assertTrue(refused.errors().get(0).message().contains("background"), refused.errors()::toString);
    }

    private static DSLContext dsl(TestDatabase db) {
        return DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    }
}
