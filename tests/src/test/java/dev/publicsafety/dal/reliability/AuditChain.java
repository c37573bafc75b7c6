package dev.publicsafety.dal.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a versioned entity's audit history as a chain: every change must start from exactly the
 * state the previous change left (same version, same field value), and raise the version by one.
 * A lost update breaks the chain: its "before" is a state that had already been replaced.
 */
final class AuditChain {

    private AuditChain() {
    }

    /** The problems of the chain over {@code field}; empty when every change built on the one before. */
    static List<String> breaks(List<AuditEntry> history, String field) {
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < history.size(); i++) {
            JsonNode previous = history.get(i - 1).afterState();
            AuditEntry entry = history.get(i);
            JsonNode before = entry.beforeState();
            JsonNode after = entry.afterState();
            if (before.get("version").asInt() != previous.get("version").asInt()) {
                problems.add("change " + i + " (" + entry.action() + ") started from version " + before.get("version").asInt()
                        + " but version " + previous.get("version").asInt() + " was current");
            }
            if (!before.get(field).equals(previous.get(field))) {
                problems.add("change " + i + " (" + entry.action() + ") started from " + field + " " + before.get(field)
                        + " but " + previous.get(field) + " was current: that change was lost");
            }
            if (after.get("version").asInt() != before.get("version").asInt() + 1) {
                problems.add("change " + i + " moved version " + before.get("version").asInt() + " to " + after.get("version").asInt());
            }
        }
        return problems;
    }
}
