package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.error.ConflictException;
import java.util.UUID;

/**
 * The {@link ConflictException} of optimistic locking: the row was changed by someone else since the caller read it, so the
 * update was not applied (no lost update). The caller should reload the entity, re-apply its change
 * if it still makes sense, and retry with the new version.
 */
public final class ConcurrentUpdateException extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final String entityType;
    private final UUID entityId;
    private final int expectedVersion;
    private final Integer actualVersion;

    public ConcurrentUpdateException(String entityType, UUID entityId, int expectedVersion, Integer actualVersion) {
        super(entityType + " " + entityId + " was changed concurrently: expected version " + expectedVersion
                + (actualVersion == null ? "" : ", but it is now at version " + actualVersion)
                + "; nothing was written. Reload it and retry with the current version.");
        this.entityType = entityType;
        this.entityId = entityId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String entityType() {
        return entityType;
    }

    public UUID entityId() {
        return entityId;
    }

    public int expectedVersion() {
        return expectedVersion;
    }

    /** The version found in the database, if it could be read. */
    public Integer actualVersion() {
        return actualVersion;
    }
}
