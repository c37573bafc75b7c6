package dev.publicsafety.dal.fleet.policy;

import java.util.List;

/** A named set of rules that can be switched off: what {@link PolicyEvaluator} evaluates (a stored policy is one). */
public interface RuleSet {

    String name();

    boolean enabled();

    List<PolicyRule> rules();
}
