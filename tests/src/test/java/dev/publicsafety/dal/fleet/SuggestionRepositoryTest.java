package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.Tables.SUGGESTED_ACTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.IllegalTransitionException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.policy.NewPolicy;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.suggestion.NewSuggestion;
import dev.publicsafety.dal.fleet.suggestion.SuggestedAction;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.fleet.unit.Crew;
import dev.publicsafety.dal.fleet.unit.NewCrew;
import dev.publicsafety.dal.generated.fleet.enums.CrewStatus;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import dev.publicsafety.dal.generated.fleet.enums.SuggestionStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Suggested actions through each operating mode: recorded, pending then approved/rejected/expired, executed and reverted. */
@IsolatedDatabase
class SuggestionRepositoryTest {

    private static final Actor TRIAGE_AI = Actor.service("triage-ai");

    private static FleetDatabase fleet;
    private static UUID other;
    private static User otherUser;

    @BeforeAll
    static void setUp(Tenant tenant) {
        fleet = tenant.fleet();
        other = tenant.id();
        otherUser = FleetTestSupport.user(fleet, other, "other-dispatcher", "dispatcher");
    }

    /** A fresh organization in {@code mode}, with a dispatcher and an incident. */
    private record Agency(UUID org, User dispatcher, Incident incident) {
        Actor asDispatcher() {
            return Actor.user(dispatcher.id(), dispatcher.oidcSubject());
        }
    }

    private static int agencies;

    private static Agency agency(OperationMode mode) {
        String slug = "agency-" + ++agencies;
        UUID org = FleetTestSupport.organization(fleet, slug).id();
        fleet.execute(org, FleetTestSupport.SETUP, t -> t.organization().setOperationMode(mode));
        return new Agency(org, FleetTestSupport.user(fleet, org, "dispatcher-" + slug, "dispatcher"),
                FleetTestSupport.incident(fleet, org, "INC-" + slug, 3));
    }

    private static List<AuditEntry> trail(UUID org, String table, UUID id) {
        return fleet.inTransaction(org, FleetTestSupport.SETUP, t -> t.auditLogs().forEntity(table, id, PageRequest.first(50)).items());
    }

