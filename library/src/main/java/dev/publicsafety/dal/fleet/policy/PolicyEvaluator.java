package dev.publicsafety.dal.fleet.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which rules fire for a set of facts. Policies are taken in the order given (the
 * repository's {@code enabledInOrder()}: lowest priority number first, then by name),
 * their rules in the order of their YAML; every rule whose condition holds fires, so the decisions
 * come in that order and are the same for the same facts. A disabled policy or rule never fires.
 * It decides only: carrying out the actions is the caller's business.
 */
public final class PolicyEvaluator {

    private record Named(String policy, PolicyRule rule) {
    }

    private final List<Named> rules;

    private PolicyEvaluator(List<Named> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules of the enabled {@code policies}, in their order. */
    public static PolicyEvaluator of(List<? extends RuleSet> policies) {
        List<Named> rules = new ArrayList<>();
        for (RuleSet policy : policies) {
            if (policy.enabled()) {
                policy.rules().forEach(rule -> rules.add(new Named(policy.name(), rule)));
            }
        }
        return new PolicyEvaluator(rules);
    }

    /** The {@code rules} of one policy named {@code policy}, e.g. straight from {@link PolicyRules#parse}. */
    public static PolicyEvaluator of(String policy, List<PolicyRule> rules) {
        return new PolicyEvaluator(rules.stream().map(rule -> new Named(policy, rule)).toList());
    }

    /** The rules that fire for {@code facts}, with their actions, in order. */
    public List<PolicyDecision> evaluate(PolicyFacts facts) {
        List<PolicyDecision> decisions = new ArrayList<>();
        for (Named named : rules) {
            if (named.rule().enabled() && named.rule().condition().holds(facts)) {
                decisions.add(new PolicyDecision(named.policy(), named.rule().name(), named.rule().actions()));
            }
        }
        return decisions;
    }
}
