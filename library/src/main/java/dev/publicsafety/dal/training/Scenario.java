package dev.publicsafety.dal.training;

import dev.publicsafety.dal.generated.training.enums.DifficultyLevel;
import dev.publicsafety.dal.training.value.CallerProfile;
import dev.publicsafety.dal.training.value.ScenarioScript;
import java.util.UUID;

/** A training scenario as trainees and evaluators see it. {@code key} is null unless it was seeded. */
public record Scenario(UUID id, String key, String name, String description, DifficultyLevel difficulty,
                       boolean active, CallerProfile callerProfile, ScenarioScript script) {
}
