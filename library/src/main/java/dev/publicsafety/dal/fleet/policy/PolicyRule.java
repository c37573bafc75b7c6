package dev.publicsafety.dal.fleet.policy;

import java.util.List;
import java.util.Map;

/**
 * One rule of a policy: when its {@code condition} holds (the {@code when} mapping, compiled), apply the
 * {@code then} actions. A disabled rule ({@code enabled: false}) is kept but never fires. A policy in the
 * dispatch product's format is translated into these rules (see {@link PolicyRules}).
 */
public record PolicyRule(String name, String description, Map<String, Object> when, List<Map<String, Object>> then,
                         boolean enabled, PolicyCondition condition) {

    public PolicyRule {
        when = Map.copyOf(when);
        then = List.copyOf(then);
    }

    /** The {@code then} actions in order; a mapping with several keys gives one action per key. */
    public List<PolicyAction> actions() {
        return then.stream().flatMap(action -> action.entrySet().stream())
                .map(entry -> new PolicyAction(entry.getKey(), entry.getValue())).toList();
    }
}
