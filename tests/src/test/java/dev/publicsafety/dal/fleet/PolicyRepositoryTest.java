package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.policy.InvalidPolicyException;
import dev.publicsafety.dal.fleet.policy.NewPolicy;
import dev.publicsafety.dal.fleet.policy.Policy;
import dev.publicsafety.dal.fleet.policy.PolicyRule;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class PolicyRepositoryTest {

    private static final Actor ADMIN = Actor.service("policy-admin");
    private static final String ESCALATE = """
            version: 1
            rules:
              - name: escalate-structure-fires
                description: Structure fires are always priority 1
                when:
                  incident_type: structure_fire
                then:
                  - set_priority: 1
                  - notify: duty-chief
              - name: tag-night-calls
                when: { reported_hour_between: [22, 6] }
                then: { add_tag: night }
            """;

    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;

    @BeforeAll
    static void setUp(Tenant tenant) {
        fleet = tenant.fleet();
        org = tenant.id();
        acting = tenant.as(ADMIN);
    }


    @Test
    void shouldStoreAValidPolicyAndParseItsRules() {
        Policy policy = acting.inTransaction(t -> t.policies().create(NewPolicy.of("Escalation", ESCALATE, 10)));
        List<PolicyRule> rules = acting.inTransaction(t -> t.policies().get(policy.id())).rules();
        assertEquals(2, rules.size());
        assertEquals("escalate-structure-fires", rules.get(0).name());
        assertEquals(Map.of("incident_type", "structure_fire"), rules.get(0).when());
        assertEquals(List.of(Map.of("set_priority", 1), Map.of("notify", "duty-chief")), rules.get(0).then());
        assertEquals(List.of(Map.of("add_tag", "night")), rules.get(1).then());
    }

    @Test
    void shouldRejectYamlThatDoesNotParseNamingTheLine() {
        String broken = """
                rules:
                  - name: broken
                    when:
                      incident_type: fire
                     then: { set_priority: 1 }
                """;
        InvalidPolicyException failure = assertThrows(InvalidPolicyException.class, () -> NewPolicy.of("Broken", broken, 1));
        assertTrue(failure.getMessage().startsWith("policy 'Broken': invalid YAML:"), failure.getMessage());
        assertEquals(5, failure.line(), failure.getMessage());
        assertTrue(failure.getMessage().contains("(line 5, column"), failure.getMessage());
    }

    @Test
    void shouldRejectYamlOfTheWrongShapeSayingWhatIsMissing() {
        assertEquals("policy 'Empty': the rules YAML is empty; it needs a 'rules:' list",
                assertThrows(InvalidPolicyException.class, () -> NewPolicy.of("Empty", "  ", 1)).getMessage());
        assertEquals("policy 'List': the document must be a mapping with a 'rules:' list, found a list",
                assertThrows(InvalidPolicyException.class, () -> NewPolicy.of("List", "- a\n- b\n", 1)).getMessage());
        assertTrue(assertThrows(InvalidPolicyException.class, () -> NewPolicy.of("NoWhen",
                "rules:\n  - name: r1\n    then: {notify: x}\n", 1)).getMessage()
                .contains("rules[0] ('r1').when must be a non-empty mapping of conditions"));
        assertTrue(assertThrows(InvalidPolicyException.class, () -> NewPolicy.of("Typo",
                "rules:\n  - name: r1\n    wen: {a: 1}\n    then: {notify: x}\n", 1)).getMessage()
                .contains("rules[0] has unknown key [wen]"));
        assertTrue(assertThrows(InvalidPolicyException.class, () -> NewPolicy.of("Dup",
                "rules:\n  - name: r1\n    when: {a: 1}\n    then: {b: 2}\n  - name: r1\n    when: {a: 1}\n    then: {b: 2}\n", 1))
                .getMessage().contains("is used by another rule"));
        assertTrue(assertThrows(InvalidPolicyException.class, () -> NewPolicy.of("DupKey",
                "rules: []\nrules: []\n", 1)).getMessage().contains("invalid YAML"));
        assertTrue(assertThrows(InvalidPolicyException.class, () -> NewPolicy.of("Java",
                "!!java.lang.Runtime {}\n", 1)).getMessage().contains("invalid YAML"), "the safe constructor refuses Java types");
    }

    @Test
    void shouldKeepTheOldRulesWhenAnUpdateIsInvalid() {
        Policy policy = acting.inTransaction(t -> t.policies().create(NewPolicy.of("Updatable", ESCALATE, 20)));
        assertThrows(InvalidPolicyException.class, () -> acting.inTransaction(t -> t.policies().updateRules(policy.id(), "rules: nope")));
        assertEquals(ESCALATE, acting.inTransaction(t -> t.policies().get(policy.id())).rulesYaml());
        String simpler = "rules:\n  - name: only\n    when: {incident_type: ems}\n    then: {set_priority: 2}\n";
        assertEquals(1, acting.inTransaction(t -> t.policies().updateRules(policy.id(), simpler)).rules().size());
    }

    @Test
    void shouldListPoliciesByPriorityAndTheEnabledOnesInOrder() {
        UUID other = FleetTestSupport.organization(fleet, "policy-order").id();
        fleet.execute(other, ADMIN, t -> {
            t.policies().create(NewPolicy.of("c-late", ESCALATE, 300));
            t.policies().create(NewPolicy.of("a-first", ESCALATE, 10));
            Policy off = t.policies().create(NewPolicy.of("b-middle", ESCALATE, 100));
            t.policies().create(NewPolicy.of("a-middle", ESCALATE, 100));
            t.policies().disable(off.id());
        });
        List<String> all = new ArrayList<>();
        PageRequest request = PageRequest.first(3);
        while (request != null) {
            PageRequest current = request;
            Page<Policy> page = fleet.inTransaction(other, ADMIN, t -> t.policies().byPriority(current));
            page.items().forEach(p -> all.add(p.name()));
            request = page.nextRequest().orElse(null);
        }
        assertEquals(List.of("a-first", "a-middle", "b-middle", "c-late"), all);
        assertEquals(List.of("a-first", "a-middle", "c-late"),
                fleet.inTransaction(other, ADMIN, t -> t.policies().enabledInOrder()).stream().map(Policy::name).toList());
    }
}
