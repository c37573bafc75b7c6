package dev.publicsafety.dal.fleet.suggestion;

import static dev.publicsafety.dal.generated.fleet.Tables.ORGANIZATIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.SUGGESTED_ACTIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSIONS;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import dev.publicsafety.dal.generated.fleet.enums.SuggestionStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.SuggestedActionsRecord;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.SortOrder;

/**
 * Suggested actions and their lifecycle, decided by the organization's operating mode when the
 * action is proposed:
 * <pre>
 * monitor_only       propose → recorded (final: nothing is executed)
 * hitl               propose → pending → executed (approve, by a user, before expires_at)
 *                                      → rejected (reject, by a user, with a reason)
 *                                      → expired  (expireOverdue, after expires_at)
 * autonomous_assist  propose → executed
 * executed → reverted (revert)
 * </pre>
 * Executing and reverting go through the other repositories, in the same transaction, so the
 * changed rows are validated and audited as usual; every step of the suggestion itself is audited.
 */
public final class SuggestionRepository extends TenantRepository<SuggestedActionsRecord> {

    private final FleetTransaction transaction;

    /** {@code transaction} is the path to the incidents, tasks and crews a suggestion changes. */
    public SuggestionRepository(TenantContext context, FleetTransaction transaction) {
        super(context, SUGGESTED_ACTIONS, SUGGESTED_ACTIONS.ID, SUGGESTED_ACTIONS.ORG_ID, SUGGESTED_ACTIONS.DELETED_AT, null);
        this.transaction = transaction;
    }

    /** Records the proposal; in autonomous_assist it is executed at once, in hitl it waits for a user. */
    public SuggestedAction propose(NewSuggestion suggestion) {
        if (suggestion.incidentId() != null) {
            transaction.incidents().get(suggestion.incidentId());
        }
        // FOR SHARE: a concurrent mode switch waits until this proposal has taken its course
        OperationMode mode = dsl().select(ORGANIZATIONS.OPERATION_MODE).from(ORGANIZATIONS)
                .where(ORGANIZATIONS.ID.eq(context.orgId())).forShare().fetchSingle(ORGANIZATIONS.OPERATION_MODE);
        SuggestedActionsRecord values = blank();
        values.setKind(suggestion.kind());
        values.setProposedInMode(mode);
        values.setProposedBy(suggestion.proposedBy());
        values.setParameters(Json.of(suggestion.parameters()));
        values.setIncidentId(suggestion.incidentId());
        values.setTransmissionId(suggestion.transmissionId());
        values.setTransmissionStartedAt(evidenceStartedAt(suggestion.transmissionId()));
        values.setPolicyId(suggestion.policyId());
        values.setConfidence(suggestion.confidence());
        values.setRationale(suggestion.rationale());
        switch (mode) {
            case MONITOR_ONLY -> values.setStatus(SuggestionStatus.RECORDED);
            case HITL -> {
                values.setStatus(SuggestionStatus.PENDING);
                values.setExpiresAt(context.now().plus(suggestion.expiresIn()));
            }
            case AUTONOMOUS_ASSIST -> {
                values.setStatus(SuggestionStatus.EXECUTED);
                executeInto(values, values);
            }
        }
        return SuggestedAction.of(insert(values));
    }

    /**
     * started_at of the evidence transmission, which with its id is its key in the partitioned table
     * (fleet V6); null without evidence. Soft-deleted traffic still counts as evidence, as before V6.
     */
    private OffsetDateTime evidenceStartedAt(UUID transmissionId) {
        if (transmissionId == null) {
            return null;
        }
        return dsl().select(TRANSMISSIONS.STARTED_AT).from(TRANSMISSIONS)
                .where(TRANSMISSIONS.ORG_ID.eq(context.orgId())).and(TRANSMISSIONS.ID.eq(transmissionId))
                .fetchOptional(TRANSMISSIONS.STARTED_AT)
                .orElseThrow(() -> missing("transmissions", transmissionId, null));
    }

    /** A user approves a pending action before it expires: it is executed now. */
    public SuggestedAction approve(UUID id, String reason) {
        SuggestedActionsRecord before = requirePending(id);
        UUID user = requireDecidingUser(id, "approve");
        if (!before.getExpiresAt().isAfter(context.now())) {
            throw new DomainRuleException("suggested action " + id + " expired at " + before.getExpiresAt()
                    + " and can no longer be approved");
        }
        return SuggestedAction.of(applyLocked(before, "approve_execute", r -> {
            r.setStatus(SuggestionStatus.EXECUTED);
            r.setDecidedBy(user);
            r.setDecidedAt(context.now());
            r.setDecisionReason(reason);
            executeInto(before, r);
        }));
    }

