package dev.publicsafety.dal.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.generated.training.enums.DifficultyLevel;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.EmotionalState;
import dev.publicsafety.dal.training.value.EntityType;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class ScenarioRepositoryTest {

    private static ScenarioRepository scenarios;

    @BeforeAll
    static void seed(TestDatabase db) {
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        DSLContext ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        scenarios = new ScenarioRepository(ctx);
    }

    @Test
    void shouldListTheFiveBundledScenariosEasiestFirst() {
        List<Scenario> active = scenarios.findActive();
        assertEquals(List.of("Car Accident - Minor Injuries", "Burglary in Progress", "Domestic Violence Call",
                "Active Shooter Report", "Medical Emergency - Heart Attack"), active.stream().map(Scenario::name).toList());
    }

    @Test
    void shouldFindByDifficulty() {
        assertEquals(List.of("active-shooter", "heart-attack"),
                scenarios.findActiveByDifficulty(DifficultyLevel.HARD).stream().map(Scenario::key).toList());
        assertEquals(List.of("car-accident"),
                scenarios.findActiveByDifficulty(DifficultyLevel.EASY).stream().map(Scenario::key).toList());
    }

    @Test
    void shouldFindByStableKeyWithTypedProfileAndScript() {
        Scenario heartAttack = scenarios.findByKey("heart-attack").orElseThrow();
        assertEquals(EmotionalState.PANICKED, heartAttack.callerProfile().emotionalState());
        assertTrue(heartAttack.script().expectedDialogueFlow().size() >= 10);
        assertTrue(heartAttack.script().keyEntities().stream().anyMatch(e -> e.type() == EntityType.MEDICAL_CONDITION));
        assertTrue(scenarios.findByKey("no-such-scenario").isEmpty());
    }

    @Test
    void shouldDeactivateAndActivate() {
        scenarios.deactivate("burglary-in-progress");
        assertFalse(scenarios.findByKey("burglary-in-progress").orElseThrow().active());
        assertEquals(4, scenarios.findActive().size());
        scenarios.activate("burglary-in-progress");
        assertEquals(5, scenarios.findActive().size());
        NotFoundException error = assertThrows(NotFoundException.class, () -> scenarios.deactivate("nope"));
        assertEquals("no training scenario with key 'nope'", error.getMessage());
    }
}
