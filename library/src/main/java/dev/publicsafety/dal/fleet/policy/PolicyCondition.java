package dev.publicsafety.dal.fleet.policy;

import java.util.List;

/** What a rule needs of the facts: a comparison of one field, or all / any of other conditions. */
public sealed interface PolicyCondition {

    boolean holds(PolicyFacts facts);

    /** {@code field operator value}, e.g. {@code priority equals high}; value is null for empty / not_empty. */
    record Check(String field, PolicyOperator operator, Object value) implements PolicyCondition {
        @Override
        public boolean holds(PolicyFacts facts) {
            return operator.test(facts.value(field), value);
        }
    }

    record AllOf(List<PolicyCondition> conditions) implements PolicyCondition {
        public AllOf {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean holds(PolicyFacts facts) {
            return conditions.stream().allMatch(c -> c.holds(facts));
        }
    }

    record AnyOf(List<PolicyCondition> conditions) implements PolicyCondition {
        public AnyOf {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean holds(PolicyFacts facts) {
            return conditions.stream().anyMatch(c -> c.holds(facts));
        }
    }
}
