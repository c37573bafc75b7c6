package dev.publicsafety.dal.fleet.policy;

import dev.publicsafety.dal.fleet.policy.PolicyEvaluator;
import dev.publicsafety.dal.fleet.policy.PolicyRule;
import dev.publicsafety.dal.fleet.policy.PolicyRules;
import dev.publicsafety.dal.fleet.policy.RuleSet;
import dev.publicsafety.dal.generated.fleet.tables.records.PoliciesRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An automation policy: YAML rules, run in priority order (lower numbers first). */
public record Policy(UUID id, UUID orgId, String name, String description, String rulesYaml, int priority,
                     boolean enabled, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime deletedAt)
        implements RuleSet {

    /** The parsed rules (the YAML was validated when it was written). */
    @Override
    public List<PolicyRule> rules() {
        return PolicyRules.parse(name, rulesYaml);
    }

    /** The evaluator of this policy's rules (none fire while the policy is disabled). */
    public PolicyEvaluator evaluator() {
        return PolicyEvaluator.of(List.of(this));
    }

    static Policy of(PoliciesRecord r) {
        return new Policy(r.getId(), r.getOrgId(), r.getName(), r.getDescription(), r.getRulesYaml(), r.getPriority(),
                r.getIsEnabled(), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
