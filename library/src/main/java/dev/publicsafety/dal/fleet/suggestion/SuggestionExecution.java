package dev.publicsafety.dal.fleet.suggestion;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.IncidentRepository;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.task.TaskRepository;
import dev.publicsafety.dal.fleet.unit.CrewRepository;
import dev.publicsafety.dal.generated.fleet.tables.records.SuggestedActionsRecord;
import java.util.Map;
import java.util.UUID;

/**
 * Carries out a suggested action through the repositories (so each change is validated and
 * audited as usual, by the transaction's actor) and undoes it. What an execution changed and what
 * undoing it needs are kept on the suggestion.
 */
final class SuggestionExecution {

    /** The row the execution created or changed, and what reverting it needs. */
    record Outcome(String entityType, UUID entityId, Map<String, Object> revertState) {
    }

    private final FleetTransaction transaction;

    SuggestionExecution(FleetTransaction transaction) {
        this.transaction = transaction;
    }

    Outcome execute(SuggestedActionsRecord suggestion) {
        Map<String, Object> p = Json.toMap(suggestion.getParameters());
        UUID incident = suggestion.getIncidentId();
        IncidentRepository incidents = transaction.incidents();
        return switch (suggestion.getKind()) {
            case CREATE_INCIDENT -> new Outcome("incidents", incidents.open(NewIncident.of((String) p.get("number"),
                    (String) p.get("title"), (String) p.get("type"), number(p, "priority"))).id(), Map.of());
            case CREATE_TASK -> new Outcome("tasks", transaction.tasks().create(incident,
                    NewTask.of((String) p.get("title"), number(p, "priority"), null)).id(), Map.of());
            case DISPATCH_CREW -> {
                UUID crew = UUID.fromString((String) p.get("crew_id"));
                transaction.crews().dispatch(crew, incident);
                yield new Outcome("crews", crew, Map.of("incident_id", incident.toString()));
            }
            case SET_PRIORITY -> {
                Incident before = incidents.get(incident);
                incidents.setPriority(incident, before.version(), number(p, "priority"));
                yield new Outcome("incidents", incident, Map.of("previous_priority", before.priority()));
            }
        };
    }

    /**
     * Undoes an execution: cancels the incident or task it created, releases the crew it
     * dispatched (if still at that incident), restores the previous priority. The workflows still
     * apply: an incident already on scene cannot be cancelled, so that revert is refused.
     */
    void revert(SuggestedActionsRecord suggestion) {
        UUID id = suggestion.getResultEntityId();
        Map<String, Object> state = Json.toMap(suggestion.getRevertState());
        IncidentRepository incidents = transaction.incidents();
        switch (suggestion.getKind()) {
            case CREATE_INCIDENT -> incidents.cancel(id, incidents.get(id).version());
            case CREATE_TASK -> {
                TaskRepository tasks = transaction.tasks();
                tasks.cancel(id, tasks.get(id).version());
            }
            case DISPATCH_CREW -> {
                CrewRepository crews = transaction.crews();
                UUID at = crews.get(id).incidentId();
                if (at == null || !at.toString().equals(state.get("incident_id"))) {
                    throw new DomainRuleException("crew " + id + " is no longer at incident " + state.get("incident_id")
                            + ": nothing to revert");
                }
                crews.release(id);
            }
            case SET_PRIORITY -> incidents.setPriority(id, incidents.get(id).version(), number(state, "previous_priority"));
        }
    }

    private static int number(Map<String, Object> values, String key) {
        return ((Number) values.get(key)).intValue();
    }
}
