package dev.publicsafety.dal.training.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keys derived from names always satisfy training_scenarios_scenario_key_format and its 100 characters. */
class ScenarioKeysTest {

    @Test
    void shouldTurnAnyNameIntoAKeyOfTheAllowedForm() {
        assertEquals("medical-emergency-heart-attack", ScenarioKeys.slug("Medical Emergency - Heart Attack"));
        assertEquals("cafe-uberfall-2", ScenarioKeys.slug("  Café – Überfall #2! "));
        assertEquals("scenario", ScenarioKeys.slug("*** ***"));
        String longKey = ScenarioKeys.slug("word ".repeat(40));
        assertTrue(longKey.length() <= 100 && longKey.matches("^[a-z0-9]+(-[a-z0-9]+)*$"), longKey);
    }

    @Test
    void shouldNumberRepeatedNamesAndAvoidKeysAlreadyTaken() {
        UUID first = new UUID(0, 1);
        UUID second = new UUID(0, 2);
        UUID third = new UUID(0, 3);
        String longName = "x".repeat(120);
        Map<UUID, String> keys = ScenarioKeys.derive(List.of(new ScenarioKeys.Unkeyed(first, "Gas Leak"),
                new ScenarioKeys.Unkeyed(second, "Gas  leak!"), new ScenarioKeys.Unkeyed(third, longName)), Set.of("gas-leak-2", "x".repeat(100)));

        assertEquals("gas-leak", keys.get(first));
        assertEquals("gas-leak-3", keys.get(second));
        assertEquals("x".repeat(98) + "-2", keys.get(third));
    }
}
