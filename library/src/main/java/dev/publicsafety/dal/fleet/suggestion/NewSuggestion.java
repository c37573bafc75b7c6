package dev.publicsafety.dal.fleet.suggestion;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.generated.fleet.enums.SuggestionKind;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * An action a policy or an AI service proposes, with its evidence. Made with one factory per kind
 * (which checks the parameters), then {@link #because} for the evidence and {@link #expiringIn}
 * for how long a person has to decide in {@code hitl} mode (default 15 minutes).
 *
 * @param proposedBy the proposing policy engine or service, as auditors see it
 * @param incidentId the incident the action is about ({@code null} only for create_incident)
 * @param parameters what to do; the keys depend on the kind (see the factories)
 */
public record NewSuggestion(SuggestionKind kind, String proposedBy, UUID incidentId, Map<String, Object> parameters,
                            UUID transmissionId, UUID policyId, Double confidence, String rationale, Duration expiresIn) {

    static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);

    public NewSuggestion {
        if (kind == null) {
            throw new InvalidInputException("kind", "a suggestion needs a kind (create_incident, create_task, dispatch_crew, set_priority)");
        }
        Validate.text("suggestion proposer", proposedBy, 255);
        if ((incidentId == null) != (kind == SuggestionKind.CREATE_INCIDENT)) {
            throw new InvalidInputException("incidentId", "suggestion " + kind.getLiteral() + (kind == SuggestionKind.CREATE_INCIDENT
                    ? " must not name an incident" : " needs the incident it is about"));
        }
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        if (confidence != null && (confidence < 0 || confidence > 1)) {
            throw new InvalidInputException("confidence", "suggestion confidence must be between 0 and 1, was " + confidence);
        }
        expiresIn = expiresIn == null ? DEFAULT_EXPIRY : expiresIn;
        if (expiresIn.isNegative() || expiresIn.isZero()) {
            throw new InvalidInputException("expiresIn", "suggestion expiry must be positive, was " + expiresIn);
        }
    }

    /** Open an incident: {@code number}, {@code title}, {@code type}, {@code priority}. */
    public static NewSuggestion createIncident(String proposedBy, String number, String title, String type, int priority) {
        NewIncident.of(number, title, type, priority); // the same checks as opening it
        return new NewSuggestion(SuggestionKind.CREATE_INCIDENT, proposedBy, null,
                Map.of("number", number, "title", title, "type", type, "priority", priority), null, null, null, null, null);
    }

    /** Create a task under the incident: {@code title}, {@code priority}. */
    public static NewSuggestion createTask(String proposedBy, UUID incidentId, String title, int priority) {
        NewTask.of(title, priority, null);
        return new NewSuggestion(SuggestionKind.CREATE_TASK, proposedBy, incidentId,
                Map.of("title", title, "priority", priority), null, null, null, null, null);
    }

    /** Dispatch a crew to the incident: {@code crew_id}. */
    public static NewSuggestion dispatchCrew(String proposedBy, UUID incidentId, UUID crewId) {
        if (crewId == null) {
            throw new InvalidInputException("crewId", "suggestion dispatch_crew needs the crew to dispatch");
        }
        return new NewSuggestion(SuggestionKind.DISPATCH_CREW, proposedBy, incidentId, Map.of("crew_id", crewId.toString()),
                null, null, null, null, null);
    }

    /** Change the incident's priority: {@code priority}. */
    public static NewSuggestion setPriority(String proposedBy, UUID incidentId, int priority) {
        Validate.priority("suggested incident", priority);
        return new NewSuggestion(SuggestionKind.SET_PRIORITY, proposedBy, incidentId, Map.of("priority", priority),
                null, null, null, null, null);
    }

    /** The evidence: the transmission and the policy that prompted it (either may be null), the confidence and why. */
    public NewSuggestion because(UUID transmission, UUID policy, Double score, String why) {
        return new NewSuggestion(kind, proposedBy, incidentId, parameters, transmission, policy, score, why, expiresIn);
    }

    public NewSuggestion expiringIn(Duration duration) {
        return new NewSuggestion(kind, proposedBy, incidentId, parameters, transmissionId, policyId, confidence, rationale, duration);
    }
}
