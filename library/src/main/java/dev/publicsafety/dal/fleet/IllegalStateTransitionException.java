package dev.publicsafety.dal.fleet;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.EnumType;

/** A workflow step that is not allowed from the entity's current status; nothing was written. */
public final class IllegalStateTransitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String entityType;
    private final UUID entityId;
    private final String from;
    private final String to;
    private final List<String> allowed;

    public IllegalStateTransitionException(String entityType, UUID entityId, EnumType from, EnumType to,
                                           Collection<? extends EnumType> allowed) {
        super(message(entityType, entityId, from, to, allowed));
        this.entityType = entityType;
        this.entityId = entityId;
        this.from = from.getLiteral();
        this.to = to.getLiteral();
        this.allowed = allowed.stream().map(EnumType::getLiteral).toList();
    }

    private static String message(String entityType, UUID entityId, EnumType from, EnumType to,
                                  Collection<? extends EnumType> allowed) {
        String targets = allowed.isEmpty()
                ? "none: " + from.getLiteral() + " is final"
                : allowed.stream().map(EnumType::getLiteral).collect(Collectors.joining(", "));
        return entityType + " " + entityId + " cannot go from " + from.getLiteral() + " to " + to.getLiteral()
                + "; allowed from " + from.getLiteral() + ": " + targets;
    }

    public String entityType() {
        return entityType;
    }

    public UUID entityId() {
        return entityId;
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
