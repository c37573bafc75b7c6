package dev.publicsafety.dal.fleet.policy;

import dev.publicsafety.dal.connect.OneLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The dispatch product's policy YAML ({@code services/workers/example_policies.yml} in
 * {@code asmortongpt/Fleet-AzureDevOps}), translated into our rules: each named policy becomes a rule of
 * that name, its {@code conditions} our {@code when} ({@code all:}/{@code any:} lists of
 * {@code field: {operator: value}}), its {@code actions} our {@code then} ({@code type: params}).
 * Checked as strictly as ours: only the product's policy keys, the fields of its transmissions, the
 * operators of {@link PolicyOperator} and the action types its policy worker documents.
 */
final class DispatchPolicyFormat {

    private static final Set<String> POLICY_KEYS = Set.of("name", "description", "enabled", "conditions", "actions");
    private static final Set<String> CONDITION_KEYS = Set.of("field", "operator", "value");
    private static final Set<String> ACTION_KEYS = Set.of("type", "params");
    /** The product's transmission fields a condition may read, as its model and example policies name them. */
    private static final Set<String> FIELDS = Set.of("transcript", "transcript_confidence", "confidence_score",
            "language_code", "priority", "intent", "intent.primary", "intent.confidence", "tags", "entities",
            "channel_id", "channel.name", "channel.talkgroup", "timestamp", "timestamp.hour", "timestamp.minute",
            "started_at", "started_at.hour", "started_at.minute", "ended_at", "duration_seconds", "audio_format",
            "processing_status");
    /** {@code entities.<category>}: the product's NLP adds categories, so any lower-case name is one. */
    private static final Pattern ENTITY_CATEGORY = Pattern.compile("entities\\.[a-z][a-z0-9_]*");
    private static final Set<String> ACTION_TYPES = Set.of("create_incident", "assign_unit", "notify", "escalate",
            "create_task", "update_status", "log_event");

    private DispatchPolicyFormat() {
    }

    /** The product's shape: named policies, each a mapping, and none of our top-level keys. */
    static boolean isIn(Map<String, NodeTuple> document) {
        return !document.isEmpty() && !document.containsKey("rules") && !document.containsKey("version")
                && document.values().stream().allMatch(policy -> policy.getValueNode() instanceof MappingNode);
    }

