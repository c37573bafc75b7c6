package dev.publicsafety.dal.fleet.policy;

import static dev.publicsafety.dal.generated.fleet.Tables.POLICIES;

import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.policy.PolicyRules;
import dev.publicsafety.dal.generated.fleet.tables.records.PoliciesRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.SortOrder;

/** Policies: YAML rule sets ({@link PolicyRules}), validated on every write, listed by priority. */
public final class PolicyRepository extends TenantRepository<PoliciesRecord> {

    public PolicyRepository(TenantContext context) {
        super(context, POLICIES, POLICIES.ID, POLICIES.ORG_ID, POLICIES.DELETED_AT, null);
    }

    public Policy create(NewPolicy policy) {
        return createRow(null, policy);
    }

    /**
     * {@link #create(NewPolicy)} under {@code id} instead of a generated id: for records brought over from
     * another system with their ids kept ({@code dal import fleet}). An id a row of this organization
     * already has, soft-deleted or not, is a {@code ConflictException} (ids are unique per organization).
     */
    public Policy createWithId(UUID id, NewPolicy policy) {
        return createRow(requireId(id), policy);
    }

    private Policy createRow(UUID id, NewPolicy policy) {
        PoliciesRecord values = blank();
        values.setName(policy.name());
        values.setDescription(policy.description());
        values.setRulesYaml(policy.rulesYaml());
        values.setPriority(policy.priority());
        values.setIsEnabled(policy.enabled());
        return Policy.of(insert(id, values));
    }

    public Optional<Policy> findById(UUID id) {
        return fetchLive(id).map(Policy::of);
    }

    public Policy get(UUID id) {
        return Policy.of(requireLive(id));
    }

    public Optional<Policy> findByName(String name) {
        return dsl().selectFrom(POLICIES).where(live()).and(POLICIES.NAME.eq(name)).fetchOptional().map(Policy::of);
    }

    /** Replaces the rules; invalid YAML is an {@link InvalidPolicyException} and changes nothing. */
    public Policy updateRules(UUID id, String rulesYaml) {
        PoliciesRecord before = lockLive(id);
        PolicyRules.parse(before.getName(), rulesYaml);
        return Policy.of(applyLocked(before, "update_rules", r -> r.setRulesYaml(rulesYaml)));
    }

    public Policy setPriority(UUID id, int priority) {
        return Policy.of(updateLocked(id, "set_priority", r -> r.setPriority(priority)));
    }

    public Policy enable(UUID id) {
        return Policy.of(updateLocked(id, "enable", r -> r.setIsEnabled(true)));
    }

    public Policy disable(UUID id) {
        return Policy.of(updateLocked(id, "disable", r -> r.setIsEnabled(false)));
    }

    /** Every policy, enabled or not, lowest priority number first, then by name. */
    public Page<Policy> byPriority(PageRequest page) {
        return Keyset.page(dsl().selectFrom(POLICIES).where(live()), page, "policies.by_priority", Policy::of,
                SortOrder.ASC, POLICIES.PRIORITY, POLICIES.NAME, POLICIES.ID);
    }

    /**
     * The enabled policies in the order a rule engine applies them. Returned whole, not paged: the
     * engine needs all of them, and an organization has a handful, not thousands.
     */
    public List<Policy> enabledInOrder() {
        return dsl().selectFrom(POLICIES).where(live()).and(POLICIES.IS_ENABLED)
                .orderBy(POLICIES.PRIORITY, POLICIES.NAME, POLICIES.ID).fetch(Policy::of);
    }
}
