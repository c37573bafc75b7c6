package dev.publicsafety.dal.fleet.policy;

import dev.publicsafety.dal.connect.OneLine;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The YAML nodes of one policy document: composed rather than loaded so that every refusal can name
 * the line of what it refuses, and turned into plain values (maps, lists, texts, numbers) with
 * SnakeYAML's safe constructor, duplicate keys rejected and aliases limited.
 */
final class PolicyNodes {

    private final String policy;
    private final Values values;

    PolicyNodes(String policy) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        this.policy = policy;
        this.values = new Values(options);
    }

    /** The document's root node, null for a document with nothing in it. */
    Node compose(String yaml) {
        return new Yaml(values).compose(new StringReader(yaml));
    }

    /** The node as plain data. */
    Object value(Node node) {
        return node == null ? null : values.value(node);
    }

    /** The mapping's entries by their text key, in document order; a key that is not text is refused. */
    Map<String, NodeTuple> entries(String where, MappingNode node) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(value(tuple.getKeyNode()) instanceof String key)) {
                throw fail(tuple.getKeyNode(), where + " has a non-text key " + OneLine.escape(String.valueOf(value(tuple.getKeyNode()))));
            }
            entries.put(key, tuple);
        }
        return entries;
    }

    /** Refuses the first key (in document order) outside {@code allowed}, naming every unknown one. */
    void unknownKeys(String where, Map<String, NodeTuple> entries, Set<String> allowed) {
        Set<String> unknown = new TreeSet<>();
        Node first = null;
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                unknown.add(OneLine.escape(entry.getKey()));
                first = first == null ? entry.getValue().getKeyNode() : first;
            }
        }
        if (first != null) {
            throw fail(first, where + " has unknown key" + (unknown.size() == 1 ? " " : "s ") + unknown
                    + "; allowed: " + new TreeSet<>(allowed));
        }
    }

    /** The value node of {@code key}, or null when the mapping has no such key. */
    static Node valueOf(Map<String, NodeTuple> entries, String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** A text scalar's value, or null when the node is missing or not text. */
    String text(Node node) {
        return node instanceof ScalarNode && value(node) instanceof String text ? text : null;
    }

    InvalidPolicyException fail(Node at, String problem) {
        return at == null
                ? new InvalidPolicyException(policy, problem, 0, 0, null)
                : new InvalidPolicyException(policy, problem, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1, null);
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + OneLine.escape(String.valueOf(value)) + "'";
    }

    /** The safe constructor, opened up to construct one node at a time. */
    private static final class Values extends SafeConstructor {
        Values(LoaderOptions options) {
            super(options);
        }

        Object value(Node node) {
            return constructDocument(node);
        }
    }
}