    static List<PolicyRule> rules(PolicyNodes nodes, Map<String, NodeTuple> policies) {
        List<PolicyRule> rules = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> entry : policies.entrySet()) {
            String id = entry.getKey();
            String where = OneLine.escape(id);
            if (id.isBlank()) {
                throw nodes.fail(entry.getValue().getKeyNode(), "a policy needs a name as its key, found '" + where + "'");
            }
            Node node = entry.getValue().getValueNode();
            Map<String, NodeTuple> policy = nodes.entries(where, (MappingNode) node); // isIn saw a mapping
            nodes.unknownKeys(where, policy, POLICY_KEYS);
            for (String text : List.of("name", "description")) {
                Object value = nodes.value(PolicyNodes.valueOf(policy, text));
                if (value != null && !(value instanceof String)) {
                    throw nodes.fail(PolicyNodes.valueOf(policy, text), where + "." + text + " must be text");
                }
            }
            Object enabled = nodes.value(PolicyNodes.valueOf(policy, "enabled"));
            if (enabled != null && !(enabled instanceof Boolean)) {
                throw nodes.fail(PolicyNodes.valueOf(policy, "enabled"), where + ".enabled must be true or false");
            }
            Node conditions = PolicyNodes.valueOf(policy, "conditions");
            if (!(conditions instanceof MappingNode mapping)) {
                throw nodes.fail(conditions != null ? conditions : node, where + ".conditions must be a mapping with all or any"
                        + " (a list of field, operator, value), found " + PolicyNodes.describe(nodes.value(conditions)));
            }
            Map<String, Object> when = new LinkedHashMap<>();
            PolicyCondition condition = conditions(nodes, where + ".conditions", mapping, when);
            List<Map<String, Object>> then = actions(nodes, where + ".actions", PolicyNodes.valueOf(policy, "actions"), node);
            rules.add(new PolicyRule(id, (String) nodes.value(PolicyNodes.valueOf(policy, "description")), when, then,
                    !Boolean.FALSE.equals(enabled), condition));
        }
        return rules;
    }

    /** The condition of {@code conditions}; puts its translation into {@code when}. */
    private static PolicyCondition conditions(PolicyNodes nodes, String where, MappingNode node, Map<String, Object> when) {
        Map<String, NodeTuple> entries = nodes.entries(where, node);
        if (entries.containsKey("all") && entries.containsKey("any")) {
            throw nodes.fail(node, where + " has both all and any; the product reads only all, so write one");
        }
        String group = entries.containsKey("all") ? "all" : entries.containsKey("any") ? "any" : null;
        if (group == null) {
            return check(nodes, where, node, when);
        }
        nodes.unknownKeys(where, entries, Set.of(group));
        Node list = PolicyNodes.valueOf(entries, group);
        if (!(list instanceof SequenceNode members) || members.getValue().isEmpty()) {
            throw nodes.fail(list, where + "." + group + " must be a non-empty list of conditions (field, operator, value), found "
                    + PolicyNodes.describe(nodes.value(list)));
        }
        List<PolicyCondition> checks = new ArrayList<>();
        List<Map<String, Object>> translated = new ArrayList<>();
        for (int i = 0; i < members.getValue().size(); i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            checks.add(check(nodes, where + "." + group + "[" + i + "]", members.getValue().get(i), one));
            translated.add(one);
        }
        when.put(group, translated);
        return group.equals("all") ? new PolicyCondition.AllOf(checks) : new PolicyCondition.AnyOf(checks);
    }

    /** One {@code field}/{@code operator}/{@code value} condition; puts {@code field: {operator: value}} into {@code when}. */
    private static PolicyCondition check(PolicyNodes nodes, String where, Node node, Map<String, Object> when) {
        if (!(node instanceof MappingNode mapping)) {
            throw nodes.fail(node, where + " must be a mapping with field, operator and value, found "
                    + PolicyNodes.describe(nodes.value(node)));
        }
        Map<String, NodeTuple> entries = nodes.entries(where, mapping);
        nodes.unknownKeys(where, entries, CONDITION_KEYS);
        Node fieldNode = PolicyNodes.valueOf(entries, "field");
        String field = nodes.text(fieldNode);
        if (field == null) {
            throw nodes.fail(fieldNode != null ? fieldNode : node, where + ".field is required (text, e.g. priority)");
        }
        if (!FIELDS.contains(field) && !ENTITY_CATEGORY.matcher(field).matches()) {
            throw nodes.fail(fieldNode, where + ".field: unknown field '" + OneLine.escape(field) + "'; known: "
                    + new TreeSet<>(FIELDS) + " and entities.<category>");
        }
        Node operatorNode = PolicyNodes.valueOf(entries, "operator");
        String name = nodes.text(operatorNode);
        if (name == null) {
            throw nodes.fail(operatorNode != null ? operatorNode : node, where + ".operator is required (text, e.g. equals)");
        }
        PolicyOperator operator = PolicyOperator.named(name).orElseThrow(() -> nodes.fail(operatorNode,
                where + ".operator: unknown operator '" + OneLine.escape(name) + "'; known: " + PolicyOperator.names()));
        PolicyCondition.Check check = PolicyRules.check(nodes, where + ".value", field, operator,
                PolicyNodes.valueOf(entries, "value"), node);
        when.put(field, Map.of(name, check.value() == null ? true : check.value()));
        return check;
    }

    private static List<Map<String, Object>> actions(PolicyNodes nodes, String where, Node actions, Node policy) {
        if (!(actions instanceof SequenceNode list) || list.getValue().isEmpty()) {
            throw nodes.fail(actions != null ? actions : policy, where + " must be a non-empty list of actions (type, params), found "
                    + PolicyNodes.describe(nodes.value(actions)));
        }
        List<Map<String, Object>> then = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String at = where + "[" + i + "]";
            Node item = list.getValue().get(i);
            if (!(item instanceof MappingNode mapping)) {
                throw nodes.fail(item, at + " must be a mapping with type and params, found " + PolicyNodes.describe(nodes.value(item)));
            }
            Map<String, NodeTuple> action = nodes.entries(at, mapping);
            nodes.unknownKeys(at, action, ACTION_KEYS);
            Node typeNode = PolicyNodes.valueOf(action, "type");
            String type = nodes.text(typeNode);
            if (type == null) {
                throw nodes.fail(typeNode != null ? typeNode : item, at + ".type is required (text, e.g. create_incident)");
            }
            if (!ACTION_TYPES.contains(type)) {
                throw nodes.fail(typeNode, at + ".type: unknown action type '" + OneLine.escape(type) + "'; known: "
                        + new TreeSet<>(ACTION_TYPES));
            }
            Node paramsNode = PolicyNodes.valueOf(action, "params");
            Object params = nodes.value(paramsNode);
            if (params != null && !(params instanceof Map)) {
                throw nodes.fail(paramsNode, at + ".params must be a mapping, found " + PolicyNodes.describe(params));
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(type, params == null ? Map.of() : params);
            then.add(one);
        }
        return then;
    }
}
