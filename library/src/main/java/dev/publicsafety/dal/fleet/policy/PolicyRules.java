package dev.publicsafety.dal.fleet.policy;

import dev.publicsafety.dal.connect.OneLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses and validates policy YAML, in our format or the dispatch product's, into {@link PolicyRule}s.
 * Our format:
 *
 * <pre>
 * version: 1                     # optional
 * rules:                         # at least one
 *   - name: escalate-structure-fires
 *     description: optional text
 *     enabled: true              # optional; a disabled rule never fires
 *     when:                      # mapping of conditions, at least one; all must hold
 *       incident_type: structure_fire            # field: value means field equals value
 *       tags: { contains: "code:code_3" }        # field: { operator: value, ... }
 *       any:                                     # any / all: a list of condition mappings
 *         - transcript: { contains: need backup }
 *         - priority: high
 *     then:                      # an action mapping, or a list of them
 *       - set_priority: 1
 *       - notify: duty-chief
 * </pre>
 *
 * Field names and action types are open in our format (a field the facts do not have never equals
 * anything); the operators are {@link PolicyOperator}'s and an unknown one is refused.
 *
 * <p>The product's format ({@code services/workers/example_policies.yml}) is a mapping of named
 * policies, each with {@code conditions} ({@code all} or {@code any} of {@code field}/{@code operator}/
 * {@code value}, or one such condition) and {@code actions} ({@code type} and {@code params}); it is
 * recognized by its shape (no {@code rules} or {@code version} key, every value a mapping) and read by
 * {@link DispatchPolicyFormat}, which refuses fields, operators and action types the product does not have.
 *
 * <p>Decision: the product's format is <em>translated</em> into our rules when parsed (one rule per
 * named policy), not kept as a second model. The YAML is stored as written, in either format, and
 * parsed again on every read; both give the same {@link PolicyRule}s, so there is one evaluator
 * ({@link PolicyEvaluator}) and one meaning of each operator.
 *
 * <p>The YAML is composed into nodes, so each refusal names its line, and built with SnakeYAML's safe
 * constructor (plain data only, no Java types), duplicate keys rejected and aliases limited.
 */
public final class PolicyRules {

    private static final Set<String> TOP_LEVEL = Set.of("version", "rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "description", "enabled", "when", "then");
    private static final int MAX_LENGTH = 256 * 1024;

    private PolicyRules() {
    }

    /** The rules of {@code yaml}, or an {@link InvalidPolicyException} naming the problem and its line. */
    public static List<PolicyRule> parse(String policy, String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidPolicyException(policy, "the rules YAML is empty; it needs a 'rules:' list", 0, 0, null);
        }
        if (yaml.length() > MAX_LENGTH) {
            throw new InvalidPolicyException(policy, "the rules YAML is longer than " + MAX_LENGTH + " characters", 0, 0, null);
        }
        PolicyNodes nodes = new PolicyNodes(policy);
        Node root;
        Object document;
        try {
            root = nodes.compose(yaml);
            document = nodes.value(root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " " + e.getContext() : "";
            throw new InvalidPolicyException(policy, "invalid YAML:" + context + " " + problem,
                    mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, e);
        } catch (YAMLException e) {
            throw new InvalidPolicyException(policy, "invalid YAML: " + e.getMessage(), 0, 0, e);
        }
        if (!(document instanceof Map<?, ?>) || !(root instanceof MappingNode mapping)) { // !!omap is a Map from a sequence
            throw nodes.fail(null, "the document must be a mapping with a 'rules:' list, found " + PolicyNodes.describe(document));
        }
        Map<String, NodeTuple> entries = nodes.entries("the document", mapping);
        if (DispatchPolicyFormat.isIn(entries)) {
            return DispatchPolicyFormat.rules(nodes, entries);
        }
        return ours(nodes, entries);
    }

    private static List<PolicyRule> ours(PolicyNodes nodes, Map<String, NodeTuple> top) {
        nodes.unknownKeys("the document", top, TOP_LEVEL);
        Node version = PolicyNodes.valueOf(top, "version");
        if (version != null && !Integer.valueOf(1).equals(nodes.value(version))) {
            throw nodes.fail(version, "version must be 1, was " + OneLine.escape(String.valueOf(nodes.value(version))));
        }
        Node rules = PolicyNodes.valueOf(top, "rules");
        if (!(rules instanceof SequenceNode list) || list.getValue().isEmpty()) {
            throw nodes.fail(rules, "'rules' must be a non-empty list of rules, found " + PolicyNodes.describe(nodes.value(rules)));
        }
        List<PolicyRule> parsed = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String where = "rules[" + i + "]";
            Node item = list.getValue().get(i);
            if (!(item instanceof MappingNode ruleNode)) {
                throw nodes.fail(item, where + " must be a mapping with name, when and then, found " + PolicyNodes.describe(nodes.value(item)));
            }
            Map<String, NodeTuple> rule = nodes.entries(where, ruleNode);
            nodes.unknownKeys(where, rule, RULE_KEYS);
            String name = nodes.text(PolicyNodes.valueOf(rule, "name"));
            if (name == null || name.isBlank()) {
                throw nodes.fail(item, where + ".name is required (a short identifier)");
            }
            if (!names.add(name)) {
                throw nodes.fail(PolicyNodes.valueOf(rule, "name"), where + ".name '" + OneLine.escape(name) + "' is used by another rule");
            }
            Object description = nodes.value(PolicyNodes.valueOf(rule, "description"));
            if (description != null && !(description instanceof String)) {
                throw nodes.fail(PolicyNodes.valueOf(rule, "description"), where + ".description must be text");
            }
            Object enabled = nodes.value(PolicyNodes.valueOf(rule, "enabled"));
            if (enabled != null && !(enabled instanceof Boolean)) {
                throw nodes.fail(PolicyNodes.valueOf(rule, "enabled"), where + ".enabled must be true or false");
            }
            String named = where + " ('" + OneLine.escape(name) + "')";
            Node when = PolicyNodes.valueOf(rule, "when");
            PolicyCondition condition = when(nodes, named + ".when", when, item);
            List<Map<String, Object>> actions = actions(nodes, named + ".then", PolicyNodes.valueOf(rule, "then"), item);
            @SuppressWarnings("unchecked")
            Map<String, Object> whenValue = (Map<String, Object>) nodes.value(when);
            parsed.add(new PolicyRule(name, (String) description, whenValue, actions, !Boolean.FALSE.equals(enabled), condition));
        }
        return parsed;
    }

