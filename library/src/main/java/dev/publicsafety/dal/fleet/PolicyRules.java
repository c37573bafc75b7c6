package dev.publicsafety.dal.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses and validates policy YAML. The shape:
 *
 * <pre>
 * version: 1                     # optional
 * rules:                         # at least one
 *   - name: escalate-structure-fires
 *     description: optional text
 *     when:                      # mapping of conditions, at least one
 *       incident_type: structure_fire
 *     then:                      # an action mapping, or a list of them
 *       - set_priority: 1
 *       - notify: duty-chief
 * </pre>
 *
 * Parsed with SnakeYAML's safe constructor (plain data only, no Java types), with duplicate keys
 * rejected and aliases limited.
 */
public final class PolicyRules {

    private static final Set<String> TOP_LEVEL = Set.of("version", "rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "description", "when", "then");
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
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            options.setAllowRecursiveKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " " + e.getContext() : "";
            throw new InvalidPolicyException(policy, "invalid YAML:" + context + " " + problem,
                    mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, e);
        } catch (YAMLException e) {
            throw new InvalidPolicyException(policy, "invalid YAML: " + e.getMessage(), 0, 0, e);
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new InvalidPolicyException(policy, "the document must be a mapping with a 'rules:' list, found "
                    + describe(document), 0, 0, null);
        }
        unknownKeys(policy, "the document", top, TOP_LEVEL);
        Object version = top.get("version");
        if (version != null && !Integer.valueOf(1).equals(version)) {
            throw new InvalidPolicyException(policy, "version must be 1, was " + version, 0, 0, null);
        }
        if (!(top.get("rules") instanceof List<?> rules) || rules.isEmpty()) {
            throw new InvalidPolicyException(policy, "'rules' must be a non-empty list of rules, found "
                    + describe(top.get("rules")), 0, 0, null);
        }
        List<PolicyRule> parsed = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < rules.size(); i++) {
            String where = "rules[" + i + "]";
            if (!(rules.get(i) instanceof Map<?, ?> rule)) {
                throw new InvalidPolicyException(policy, where + " must be a mapping with name, when and then, found "
                        + describe(rules.get(i)), 0, 0, null);
            }
            unknownKeys(policy, where, rule, RULE_KEYS);
            if (!(rule.get("name") instanceof String name) || name.isBlank()) {
                throw new InvalidPolicyException(policy, where + ".name is required (a short identifier)", 0, 0, null);
            }
            if (!names.add(name)) {
                throw new InvalidPolicyException(policy, where + ".name '" + name + "' is used by another rule", 0, 0, null);
            }
            Object description = rule.get("description");
            if (description != null && !(description instanceof String)) {
                throw new InvalidPolicyException(policy, where + ".description must be text", 0, 0, null);
            }
            if (!(rule.get("when") instanceof Map<?, ?> when) || when.isEmpty()) {
                throw new InvalidPolicyException(policy, where + " ('" + name + "').when must be a non-empty mapping of conditions,"
                        + " e.g. incident_type: fire; found " + describe(rule.get("when")), 0, 0, null);
            }
            List<Map<String, Object>> actions = actions(policy, where + " ('" + name + "').then", rule.get("then"));
            parsed.add(new PolicyRule(name, (String) description, stringKeys(policy, where + ".when", when), actions));
        }
        return parsed;
    }

    private static List<Map<String, Object>> actions(String policy, String where, Object then) {
        List<?> items = then instanceof Map<?, ?> single ? List.of(single) : then instanceof List<?> list ? list : null;
        if (items == null || items.isEmpty()) {
            throw new InvalidPolicyException(policy, where + " must be an action mapping or a non-empty list of them,"
                    + " e.g. set_priority: 1; found " + describe(then), 0, 0, null);
        }
        List<Map<String, Object>> actions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> action) || action.isEmpty()) {
                throw new InvalidPolicyException(policy, where + "[" + i + "] must be a non-empty mapping, found "
                        + describe(items.get(i)), 0, 0, null);
            }
            actions.add(stringKeys(policy, where + "[" + i + "]", action));
        }
        return actions;
    }

    private static Map<String, Object> stringKeys(String policy, String where, Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new InvalidPolicyException(policy, where + " has a non-text key " + entry.getKey(), 0, 0, null);
            }
            if (entry.getValue() == null) {
                throw new InvalidPolicyException(policy, where + "." + key + " has no value", 0, 0, null);
            }
            result.put(key, entry.getValue());
        }
        return result;
    }

    private static void unknownKeys(String policy, String where, Map<?, ?> map, Set<String> allowed) {
        Set<String> unknown = new TreeSet<>();
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidPolicyException(policy, where + " has unknown key" + (unknown.size() == 1 ? " " : "s ")
                    + unknown + "; allowed: " + new TreeSet<>(allowed), 0, 0, null);
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