    /** A user rejects a pending action, saying why; nothing is executed. */
    public SuggestedAction reject(UUID id, String reason) {
        Validate.text("reason for rejecting suggested action " + id, reason, 2000);
        SuggestedActionsRecord before = requirePending(id);
        UUID user = requireDecidingUser(id, "reject");
        return SuggestedAction.of(applyLocked(before, "reject", r -> {
            r.setStatus(SuggestionStatus.REJECTED);
            r.setDecidedBy(user);
            r.setDecidedAt(context.now());
            r.setDecisionReason(reason);
        }));
    }

    /** Undoes an executed action (see {@link SuggestionExecution#revert}); the reverting user, if any, is kept. */
    public SuggestedAction revert(UUID id) {
        SuggestedActionsRecord before = lockLive(id);
        if (before.getStatus() != SuggestionStatus.EXECUTED) {
            throw new DomainRuleException("suggested action " + id + " is " + before.getStatus().getLiteral()
                    + ": only executed actions can be reverted");
        }
        new SuggestionExecution(transaction).revert(before);
        return SuggestedAction.of(applyLocked(before, "revert", r -> {
            r.setStatus(SuggestionStatus.REVERTED);
            r.setRevertedBy(context.actor().userId());
            r.setRevertedAt(context.now());
        }));
    }

    /** Marks every pending action whose time is up as expired (each audited); returns how many. */
    public int expireOverdue() {
        var overdue = dsl().selectFrom(SUGGESTED_ACTIONS).where(live())
                .and(SUGGESTED_ACTIONS.STATUS.eq(SuggestionStatus.PENDING)).and(SUGGESTED_ACTIONS.EXPIRES_AT.le(context.now()))
                .orderBy(SUGGESTED_ACTIONS.ID).forUpdate().fetch();
        overdue.forEach(before -> applyLocked(before, "expire", r -> r.setStatus(SuggestionStatus.EXPIRED)));
        return overdue.size();
    }

    public Optional<SuggestedAction> findById(UUID id) {
        return fetchLive(id).map(SuggestedAction::of);
    }

    public SuggestedAction get(UUID id) {
        return SuggestedAction.of(requireLive(id));
    }

    /** Actions waiting for a decision, the first to expire first; served by the (org_id, status, expires_at) index. */
    public Page<SuggestedAction> pending(PageRequest page) {
        return Keyset.page(dsl().selectFrom(SUGGESTED_ACTIONS).where(live()).and(SUGGESTED_ACTIONS.STATUS.eq(SuggestionStatus.PENDING)),
                page, "suggestions.pending", SuggestedAction::of, SortOrder.ASC, SUGGESTED_ACTIONS.EXPIRES_AT, SUGGESTED_ACTIONS.ID);
    }

    /** Every action about an incident, oldest first. */
    public Page<SuggestedAction> forIncident(UUID incidentId, PageRequest page) {
        return Keyset.page(dsl().selectFrom(SUGGESTED_ACTIONS).where(live()).and(SUGGESTED_ACTIONS.INCIDENT_ID.eq(incidentId)),
                page, "suggestions.for_incident:" + incidentId, SuggestedAction::of, SortOrder.ASC,
                SUGGESTED_ACTIONS.CREATED_AT, SUGGESTED_ACTIONS.ID);
    }

    private SuggestedActionsRecord requirePending(UUID id) {
        SuggestedActionsRecord suggestion = lockLive(id);
        if (suggestion.getStatus() != SuggestionStatus.PENDING) {
            throw new DomainRuleException("suggested action " + id + " is " + suggestion.getStatus().getLiteral()
                    + ": only pending actions (proposed in hitl mode) can be approved or rejected");
        }
        return suggestion;
    }

    private UUID requireDecidingUser(UUID id, String step) {
        UUID user = context.actor().userId();
        if (user == null) {
            throw new DomainRuleException("suggested action " + id + ": only a user can " + step + " it, not service "
                    + context.actor().name());
        }
        requireActiveUser(user, "only active users of this organization can " + step + " suggested actions");
        return user;
    }

    /** Executes {@code suggestion} and sets what it did into {@code changes}. */
    private void executeInto(SuggestedActionsRecord suggestion, SuggestedActionsRecord changes) {
        SuggestionExecution.Outcome outcome = new SuggestionExecution(transaction).execute(suggestion);
        changes.setExecutedAt(context.now());
        changes.setResultEntityType(outcome.entityType());
        changes.setResultEntityId(outcome.entityId());
        changes.setRevertState(Json.of(outcome.revertState()));
    }
}
