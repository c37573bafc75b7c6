package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.policy.InvalidPolicyException;
import dev.publicsafety.dal.fleet.policy.NewPolicy;
import dev.publicsafety.dal.fleet.policy.Policy;
import dev.publicsafety.dal.fleet.policy.PolicyAction;
import dev.publicsafety.dal.fleet.policy.PolicyDecision;
import dev.publicsafety.dal.fleet.policy.PolicyEvaluator;
import dev.publicsafety.dal.fleet.policy.PolicyFacts;
import dev.publicsafety.dal.fleet.policy.PolicyRule;
import dev.publicsafety.dal.fleet.policy.PolicyRules;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The dispatch product's policy format (issue #31): its ten example policies, written in its format
 * and in ours (tests/src/test/resources/dispatch-product-policies), give the same decisions; what it
 * cannot say is refused with the line; it is stored and read back like ours.
 */
@IsolatedDatabase
class DispatchPolicyFormatTest {

    private static final Actor ADMIN = Actor.service("policy-admin");
    private static final String PRODUCT = resource("product-format.yml");
    private static final String OURS = resource("our-format.yml");
    private static final OffsetDateTime AFTERNOON = OffsetDateTime.of(2026, 3, 14, 14, 5, 0, 0, ZoneOffset.UTC);

    /** A transmission's facts and the example policies it fires, in the example's order. */
    private record Case(String what, PolicyFacts facts, List<String> fires) {
    }

    private static final List<Case> CASES = List.of(
            new Case("a code 3 fire with a location", facts(Map.of(
                    "priority", "high", "tags", List.of("code:code_3", "has:location"),
                    "entities", Map.of("incident_codes", List.of("code 3"), "unit_ids", List.of("E-42"),
                            "locations", List.of("123 Main Street")),
                    "transcript", "Engine 42 responding code 3 to a structure fire on Main Street",
                    "intent", Map.of("primary", "dispatch"), "confidence_score", 0.92, "timestamp", AFTERNOON)),
                    List.of("high_priority_fire")),
            new Case("a late, unsure call for backup naming a knife", facts(Map.of(
                    "priority", "high", "tags", List.of("has:location"),
                    "entities", Map.of("unit_ids", List.of("Car 12"), "locations", List.of("5th and Oak")),
                    "transcript", "Car 12, need backup at 5th and Oak, suspect has a knife",
                    "intent", Map.of("primary", "request_assistance"), "confidence_score", 0.55,
                    "timestamp", AFTERNOON.withHour(23))),
                    List.of("officer_assistance", "low_confidence_review", "after_hours_escalation", "keyword_alert")),
            new Case("four victims, no location, at 22:00", facts(Map.of(
                    "priority", "high", "tags", List.of(), "entities", Map.of("personnel_count", 4),
                    "transcript", "Four people hurt in a collision", "intent", Map.of("primary", "incident_report"),
                    "confidence_score", 0.9, "timestamp", AFTERNOON.withHour(22))),
                    List.of("multiple_victims", "location_confirmation")),
            new Case("a unit en route", facts(Map.of(
                    "priority", "medium", "tags", List.of("has:location"),
                    "entities", Map.of("statuses", List.of("en route"), "unit_ids", List.of("M-7")),
                    "transcript", "Medic 7 en route", "intent", Map.of("primary", "status_update"),
                    "confidence_score", 0.95, "timestamp", AFTERNOON)),
                    List.of("en_route_update")),
            new Case("en route with no unit named", facts(Map.of(
                    "priority", "medium", "entities", Map.of("statuses", List.of("en route"), "unit_ids", List.of()),
                    "transcript", "en route", "intent", Map.of("primary", "status_update"), "confidence_score", 0.95)),
                    List.of()),
            new Case("a unit back in service", facts(Map.of(
                    "priority", "low", "tags", List.of(), "entities", Map.of("statuses", List.of("10-8"), "unit_ids", List.of("E-42")),
                    "transcript", "Engine 42 10-8", "intent", Map.of("primary", "status_update"), "confidence_score", 0.95)),
                    List.of("cleared_status")),
            new Case("a medium-priority report without location, Gun capitalized", facts(Map.of(
                    "priority", "medium", "tags", List.of(), "entities", Map.of(),
                    "transcript", "Gun reported near the school", "intent", Map.of("primary", "incident_report"),
                    "confidence_score", 0.95, "timestamp", AFTERNOON)),
                    List.of("location_confirmation")),
            new Case("a radio check", facts(Map.of(
                    "priority", "low", "tags", List.of(), "entities", Map.of(), "transcript", "radio check",
                    "intent", Map.of("primary", "other"), "confidence_score", 0.99, "timestamp", AFTERNOON)),
                    List.of()));

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
    void shouldGiveTheSameDecisionsInBothFormatsOnTheProductsExamplePolicies() {
        PolicyEvaluator product = PolicyEvaluator.of("examples", PolicyRules.parse("examples", PRODUCT));
        PolicyEvaluator ours = PolicyEvaluator.of("examples", PolicyRules.parse("examples", OURS));
        for (Case c : CASES) {
            List<PolicyDecision> decisions = product.evaluate(c.facts());
            assertEquals(c.fires(), decisions.stream().map(PolicyDecision::rule).toList(), c.what());
            assertEquals(decisions, ours.evaluate(c.facts()), c.what());
        }
        assertEquals(List.of(new PolicyDecision("examples", "high_priority_fire", List.of(
                        new PolicyAction("create_incident", Map.of("incident_type", "fire", "priority", "high", "assign_units", true)),
                        new PolicyAction("notify", Map.of("channels", List.of("sms", "email"),
                                "recipients", List.of("dispatcher", "fire_chief"), "template", "high_priority_fire"))))),
                product.evaluate(CASES.get(0).facts()));
    }

