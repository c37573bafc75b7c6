package dev.publicsafety.dal.fleet;

import java.util.List;
import java.util.Map;

/**
 * One rule of a policy: when every condition of {@code when} holds, apply the {@code then} actions.
 * The data layer checks the shape; what the conditions and actions mean is the rule engine's business.
 */
public record PolicyRule(String name, String description, Map<String, Object> when, List<Map<String, Object>> then) {

    public PolicyRule {
        when = Map.copyOf(when);
        then = List.copyOf(then);
    }
}
