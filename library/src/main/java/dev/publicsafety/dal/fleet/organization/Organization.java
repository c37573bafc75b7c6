package dev.publicsafety.dal.fleet.organization;

import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import dev.publicsafety.dal.generated.fleet.tables.records.OrganizationsRecord;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A tenant: one agency or dispatch center. */
public record Organization(UUID id, String name, String slug, OperationMode operationMode,
                           Map<String, Boolean> featureFlags, Map<String, Object> metadata,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime deletedAt) {

    public Organization {
        featureFlags = featureFlags == null ? Map.of() : Map.copyOf(featureFlags);
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** Whether feature {@code flag} is on; unknown flags are off. */
    public boolean isEnabled(String flag) {
        return Boolean.TRUE.equals(featureFlags.get(flag));
    }

    static Organization of(OrganizationsRecord r) {
        return new Organization(r.getId(), r.getName(), r.getSlug(), r.getOperationMode(), r.getFeatureFlags(),
                Json.toMap(r.getMetadata()), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