    @Test
    void shouldTranslateTheProductsPoliciesIntoOurRules() {
        List<PolicyRule> translated = PolicyRules.parse("examples", PRODUCT);
        assertEquals(List.of("high_priority_fire", "officer_assistance", "multiple_victims", "en_route_update",
                "low_confidence_review", "location_confirmation", "auto_unit_assignment", "after_hours_escalation",
                "keyword_alert", "cleared_status"), translated.stream().map(PolicyRule::name).toList());
        assertEquals(Map.of("all", List.of(Map.of("priority", Map.of("equals", "high")),
                        Map.of("tags", Map.of("contains", "code:code_3")),
                        Map.of("entities.incident_codes", Map.of("contains_any", List.of("code 3", "code red"))))),
                translated.get(0).when());
        assertEquals(Map.of("create_task", Map.of("task_type", "dispatch_backup", "priority", "high")), translated.get(1).then().get(1));
        assertFalse(translated.get(6).enabled());
        // Written out in our format, the translation parses back to the very same rules.
        List<Map<String, Object>> asOurs = translated.stream().map(rule -> {
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("name", rule.name());
            written.put("description", rule.description());
            written.put("enabled", rule.enabled());
            written.put("when", rule.when());
            written.put("then", rule.then());
            return written;
        }).toList();
        assertEquals(translated, PolicyRules.parse("examples", new Yaml().dump(Map.of("rules", asOurs))));
    }

    @Test
    void shouldNeverFireADisabledPolicyEvenWhenItsConditionHolds() {
        PolicyFacts fire = CASES.get(0).facts();
        for (String yaml : List.of(PRODUCT, OURS)) {
            List<PolicyRule> rules = PolicyRules.parse("examples", yaml);
            PolicyRule assignment = rules.get(6);
            assertEquals("auto_unit_assignment", assignment.name());
            assertTrue(assignment.condition().holds(fire));
            assertFalse(PolicyEvaluator.of("examples", rules).evaluate(fire).stream().anyMatch(d -> d.rule().equals(assignment.name())));
        }
    }

    private static final String SMALL = """
            fire:
              conditions:
                all:
                  - field: priority
                    operator: equals
                    value: high
              actions:
                - type: create_incident
                  params: { priority: high }
            """;

