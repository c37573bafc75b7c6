package dev.publicsafety.dal.fleet.organization;

import dev.publicsafety.dal.generated.fleet.tables.records.UsersRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An account of the organization; identity comes from the OIDC provider. */
public record User(UUID id, UUID orgId, String oidcSubject, String email, String displayName, List<String> roles,
                   boolean active, OffsetDateTime lastLoginAt, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                   OffsetDateTime deletedAt) {

    public User {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public static User of(UsersRecord r) {
        return new User(r.getId(), r.getOrgId(), r.getOidcSubject(), r.getEmail(), r.getDisplayName(),
                List.of(r.getRoles()), r.getIsActive(), r.getLastLoginAt(), r.getCreatedAt(), r.getUpdatedAt(),
                r.getDeletedAt());
    }
}
