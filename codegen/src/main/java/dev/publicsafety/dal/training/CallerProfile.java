package dev.publicsafety.dal.training;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * The simulated caller of a training scenario ({@code training_scenarios.caller_profile}), in either
 * of two shapes. Ours: name, age, gender, language, emotional state, background, personality traits,
 * speech patterns and relationship to the incident. The simulator's (what its own seed and
 * application wrote): emotional state, background, personality as one text, and
 * {@code communication_style}; a profile with {@code communication_style} is in that shape and
 * needs only those four. Personality is read from a text or a list, and kept as a list.
 */
public record CallerProfile(String name, Integer age, String gender, String language, EmotionalState emotionalState,
                            String background,
                            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> personality,
                            List<String> speechPatterns, String relationshipToIncident, String communicationStyle) {

    public CallerProfile {
        Required.value(emotionalState, "emotional_state");
        Required.text(background, "background");
        personality = Required.nonEmpty(personality, "personality");
        if (communicationStyle != null) {
            Required.text(communicationStyle, "communication_style");
            speechPatterns = Required.optional(speechPatterns);
        } else {
            Required.text(name, "name");
            Required.value(age, "age");
            Required.text(gender, "gender");
            Required.text(language, "language");
            speechPatterns = Required.nonEmpty(speechPatterns, "speech_patterns");
            Required.text(relationshipToIncident, "relationship_to_incident");
        }
        if (age != null && (age < 5 || age > 110)) {
            throw new InvalidValueException("age", "must be between 5 and 110, was " + age);
        }
    }
}