    @Test
    void shouldRefuseAnUnknownOperatorNamingItAndItsLine() {
        InvalidPolicyException refused = refused(SMALL.replace("operator: equals", "operator: equal"));
        assertEquals("policy 'Refused': fire.conditions.all[0].operator: unknown operator 'equal'; known: [equals, not_equals,"
                + " contains, not_contains, contains_any, contains_all, in, not_in, greater_than, less_than, regex_match, empty,"
                + " not_empty] (line 5, column 19)", refused.getMessage());
        assertEquals(5, refused.line());
        InvalidPolicyException ours = refused("rules:\n  - name: r\n    when:\n      tags: { contians: x }\n    then: { notify: x }\n");
        assertTrue(ours.getMessage().startsWith("policy 'Refused': rules[0] ('r').when.tags has unknown operator 'contians'; known: [equals,"),
                ours.getMessage());
        assertEquals(4, ours.line());
        assertTrue(refused("rules:\n  - name: r\n    when: { tags: {} }\n    then: { notify: x }\n").getMessage()
                .contains("rules[0] ('r').when.tags must map operators to values"), "an empty operator mapping would always hold");
    }

    @Test
    void shouldRefuseAnUnknownFieldNamingItAndItsLine() {
        InvalidPolicyException refused = refused(SMALL.replace("field: priority", "field: severity"));
        assertTrue(refused.getMessage().startsWith("policy 'Refused': fire.conditions.all[0].field: unknown field 'severity'; known: ["),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith(" and entities.<category> (line 4, column 16)"), refused.getMessage());
        assertEquals(4, refused.line());
    }

    @Test
    void shouldRefuseAnUnknownActionTypeNamingItAndItsLine() {
        InvalidPolicyException refused = refused(SMALL.replace("type: create_incident", "type: page_everyone"));
        assertEquals("policy 'Refused': fire.actions[0].type: unknown action type 'page_everyone'; known: [assign_unit,"
                + " create_incident, create_task, escalate, log_event, notify, update_status] (line 8, column 13)", refused.getMessage());
        assertEquals(8, refused.line());
    }

    @Test
    void shouldRefuseAValueOfTheWrongTypeNamingTheOperatorAndItsLine() {
        InvalidPolicyException number = refused(SMALL.replace("operator: equals", "operator: greater_than")
                .replace("value: high", "value: three"));
        assertEquals("policy 'Refused': fire.conditions.all[0].value: greater_than needs a number, found 'three' (line 6, column 16)",
                number.getMessage());
        InvalidPolicyException list = refused(SMALL.replace("operator: equals", "operator: contains_any"));
        assertTrue(list.getMessage().contains("fire.conditions.all[0].value: contains_any needs a list of texts, numbers or true/false,"
                + " found 'high' (line 6"), list.getMessage());
        InvalidPolicyException missing = refused(SMALL.replace("        value: high\n", ""));
        assertTrue(missing.getMessage().contains("fire.conditions.all[0].value: equals needs a value"), missing.getMessage());
        assertEquals(4, missing.line(), "a missing value is reported at its condition");
        InvalidPolicyException regex = refused(SMALL.replace("operator: equals", "operator: regex_match").replace("value: high", "value: \"(gun\""));
        assertTrue(regex.getMessage().contains("regex_match needs a valid regular expression: Unclosed group"), regex.getMessage());
        assertEquals(6, regex.line());
        InvalidPolicyException ours = refused("rules:\n  - name: r\n    when:\n      confidence_score: { less_than: low }\n    then: { notify: x }\n");
        assertTrue(ours.getMessage().contains("rules[0] ('r').when.confidence_score.less_than: less_than needs a number, found 'low'"
                + " (line 4, column 38)"), ours.getMessage());
    }

    @Test
    void shouldRefuseKeysTheProductsFormatDoesNotHave() {
        InvalidPolicyException typo = refused(SMALL.replace("  conditions:", "  condition:"));
        assertTrue(typo.getMessage().contains("fire has unknown key [condition]; allowed: [actions, conditions, description, enabled, name]"
                + " (line 2, column 3)"), typo.getMessage());
        InvalidPolicyException both = refused(SMALL.replace("  actions:", "    any: []\n  actions:"));
        assertTrue(both.getMessage().contains("fire.conditions has both all and any"), both.getMessage());
        assertTrue(refused("fire: !!omap [conditions: {field: priority, operator: equals, value: high}]\n").getMessage()
                .contains("rules"), "a policy that is not a mapping node is not the product's format");
        assertTrue(refused("!!omap [rules: x]\n").getMessage().contains("the document must be a mapping"));
        InvalidPolicyException params = refused(SMALL.replace("params: { priority: high }", "params: high"));
        assertTrue(params.getMessage().contains("fire.actions[0].params must be a mapping, found 'high' (line 9"), params.getMessage());
    }

