package dev.publicsafety.dal.training.adopt;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Derives a {@code scenario_key} for scenarios that have none: the name in kebab case
 * ("Medical Emergency - Heart Attack" becomes {@code medical-emergency-heart-attack}), with
 * {@code -2}, {@code -3}, ... for later scenarios of the same name. Given the same scenarios in the same
 * order, the keys are the same.
 */
final class ScenarioKeys {

    /** A scenario to name. */
    record Unkeyed(UUID id, String name) {
    }

    static final int MAX_LENGTH = 100;

    private ScenarioKeys() {
    }

    /** Keys for {@code scenarios} (in the order given), none equal to another or to one in {@code taken}. */
    static Map<UUID, String> derive(List<Unkeyed> scenarios, Set<String> taken) {
        Set<String> used = new HashSet<>(taken);
        Map<UUID, String> keys = new LinkedHashMap<>();
        for (Unkeyed scenario : scenarios) {
            String base = slug(scenario.name());
            String key = base;
            for (int n = 2; used.contains(key); n++) {
                String suffix = "-" + n;
                key = trim(base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length()))) + suffix;
            }
            used.add(key);
            keys.put(scenario.id(), key);
        }
        return keys;
    }

    /** Lower-case letters (accents dropped) and digits, runs of anything else as one hyphen; "scenario" if nothing is left. */
    static String slug(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = trim(plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        slug = trim(slug.substring(0, Math.min(slug.length(), MAX_LENGTH)));
        return slug.isEmpty() ? "scenario" : slug;
    }

    private static String trim(String slug) {
        return slug.replaceAll("^-+|-+$", "");
    }
}
