package dev.publicsafety.dal.training.value;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.jsonb.KeepsStored;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a training scenario unfolds ({@code training_scenarios.scenario_script}), in either of two
 * shapes. Ours: the situation when the call connects ({@code initial_conditions}), the entities the
 * trainee must capture, the expected dialogue as numbered steps, and how the call is evaluated. The
 * simulator's (what its own seed and application wrote): {@code initial_state}, an object of free
 * text, key entities without {@code critical}, and {@code expected_flow}, the expected dialogue as
 * plain text steps. A script with {@code initial_state} is in the simulator's shape; its evaluation
 * criteria are optional, and its flow may also be our numbered steps. Reading takes either flow in
 * either shape; seed files in our shape need numbered steps (the JSON Schema says so).
 *
 * <p>A stored script in neither shape (an entity type outside {@link EntityType}, extra properties,
 * the shape of the simulator's API schemas with {@code initial_situation} and {@code key_information})
 * is read as {@link #asStored}: every other component is null and {@link #stored()} is the document
 * as it is in the row.
 */
public record ScenarioScript(InitialConditions initialConditions, Map<String, Object> initialState,
                             List<KeyEntity> keyEntities, List<DialogueStep> expectedDialogueFlow,
                             List<String> expectedFlow, List<EvaluationCriterion> evaluationCriteria,
                             @JsonIgnore JsonNode stored) implements KeepsStored {

    public ScenarioScript {
        if (stored != null) {
            stored = stored.deepCopy();
        } else {
            boolean simulatorShape = initialState != null;
            if (simulatorShape) {
                initialState = Collections.unmodifiableMap(new LinkedHashMap<>(initialState));
            } else {
                Required.value(initialConditions, "initial_conditions");
            }
            keyEntities = Required.nonEmpty(keyEntities, "key_entities");
            if (expectedFlow == null) {
                expectedDialogueFlow = Required.nonEmpty(expectedDialogueFlow, "expected_dialogue_flow");
            } else {
                expectedFlow = Required.nonEmpty(expectedFlow, "expected_flow");
                expectedDialogueFlow = Required.optional(expectedDialogueFlow);
            }
            evaluationCriteria = simulatorShape
                    ? Required.optional(evaluationCriteria)
                    : Required.nonEmpty(evaluationCriteria, "evaluation_criteria");
            for (int i = 0; expectedDialogueFlow != null && i < expectedDialogueFlow.size(); i++) {
                if (expectedDialogueFlow.get(i).step() != i + 1) {
                    throw new InvalidValueException("expected_dialogue_flow[" + i + "].step", "must be " + (i + 1)
                            + ", was " + expectedDialogueFlow.get(i).step() + ": steps are numbered 1, 2, 3, ... in order");
                }
            }
            if (evaluationCriteria != null) {
                double totalWeight = evaluationCriteria.stream().mapToDouble(EvaluationCriterion::weight).sum();
                if (Math.abs(totalWeight - 1.0) > 0.001) {
                    throw new InvalidValueException("evaluation_criteria", "weights must add up to 1, they add up to "
                            + Math.round(totalWeight * 1000) / 1000.0);
                }
            }
        }
    }

    /** A script row that neither shape accepts, kept exactly as stored. */
    public static ScenarioScript asStored(JsonNode document) {
        return new ScenarioScript(null, null, null, null, null, null, document);
    }

    /** The stored document when it is in neither shape (a copy: changing it changes nothing); null otherwise. */
    @Override
    @JsonIgnore
    public JsonNode stored() {
        return stored == null ? null : stored.deepCopy();
    }

    public enum TimeOfDay {
        @JsonProperty("morning") MORNING,
        @JsonProperty("afternoon") AFTERNOON,
        @JsonProperty("evening") EVENING,
        @JsonProperty("night") NIGHT
    }

    /** The situation when the call connects. */
    public record InitialConditions(String situation, Location location, TimeOfDay timeOfDay, List<String> hazards,
                                    int personsInvolved) {

        public InitialConditions {
            Required.text(situation, "situation");
            Required.value(location, "location");
            Required.value(timeOfDay, "time_of_day");
            hazards = Required.list(hazards);
            if (personsInvolved < 0) {
                throw new InvalidValueException("persons_involved", "must be >= 0, was " + personsInvolved);
            }
        }
    }

    /**
     * Something the trainee must find out; {@code critical} ones fail the evaluation when missed.
     * {@code critical} is null in the simulator's shape, which does not say.
     */
    public record KeyEntity(EntityType type, String value, Boolean critical) {

        public KeyEntity {
            Required.value(type, "type");
            Required.text(value, "value");
        }
    }

    /** One expected turn of the call, with an example line for the simulator and the evaluator. */
    public record DialogueStep(int step, Speaker speaker, String intent, String example,
                               List<EntityType> requiredEntities, boolean critical) {

        public DialogueStep {
            Required.value(speaker, "speaker");
            Required.text(intent, "intent");
            Required.text(example, "example");
            requiredEntities = Required.list(requiredEntities);
        }
    }

    /** A weighted criterion of the evaluation; the weights of a script add up to 1. */
    public record EvaluationCriterion(String criterion, double weight) {

        public EvaluationCriterion {
            Required.text(criterion, "criterion");
            if (weight < 0 || weight > 1) {
                throw new InvalidValueException("weight", "must be between 0 and 1, was " + weight);
            }
        }
    }
}
