package dev.publicsafety.dal.fleet.organization;

import static dev.publicsafety.dal.generated.fleet.Tables.ORGANIZATIONS;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import dev.publicsafety.dal.generated.fleet.tables.records.OrganizationsRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The transaction's own organization: its operation mode and feature flags. */
public final class OrganizationRepository extends TenantRepository<OrganizationsRecord> {

    public OrganizationRepository(TenantContext context) {
        super(context, ORGANIZATIONS, ORGANIZATIONS.ID, ORGANIZATIONS.ID, ORGANIZATIONS.DELETED_AT, null);
    }

    private Organization create(UUID id, NewOrganization organization) {
        OrganizationsRecord values = blank();
        values.setId(id);
        values.setName(organization.name());
        values.setSlug(organization.slug());
        values.setOperationMode(organization.operationMode());
        values.setFeatureFlags(organization.featureFlags());
        values.setMetadata(Json.of(organization.metadata()));
        return Organization.of(insert(values));
    }

    /**
     * Creates the organization this transaction acts for, inside the caller's unit of work, so that
     * it and its first records are written all or nothing ({@code dal import fleet}). The transaction
     * must be for {@link FleetDatabase#organizationId} of the slug, the id
     * {@link FleetDatabase#createOrganization} would give it, so that it is found by slug.
     */
    public Organization createThisOrganization(NewOrganization organization) {
        Objects.requireNonNull(organization, "organization");
        UUID expected = FleetDatabase.organizationId(organization.slug());
        if (!expected.equals(context.orgId())) {
            throw new InvalidInputException("slug", "organization slug '" + organization.slug()
                    + "' belongs to organization " + expected + ", not to this transaction's " + context.orgId());
        }
        return create(expected, organization);
    }

    /** The organization this transaction acts for. */
    public Organization get() {
        return Organization.of(requireLive(context.orgId()));
    }

    /** The organization this transaction acts for, if it exists and is live. */
    public java.util.Optional<Organization> find() {
        return fetchLive(context.orgId()).map(Organization::of);
    }

    public Organization setOperationMode(OperationMode mode) {
        return Organization.of(updateLocked(context.orgId(), "set_operation_mode", r -> r.setOperationMode(mode)));
    }

    /** Turns feature {@code flag} on or off; other flags are kept. */
    public Organization setFeatureFlag(String flag, boolean enabled) {
        Validate.text("feature flag name", flag, 100);
        OrganizationsRecord before = lockLive(context.orgId());
        Map<String, Boolean> flags = new LinkedHashMap<>(before.getFeatureFlags());
        flags.put(flag, enabled);
        return Organization.of(applyLocked(before, "set_feature_flag", r -> r.setFeatureFlags(flags)));
    }

    public boolean isEnabled(String flag) {
        Map<String, Boolean> flags = dsl().select(ORGANIZATIONS.FEATURE_FLAGS).from(ORGANIZATIONS)
                .where(live()).fetchSingle(ORGANIZATIONS.FEATURE_FLAGS);
        return Boolean.TRUE.equals(flags.get(flag));
    }

    public Organization rename(String name) {
        Validate.text("organization name", name, 200);
        return Organization.of(updateLocked(context.orgId(), "rename", r -> r.setName(name)));
    }
}
