package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.partition.Horizon;
import dev.publicsafety.dal.partition.PartitionMaintenance;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when every migration this build carries is applied to both schemas and the application's
 * role is subject to row-level security (not a superuser, not BYPASSRLS, not the owner of the fleet
 * tables, nor a member of such a role), so that the database itself keeps organizations apart.
 * A schema newer than the build (a newer instance migrated during a rolling deploy) stays UP, its
 * versions listed under {@code newer}: migrations only add to what an older build uses (the
 * expand/contract rule), so the old instances keep working until they are replaced; a schema
 * missing one of the build's migrations is DOWN.
 * Details: each schema's current and head version and pending count, the role's flags, and how far
 * ahead the fleet's monthly partitions reach ({@code partitions}), with a {@code warning} naming the
 * command that fixes it when that is less than 30 days. A short horizon does not make it DOWN: rows
 * past it are still written (to the default partition), and restarting the instance would not help.
 */
public final class DalHealthIndicator extends AbstractHealthIndicator {

    /** Flyway states of a migration this build carries that the database has. */
    private static final Set<String> APPLIED = Set.of("Success", "Out of Order", "Baseline");

    private final DataSource dataSource;
    private final Clock clock;

    DalHealthIndicator(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** {@code clock} decides how far ahead the partitions are (tests). */
    DalHealthIndicator(DataSource dataSource, Clock clock) {
        super("DAL health check failed");
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = true;
        MigrationRunner runner = new MigrationRunner(dataSource);
        for (Domain domain : Domain.values()) {
            List<AppliedMigration> migrations = runner.info(domain).stream().filter(AppliedMigration::isSqlMigration).toList();
            String current = runner.currentVersionOrBase(domain);
            // a version only the database knows was applied by a newer build: not one of this build's
            List<AppliedMigration> ours = migrations.stream()
                    .filter(m -> !m.state().contains("Future") && !m.state().contains("Missing")).toList();
            String head = ours.isEmpty() ? MigrationRunner.BASE : ours.get(ours.size() - 1).version();
            long pending = ours.stream().filter(m -> !APPLIED.contains(m.state())).count();
            List<String> newer = migrations.stream().filter(m -> m.state().contains("Future")).map(AppliedMigration::version).toList();
            up &= pending == 0;
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("current", current);
            schema.put("head", head);
            schema.put("pending", pending);
            schema.put("atHead", current.equals(head) && pending == 0);
            schema.put("newer", newer);
            builder.withDetail(domain.schema(), schema);
        }
        FleetRoles.RoleStatus role = FleetRoles.inspect(dataSource);
        up &= role.isSubjectToRowLevelSecurity();
        Map<String, Object> roleDetails = new LinkedHashMap<>();
        roleDetails.put("name", role.role());
        roleDetails.put("subjectToRowLevelSecurity", role.isSubjectToRowLevelSecurity());
        roleDetails.put("superuser", role.superuser());
        roleDetails.put("bypassRls", role.bypassesRowLevelSecurity());
        roleDetails.put("ownsFleetTables", role.ownsFleetTables());
        builder.withDetail("role", roleDetails);
        reportPartitions(builder);
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }

    private void reportPartitions(Health.Builder builder) {
        List<Horizon> horizons;
        try {
            horizons = new PartitionMaintenance(dataSource).horizons();
        } catch (DataAccessException e) {
            builder.withDetail("partitions", "not reported: fleet.partition_horizon() failed (fleet below version 8, or this role"
                    + " was not granted it: dal grant-app-role)");
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> partitions = new LinkedHashMap<>();
        for (Horizon horizon : horizons) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("coveredUntil", horizon.coveredUntil().toString());
            table.put("daysAhead", horizon.ahead(now).toDays());
            table.put("defaultPartitionRows", horizon.defaultRows());
            partitions.put(horizon.table().toString(), table);
        }
        builder.withDetail("partitions", partitions);
        horizons.stream().filter(horizon -> horizon.isShort(now)).findFirst().ifPresent(horizon -> builder.withDetail("warning",
                horizon.table() + " has monthly partitions for less than " + Horizon.WARNING.toDays() + " days ahead: run '"
                        + Horizon.FIX + "' as the owner"));
    }
}
