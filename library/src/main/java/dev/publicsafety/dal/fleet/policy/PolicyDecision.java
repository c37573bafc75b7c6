package dev.publicsafety.dal.fleet.policy;

import java.util.List;

/** A rule that fired: the policy it belongs to, the rule's name, and its actions in order. */
public record PolicyDecision(String policy, String rule, List<PolicyAction> actions) {

    public PolicyDecision {
        actions = List.copyOf(actions);
    }
}
