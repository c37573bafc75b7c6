package dev.publicsafety.dal.training.value;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.publicsafety.dal.jsonb.KeepsStored;
import java.util.List;

/**
 * The simulated caller of a training scenario ({@code training_scenarios.caller_profile}), in either
 * of two shapes. Ours: name, age, gender, language, emotional state, background, personality traits,
 * speech patterns and relationship to the incident. The simulator's (what its own seed and
 * application wrote): emotional state, background, personality as one text, and
 * {@code communication_style}; a profile with {@code communication_style} is in that shape and
 * needs only those four. Personality is read from a text or a list, and is a list (of one, for a
 * text) that is written back in the form it was read.
 *
 * <p>A stored profile in neither shape (the simulator's application could write any emotional state,
 * extra properties, or the shape of its API schemas) is read as {@link #asStored}: every other
 * component is null and {@link #stored()} is the document as it is in the row.
 */
public record CallerProfile(String name, Integer age, String gender, String language, EmotionalState emotionalState,
                            String background,
                            @JsonDeserialize(using = OneText.Reader.class) List<String> personality,
                            List<String> speechPatterns, String relationshipToIncident, String communicationStyle,
                            @JsonIgnore JsonNode stored) implements KeepsStored {

    public CallerProfile {
        if (stored != null) {
            stored = stored.deepCopy();
        } else {
            Required.value(emotionalState, "emotional_state");
            Required.text(background, "background");
            personality = personality instanceof OneText ? personality : Required.nonEmpty(personality, "personality");
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

    /** A profile row that neither shape accepts, kept exactly as stored. */
    public static CallerProfile asStored(JsonNode document) {
        return new CallerProfile(null, null, null, null, null, null, null, null, null, null, document);
    }

    /** The stored document when it is in neither shape (a copy: changing it changes nothing); null otherwise. */
    @Override
    @JsonIgnore
    public JsonNode stored() {
        return stored == null ? null : stored.deepCopy();
    }
}
