package dev.publicsafety.dal.training;

import java.util.List;

/** The simulated caller of a training scenario ({@code training_scenarios.caller_profile}). */
public record CallerProfile(String name, int age, String gender, String language, EmotionalState emotionalState,
                            String background, List<String> personality, List<String> speechPatterns,
                            String relationshipToIncident) {

    public CallerProfile {
        Required.text(name, "name");
        if (age < 5 || age > 110) {
            throw new InvalidValueException("age", "must be between 5 and 110, was " + age);
        }
        Required.text(gender, "gender");
        Required.text(language, "language");
        Required.value(emotionalState, "emotional_state");
        Required.text(background, "background");
        personality = Required.nonEmpty(personality, "personality");
        speechPatterns = Required.nonEmpty(speechPatterns, "speech_patterns");
        Required.text(relationshipToIncident, "relationship_to_incident");
    }
}