    /** Our {@code when} mapping as a condition: every entry must hold. A missing one is reported at {@code parent}. */
    private static PolicyCondition when(PolicyNodes nodes, String where, Node node, Node parent) {
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            throw nodes.fail(node != null ? node : parent, where + " must be a non-empty mapping of conditions, e.g. incident_type: fire; found "
                    + PolicyNodes.describe(nodes.value(node)));
        }
        List<PolicyCondition> conditions = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> entry : nodes.entries(where, mapping).entrySet()) {
            String field = entry.getKey();
            String path = where + "." + OneLine.escape(field);
            Node value = entry.getValue().getValueNode();
            if (nodes.value(value) == null) {
                throw nodes.fail(entry.getValue().getKeyNode(), path + " has no value");
            }
            if (field.equals("all") || field.equals("any")) {
                if (!(value instanceof SequenceNode members) || members.getValue().isEmpty()) {
                    throw nodes.fail(value, path + " must be a non-empty list of condition mappings");
                }
                List<PolicyCondition> group = new ArrayList<>();
                for (int i = 0; i < members.getValue().size(); i++) {
                    group.add(when(nodes, path + "[" + i + "]", members.getValue().get(i), value));
                }
                conditions.add(field.equals("all") ? new PolicyCondition.AllOf(group) : new PolicyCondition.AnyOf(group));
            } else if (value instanceof MappingNode operators) {
                if (operators.getValue().isEmpty()) {
                    throw nodes.fail(value, path + " must map operators to values, e.g. contains: x; found an empty mapping");
                }
                for (Map.Entry<String, NodeTuple> test : nodes.entries(path, operators).entrySet()) {
                    Node name = test.getValue().getKeyNode();
                    PolicyOperator operator = PolicyOperator.named(test.getKey()).orElseThrow(() -> nodes.fail(name,
                            path + " has unknown operator '" + OneLine.escape(test.getKey()) + "'; known: " + PolicyOperator.names()));
                    conditions.add(check(nodes, path + "." + test.getKey(), field, operator, test.getValue().getValueNode(), name));
                }
            } else {
                conditions.add(check(nodes, path, field, PolicyOperator.EQUALS, value, value));
            }
        }
        return conditions.size() == 1 ? conditions.get(0) : new PolicyCondition.AllOf(conditions);
    }

    /** One comparison, its value checked against what the operator takes; {@code at} is where a missing value is reported. */
    static PolicyCondition.Check check(PolicyNodes nodes, String where, String field, PolicyOperator operator, Node valueNode, Node at) {
        Object value = nodes.value(valueNode);
        String refusal = operator.refusal(value);
        if (refusal != null) {
            throw nodes.fail(valueNode != null ? valueNode : at, where + ": " + refusal + ", found " + PolicyNodes.describe(value));
        }
        return new PolicyCondition.Check(field, operator, operator.takesValue() ? value : null);
    }

    private static List<Map<String, Object>> actions(PolicyNodes nodes, String where, Node then, Node rule) {
        List<Node> items = then instanceof MappingNode ? List.of(then) : then instanceof SequenceNode list ? list.getValue() : null;
        if (items == null || items.isEmpty()) {
            throw nodes.fail(then != null ? then : rule, where + " must be an action mapping or a non-empty list of them,"
                    + " e.g. set_priority: 1; found " + PolicyNodes.describe(nodes.value(then)));
        }
        List<Map<String, Object>> actions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String at = where + "[" + i + "]";
            if (!(item instanceof MappingNode action) || action.getValue().isEmpty()) {
                throw nodes.fail(item, at + " must be a non-empty mapping, found " + PolicyNodes.describe(nodes.value(item)));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> entry : nodes.entries(at, action).entrySet()) {
                Object value = nodes.value(entry.getValue().getValueNode());
                if (value == null) {
                    throw nodes.fail(entry.getValue().getKeyNode(), at + "." + OneLine.escape(entry.getKey()) + " has no value");
                }
                values.put(entry.getKey(), value);
            }
            actions.add(values);
        }
        return actions;
    }
}
