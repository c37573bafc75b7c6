package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.fleet.audit.AuditVerification;
import dev.publicsafety.dal.fleet.audit.AuditVerifications;
import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.partition.Horizon;
import dev.publicsafety.dal.partition.PartitionMaintenance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;

/**
 * The schemas as this build sees them, read for the health indicator and the {@code dal} endpoint.
 * A version only the database knows was applied by a newer build ({@code newer}); a newer schema is
 * compatible while it holds every migration of this build, because migrations only add to what an
 * older build uses (the expand-then-contract rule of the README's zero-downtime recipe).
 */
final class DalStatus {

    /** Flyway states of a migration this build carries that the database has. */
    private static final Set<String> APPLIED = Set.of("Success", "Out of Order", "Baseline");

    /** One domain: its current version, this build's head, the build's migrations not applied, the database's newer ones. */
    record Schema(String current, String head, List<AppliedMigration> pending, List<String> newer) {

        boolean atHead() {
            return current.equals(head) && pending.isEmpty();
        }
    }

    private DalStatus() {
    }

    static Map<Domain, Schema> schemas(DataSource dataSource) {
        MigrationRunner runner = new MigrationRunner(dataSource);
        Map<Domain, Schema> schemas = new LinkedHashMap<>();
        for (Domain domain : Domain.values()) {
            List<AppliedMigration> migrations = runner.info(domain).stream().filter(AppliedMigration::isSqlMigration).toList();
            List<AppliedMigration> ours = migrations.stream()
                    .filter(m -> !m.state().contains("Future") && !m.state().contains("Missing")).toList();
            String head = ours.isEmpty() ? MigrationRunner.BASE : ours.get(ours.size() - 1).version();
            schemas.put(domain, new Schema(runner.currentVersionOrBase(domain), head,
                    ours.stream().filter(m -> !APPLIED.contains(m.state())).toList(),
                    migrations.stream().filter(m -> m.state().contains("Future")).map(AppliedMigration::version).toList()));
        }
        return schemas;
    }

    /** Each partitioned table's horizon, or empty when the role cannot read them (or fleet is below version 8). */
    static Optional<List<Horizon>> horizons(DataSource dataSource) {
        try {
            return Optional.of(new PartitionMaintenance(dataSource).horizons());
        } catch (DataAccessException e) {
            return Optional.empty();
        }
    }

    /** The horizons as of {@code now}, as a detail: per table, or one sentence saying why there are none. */
    static Object describe(Optional<List<Horizon>> horizons, Instant now) {
        if (horizons.isEmpty()) {
            return "not reported: fleet.partition_horizon() failed (fleet below version 8, or this role"
                    + " was not granted it: dal grant-app-role)";
        }
        Map<String, Object> partitions = new LinkedHashMap<>();
        for (Horizon horizon : horizons.get()) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("coveredUntil", horizon.coveredUntil().toString());
            table.put("daysAhead", horizon.ahead(now).toDays());
            table.put("defaultPartitionRows", horizon.defaultRows());
            partitions.put(horizon.table().toString(), table);
        }
        return partitions;
    }

    /**
     * The audit chain's last recorded verification as a detail: {@code never}, its fields, or one
     * sentence saying why it cannot be read.
     */
    static Object lastAuditVerification(DataSource dataSource) {
        Optional<AuditVerification> latest;
        try {
            latest = new AuditVerifications(dataSource).latest();
        } catch (DataAccessException e) {
            // 42P01: no such table, 42501: not granted; anything else (the server gone) is said as it is
            if ("42P01".equals(e.sqlState()) || "42501".equals(e.sqlState())) {
                return "not reported: fleet.audit_verifications cannot be read (fleet below version 13, or this role"
                        + " was not granted it: dal grant-app-role)";
            }
            return "not reported: reading fleet.audit_verifications failed with SQLSTATE " + e.sqlState();
        }
        if (latest.isEmpty()) {
            return "never";
        }
        AuditVerification verification = latest.get();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("verifiedAt", verification.verifiedAt().toInstant().toString());
        detail.put("verifiedBy", verification.verifiedBy());
        detail.put("scope", verification.scope().map(Object::toString).orElse("every organization"));
        detail.put("organizations", verification.organizations());
        detail.put("rowsChecked", verification.rowsChecked());
        detail.put("outcome", verification.intact() ? "intact" : "broken");
        verification.brokenOrg().ifPresent(org -> detail.put("brokenOrg", org.toString()));
        verification.brokenRow().ifPresent(row -> detail.put("brokenRow", row.toString()));
        verification.brokenLink().ifPresent(link -> detail.put("brokenLink", link));
        return detail;
    }
}
