package dev.publicsafety.dal.fleet.organization;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import java.util.Map;

/** What it takes to create an organization. */
public record NewOrganization(String name, String slug, OperationMode operationMode,
                              Map<String, Boolean> featureFlags, Map<String, Object> metadata) {

    public NewOrganization {
        Validate.text("organization name", name, 200);
        Validate.text("organization slug", slug, 100);
        if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new InvalidInputException("slug", "organization slug '" + slug
                    + "' must be lowercase letters and digits separated by single hyphens, e.g. metro-fire");
        }
        operationMode = operationMode == null ? OperationMode.HITL : operationMode;
        featureFlags = featureFlags == null ? Map.of() : Map.copyOf(featureFlags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static NewOrganization of(String name, String slug) {
        return new NewOrganization(name, slug, OperationMode.HITL, Map.of(), Map.of());
    }

    public NewOrganization withFeatureFlags(Map<String, Boolean> flags) {
        return new NewOrganization(name, slug, operationMode, flags, metadata);
    }

    public NewOrganization withOperationMode(OperationMode mode) {
        return new NewOrganization(name, slug, mode, featureFlags, metadata);
    }
}
