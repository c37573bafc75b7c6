package dev.publicsafety.dal.training;

import java.util.List;

/** The simulated caller of a training scenario ({@code training_scenarios.caller_profile}). */
public record CallerProfile(String name, int age, String gender, String language, EmotionalState emotionalState,
                            String background, List<String> personality, List<String> speechPatterns,
                            String relationshipToIncident) {

    public CallerProfile {
        Required.text(name, "caller_profile.name");
        if (age < 5 || age > 110) {
            throw new IllegalArgumentException("caller_profile.age must be between 5 and 110, was " + age);
        }
        Required.text(gender, "caller_profile.gender");
        Required.text(language, "caller_profile.language");
        Required.value(emotionalState, "caller_profile.emotional_state");
        Required.text(background, "caller_profile.background");
        personality = Required.nonEmpty(personality, "caller_profile.personality");
        speechPatterns = Required.nonEmpty(speechPatterns, "caller_profile.speech_patterns");
        Required.text(relationshipToIncident, "caller_profile.relationship_to_incident");
    }
}
