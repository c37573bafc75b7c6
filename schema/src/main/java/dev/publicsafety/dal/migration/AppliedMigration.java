package dev.publicsafety.dal.migration;

import java.time.Instant;

/** One row of a domain's migration status: applied, pending, failed, missing or unknown. */
public record AppliedMigration(Domain domain, String version, String description, String type, String script, String state,
                              Integer checksum, Instant installedOn, String installedBy, Integer executionTimeMs) {

    /** A versioned SQL migration, as opposed to Flyway's schema-creation or baseline markers. */
    public boolean isSqlMigration() {
        return "SQL".equals(type);
    }

    public boolean isApplied() {
        return installedOn != null;
    }
}