    @Test
    void shouldCompareAsTheProductsEngineDoes() {
        assertEquals(List.of("fires"), fired("confidence_score: { less_than: 0.7 }", Map.of()), "a missing number counts as 0");
        assertEquals(List.of(), fired("confidence_score: { less_than: 0.7 }", Map.of("confidence_score", "unsure")), "text is no number");
        assertEquals(List.of(), fired("transcript: { contains: Need backup }", Map.of("transcript", "need backup")), "case-sensitive");
        assertEquals(List.of("fires"), fired("transcript: { not_contains: backup }", Map.of()), "nothing contains nothing");
        assertEquals(List.of("fires"), fired("priority: 3", Map.of("priority", 3.0)), "numbers by value");
        assertEquals(List.of(), fired("entities.unit_ids: { contains_any: [] }", Map.of("entities", Map.of())));
        assertEquals(List.of("fires"), fired("tags: { contains_all: [a, b] }", Map.of("tags", List.of("b", "c", "a"))));
        assertEquals(List.of("fires"), fired("channel: { not_in: [north, south] }", Map.of("channel", "east")));
        assertEquals(List.of("fires"), fired("entities.locations: { empty: true }", Map.of("entities", Map.of("locations", List.of()))));
    }

    @Test
    void shouldStoreAPolicyInTheProductsFormatAndEvaluateItAfterReadingItBack() {
        Policy product = acting.inTransaction(t -> t.policies().create(NewPolicy.of("Product examples", PRODUCT, 20)));
        acting.inTransaction(t -> t.policies().create(NewPolicy.of("Ours first", """
                rules:
                  - name: tag-backup
                    when: { transcript: { contains: need backup } }
                    then: { add_tag: backup }
                """, 10)));
        Policy read = acting.inTransaction(t -> t.policies().get(product.id()));
        assertEquals(PRODUCT, read.rulesYaml());
        assertEquals(PolicyRules.parse("Product examples", PRODUCT), read.rules());
        PolicyFacts backup = CASES.get(1).facts();
        assertEquals(CASES.get(1).fires(), read.evaluator().evaluate(backup).stream().map(PolicyDecision::rule).toList());
        List<PolicyDecision> all = PolicyEvaluator.of(acting.inTransaction(t -> t.policies().enabledInOrder())).evaluate(backup);
        assertEquals(List.of("Ours first", "Product examples", "Product examples", "Product examples", "Product examples"),
                all.stream().map(PolicyDecision::policy).toList(), "policies in priority order, rules in document order");

        InvalidPolicyException refused = assertThrows(InvalidPolicyException.class,
                () -> acting.inTransaction(t -> t.policies().updateRules(product.id(), PRODUCT.replace("operator: regex_match", "operator: matches"))));
        assertTrue(refused.getMessage().contains("keyword_alert.conditions.any[0].operator: unknown operator 'matches'"), refused.getMessage());
        assertEquals(PRODUCT, acting.inTransaction(t -> t.policies().get(product.id())).rulesYaml());
        assertEquals(List.of(), acting.inTransaction(t -> t.policies().disable(product.id())).evaluator().evaluate(backup), "a disabled policy decides nothing");
    }

    private static List<String> fired(String condition, Map<String, Object> facts) {
        List<PolicyRule> rules = PolicyRules.parse("p", "rules:\n  - name: fires\n    when: { " + condition + " }\n    then: { notify: x }\n");
        return PolicyEvaluator.of("p", rules).evaluate(facts(facts)).stream().map(PolicyDecision::rule).toList();
    }

    private static InvalidPolicyException refused(String yaml) {
        return assertThrows(InvalidPolicyException.class, () -> PolicyRules.parse("Refused", yaml));
    }

    private static PolicyFacts facts(Map<String, ?> fields) {
        return PolicyFacts.of(fields);
    }


    private static String resource(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/dispatch-product-policies", name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
