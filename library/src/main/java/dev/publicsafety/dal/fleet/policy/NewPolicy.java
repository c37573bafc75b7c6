package dev.publicsafety.dal.fleet.policy;

import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.fleet.policy.PolicyRules;
/** What it takes to create a policy; the YAML is validated here, before anything is written. */
public record NewPolicy(String name, String description, String rulesYaml, int priority, boolean enabled) {

    public NewPolicy {
        Validate.text("policy name", name, 200);
        PolicyRules.parse(name, rulesYaml);
    }

    public static NewPolicy of(String name, String rulesYaml, int priority) {
        return new NewPolicy(name, null, rulesYaml, priority, true);
    }
}
