package dev.publicsafety.dal.error;

import java.util.List;

/** A workflow step not allowed from the entity's current status; nothing was written. */
public class IllegalTransitionException extends DalException {

    private static final long serialVersionUID = 1L;

    private final String entityType;
    private final String key;
    private final String from;
    private final String to;
    private final List<String> allowed;

    /**
     * @param from    the current status
     * @param to      the status asked for
     * @param allowed the statuses reachable from {@code from} (empty when it is final)
     */
    public IllegalTransitionException(String entityType, Object key, String from, String to, List<String> allowed) {
        super(entityType + " " + key + " cannot go from " + from + " to " + to + "; allowed from " + from + ": "
                + (allowed.isEmpty() ? "none: " + from + " is final" : String.join(", ", allowed)));
        this.entityType = entityType;
        this.key = String.valueOf(key);
        this.from = from;
        this.to = to;
        this.allowed = List.copyOf(allowed);
    }

    public String entityType() {
        return entityType;
    }

    public String key() {
        return key;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public List<String> allowed() {
        return allowed;
    }
}
