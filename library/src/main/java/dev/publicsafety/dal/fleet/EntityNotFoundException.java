package dev.publicsafety.dal.fleet;

import java.util.UUID;

/**
 * No live row with this id in the current organization: it does not exist, belongs to another
 * organization (which this organization cannot tell apart from not existing), or is soft-deleted.
 */
public final class EntityNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String entityType;
    private final UUID entityId;

    public EntityNotFoundException(String entityType, UUID entityId, String state) {
        super(entityType + " " + entityId + " not found in this organization" + (state == null ? "" : " (" + state + ")"));
        this.entityType = entityType;
        this.entityId = entityId;
    }

    public String entityType() {
        return entityType;
    }

    public UUID entityId() {
        return entityId;
    }
}