    @Test
    void shouldOnlyRecordASuggestionInMonitorOnly() {
        Agency agency = agency(OperationMode.MONITOR_ONLY);
        SuggestedAction recorded = fleet.inTransaction(agency.org(), TRIAGE_AI,
                t -> t.suggestions().propose(NewSuggestion.setPriority("triage-ai", agency.incident().id(), 1)));
        assertEquals(SuggestionStatus.RECORDED, recorded.status());
        assertEquals(OperationMode.MONITOR_ONLY, recorded.proposedInMode());
        assertNull(recorded.executedAt());
        assertEquals(3, fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.incidents().get(agency.incident().id())).priority(),
                "nothing changes in monitor_only");
        DomainRuleException approve = assertThrows(DomainRuleException.class,
                () -> fleet.inTransaction(agency.org(), agency.asDispatcher(), t -> t.suggestions().approve(recorded.id(), "ok")));
        assertTrue(approve.getMessage().contains("is recorded: only pending actions"), approve.getMessage());
        assertEquals(List.of("create"), trail(agency.org(), "suggested_actions", recorded.id()).stream().map(AuditEntry::action).toList());
    }

    @Test
    void shouldKeepASuggestionPendingInHitlUntilADispatcherApprovesItThenExecuteAndAuditIt() {
        Agency agency = agency(OperationMode.HITL);
        UUID transmission = fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.transmissions().record(NewTransmission.of(
                FleetTestSupport.channel(fleet, agency.org(), "Fire ground").id(), t.now(), null)).id());
        SuggestedAction pending = fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().propose(
                NewSuggestion.createTask("triage-ai", agency.incident().id(), "Request ladder truck", 1)
                        .because(transmission, null, 0.87, "\"we need a ladder\" on the fire ground channel")));
        assertEquals(SuggestionStatus.PENDING, pending.status());
        assertEquals(transmission, pending.transmissionId());
        assertEquals(0.87, pending.confidence());
        assertEquals(pending.createdAt().plus(Duration.ofMinutes(15)).toInstant(), pending.expiresAt().toInstant());
        assertEquals(List.of(pending.id()), fleet.inTransaction(agency.org(), TRIAGE_AI,
                t -> t.suggestions().pending(PageRequest.first(10)).items()).stream().map(SuggestedAction::id).toList());

        DomainRuleException service = assertThrows(DomainRuleException.class,
                () -> fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().approve(pending.id(), "self-approved")));
        assertTrue(service.getMessage().contains("only a user can approve"), service.getMessage());

        SuggestedAction executed = fleet.inTransaction(agency.org(), agency.asDispatcher(),
                t -> t.suggestions().approve(pending.id(), "ladder needed for the third floor"));
        assertEquals(SuggestionStatus.EXECUTED, executed.status());
        assertEquals(agency.dispatcher().id(), executed.decidedBy());
        assertEquals("ladder needed for the third floor", executed.decisionReason());
        assertNotNull(executed.executedAt());
        assertEquals("tasks", executed.resultEntityType());
        Task task = fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.tasks().get(executed.resultEntityId()));
        assertEquals("Request ladder truck", task.title());
        assertEquals(agency.incident().id(), task.incidentId());

        List<AuditEntry> suggestionTrail = trail(agency.org(), "suggested_actions", pending.id());
        assertEquals(List.of("create", "approve_execute"), suggestionTrail.stream().map(AuditEntry::action).toList());
        assertEquals(agency.dispatcher().id(), suggestionTrail.get(1).actorId());
        List<AuditEntry> taskTrail = trail(agency.org(), "tasks", task.id());
        assertEquals("create", taskTrail.get(0).action());
        assertEquals(agency.dispatcher().id(), taskTrail.get(0).actorId(), "the task is created by the approving dispatcher");

        assertThrows(DomainRuleException.class,
                () -> fleet.inTransaction(agency.org(), agency.asDispatcher(), t -> t.suggestions().approve(pending.id(), "again")));
    }

    @Test
    void shouldRejectWithAReasonAndExecuteNothing() {
        Agency agency = agency(OperationMode.HITL);
        SuggestedAction pending = fleet.inTransaction(agency.org(), TRIAGE_AI,
                t -> t.suggestions().propose(NewSuggestion.setPriority("triage-ai", agency.incident().id(), 1)));
        InvalidInputException noReason = assertThrows(InvalidInputException.class,
                () -> fleet.inTransaction(agency.org(), agency.asDispatcher(), t -> t.suggestions().reject(pending.id(), " ")));
        assertTrue(noReason.getMessage().contains("reason for rejecting suggested action " + pending.id() + " is required"), noReason.getMessage());
        SuggestedAction rejected = fleet.inTransaction(agency.org(), agency.asDispatcher(),
                t -> t.suggestions().reject(pending.id(), "caller already evacuated"));
        assertEquals(SuggestionStatus.REJECTED, rejected.status());
        assertEquals(agency.dispatcher().id(), rejected.decidedBy());
        assertNotNull(rejected.decidedAt());
        assertNull(rejected.executedAt());
        assertEquals(3, fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.incidents().get(agency.incident().id())).priority());
        assertEquals(List.of("create"), trail(agency.org(), "incidents", agency.incident().id()).stream().map(AuditEntry::action).toList());
    }

    @Test
    void shouldExpireAPendingSuggestionThatNobodyDecidedInTime() throws InterruptedException {
        Agency agency = agency(OperationMode.HITL);
        SuggestedAction pending = fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().propose(
                NewSuggestion.setPriority("triage-ai", agency.incident().id(), 2).expiringIn(Duration.ofMillis(50))));
        SuggestedAction lasting = fleet.inTransaction(agency.org(), TRIAGE_AI,
                t -> t.suggestions().propose(NewSuggestion.setPriority("triage-ai", agency.incident().id(), 4)));
        Thread.sleep(100); // past the first one's expiry
        DomainRuleException late = assertThrows(DomainRuleException.class,
                () -> fleet.inTransaction(agency.org(), agency.asDispatcher(), t -> t.suggestions().approve(pending.id(), "late")));
        assertTrue(late.getMessage().contains("can no longer be approved"), late.getMessage());
        assertEquals(Integer.valueOf(1), fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().expireOverdue()));
        assertEquals(SuggestionStatus.EXPIRED, fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().get(pending.id())).status());
        assertEquals(SuggestionStatus.PENDING, fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().get(lasting.id())).status());
        assertEquals("expire", trail(agency.org(), "suggested_actions", pending.id()).get(1).action());
    }

    @Test
    void shouldExecuteAtOnceInAutonomousAssistAndRevertEachKind() {
        Agency agency = agency(OperationMode.AUTONOMOUS_ASSIST);
        UUID incident = agency.incident().id();
        Crew crew = fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.crews().create(NewCrew.of("Engine 12", agency.dispatcher().id())));

        SuggestedAction priority = propose(agency, NewSuggestion.setPriority("triage-ai", incident, 1));
        assertEquals(SuggestionStatus.EXECUTED, priority.status());
        assertEquals(1, incidentOf(agency).priority());
        SuggestedAction dispatch = propose(agency, NewSuggestion.dispatchCrew("triage-ai", incident, crew.id()));
        assertEquals(CrewStatus.DISPATCHED, fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.crews().get(crew.id())).status());
        assertEquals(IncidentStatus.DISPATCHED, incidentOf(agency).status());
        SuggestedAction opened = propose(agency, NewSuggestion.createIncident("triage-ai", "AUTO-1", "Vehicle fire", "vehicle_fire", 2));
        SuggestedAction task = propose(agency, NewSuggestion.createTask("triage-ai", incident, "Close the ramp", 2));

        SuggestedAction reverted = fleet.inTransaction(agency.org(), agency.asDispatcher(), t -> t.suggestions().revert(priority.id()));
        assertEquals(SuggestionStatus.REVERTED, reverted.status());
        assertEquals(agency.dispatcher().id(), reverted.revertedBy());
        assertEquals(3, incidentOf(agency).priority(), "the previous priority is back");
        fleet.execute(agency.org(), TRIAGE_AI, t -> t.suggestions().revert(dispatch.id()));
        assertEquals(CrewStatus.AVAILABLE, fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.crews().get(crew.id())).status());
        fleet.execute(agency.org(), TRIAGE_AI, t -> t.suggestions().revert(opened.id()));
        assertEquals(IncidentStatus.CANCELLED, fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.incidents().get(opened.resultEntityId())).status());
        fleet.execute(agency.org(), TRIAGE_AI, t -> t.suggestions().revert(task.id()));
        assertEquals(TaskStatus.CANCELLED, fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.tasks().get(task.resultEntityId())).status());

        DomainRuleException twice = assertThrows(DomainRuleException.class,
                () -> fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().revert(priority.id())));
        assertTrue(twice.getMessage().contains("is reverted: only executed actions can be reverted"), twice.getMessage());
        assertEquals(List.of("create", "revert"), trail(agency.org(), "suggested_actions", priority.id()).stream().map(AuditEntry::action).toList());
        assertEquals(List.of("create", "set_priority", "status:dispatched", "set_priority"),
                trail(agency.org(), "incidents", incident).stream().map(AuditEntry::action).toList());
    }

    @Test
    void shouldRefuseARevertTheWorkflowForbidsAndWriteNothing() {
        Agency agency = agency(OperationMode.AUTONOMOUS_ASSIST);
        SuggestedAction opened = propose(agency, NewSuggestion.createIncident("triage-ai", "AUTO-2", "Smoke", "fire", 3));
        fleet.execute(agency.org(), TRIAGE_AI, t -> {
            Incident created = t.incidents().dispatch(opened.resultEntityId(), 1);
            t.incidents().arriveOnScene(created.id(), created.version());
        });
        assertThrows(IllegalTransitionException.class,
                () -> fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().revert(opened.id())));
        assertEquals(SuggestionStatus.EXECUTED, fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().get(opened.id())).status());
    }

    @Test
    void shouldRefuseCrossTenantSuggestionsDecisionsAndEvidence() {
        Agency agency = agency(OperationMode.HITL);
        SuggestedAction pending = propose(agency, NewSuggestion.setPriority("triage-ai", agency.incident().id(), 1));
        Actor outsider = Actor.user(otherUser.id(), "other-dispatcher");

        assertThrows(NotFoundException.class,
                () -> fleet.inTransaction(other, outsider, t -> t.suggestions().approve(pending.id(), "not mine")));
        assertThrows(NotFoundException.class, () -> fleet.inTransaction(other, outsider, t -> t.suggestions().get(pending.id())));
        assertThrows(NotFoundException.class,
                () -> fleet.inTransaction(agency.org(), outsider, t -> t.suggestions().approve(pending.id(), "impostor")),
                "a user of another organization cannot decide");
        assertThrows(NotFoundException.class, () -> fleet.inTransaction(other, TRIAGE_AI,
                t -> t.suggestions().propose(NewSuggestion.setPriority("triage-ai", agency.incident().id(), 1))));
        UUID foreignPolicy = fleet.inTransaction(other, TRIAGE_AI, t -> t.policies().create(NewPolicy.of("Other policy",
                "rules:\n  - name: r\n    when: { incident_type: fire }\n    then: { set_priority: 1 }\n", 10)).id());
        assertThrows(DataAccessException.class, () -> propose(agency, NewSuggestion.setPriority("triage-ai", agency.incident().id(), 2)
                .because(null, foreignPolicy, 0.5, "another organization's policy")));
        assertThrows(DataAccessException.class, () -> fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.dsl()
                .update(SUGGESTED_ACTIONS).set(SUGGESTED_ACTIONS.DECIDED_BY, otherUser.id()).where(SUGGESTED_ACTIONS.ID.eq(pending.id())).execute()));

        SuggestedAction still = fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().get(pending.id()));
        assertEquals(SuggestionStatus.PENDING, still.status());
        assertEquals(List.of("create"), trail(agency.org(), "suggested_actions", pending.id()).stream().map(AuditEntry::action).toList());
        assertEquals(3, incidentOf(agency).priority());
        assertEquals(0, fleet.inTransaction(other, TRIAGE_AI, t -> t.suggestions().pending(PageRequest.first(10)).items()).size());
    }

    private static SuggestedAction propose(Agency agency, NewSuggestion suggestion) {
        return fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.suggestions().propose(suggestion));
    }

    private static Incident incidentOf(Agency agency) {
        return fleet.inTransaction(agency.org(), TRIAGE_AI, t -> t.incidents().get(agency.incident().id()));
    }

    @Test
    void shouldRefuseInvalidProposalsBeforeWriting() {
        InvalidInputException confidence = assertThrows(InvalidInputException.class,
                () -> NewSuggestion.setPriority("triage-ai", UUID.randomUUID(), 1).because(null, null, 1.5, "sure"));
        assertTrue(confidence.getMessage().contains("confidence must be between 0 and 1, was 1.5"), confidence.getMessage());
        assertThrows(InvalidInputException.class, () -> NewSuggestion.setPriority("triage-ai", UUID.randomUUID(), 9));
        assertThrows(InvalidInputException.class, () -> NewSuggestion.createTask("triage-ai", null, "No incident", 2));
        assertThrows(InvalidInputException.class,
                () -> NewSuggestion.setPriority("triage-ai", UUID.randomUUID(), 1).expiringIn(Duration.ZERO));
    }
}
