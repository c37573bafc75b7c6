package dev.publicsafety.dal.training.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.publicsafety.dal.generated.training.enums.DifficultyLevel;
import dev.publicsafety.dal.training.value.CallerProfile;
import dev.publicsafety.dal.training.value.ScenarioScript;

/** The content of one scenario seed file ({@code seed-data/.../scenarios/<key>.json}). */
@JsonIgnoreProperties("$schema")
public record ScenarioFile(String key, String name, String description, DifficultyLevel difficulty, boolean active,
                           CallerProfile callerProfile, ScenarioScript scenarioScript) {
}
