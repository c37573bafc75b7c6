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
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when both schemas are at the head of the migrations this build carries and the application's
 * role is subject to row-level security (not a superuser, not BYPASSRLS, not the owner of the fleet
 * tables, nor a member of such a role), so that the database itself keeps organizations apart.
 * Details: each schema's current and head version and pending count, the role's flags, and how far
 * ahead the fleet's monthly partitions reach ({@code partitions}), with a {@code warning} naming the
 * command that fixes it when that is less than 30 days. A short horizon does not make it DOWN: rows
 * past it are still written (to the default partition), and restarting the instance would not help.
 */
public final class DalHealthIndicator extends AbstractHealthIndicator {

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
            // the newest migration of this build: a version only the database knows (applied by a newer build) is not one
            String head = migrations.stream().filter(m -> !m.state().contains("Future") && !m.state().contains("Missing"))
                    .map(AppliedMigration::version).reduce((first, last) -> last).orElse(MigrationRunner.BASE);
            long pending = migrations.stream().filter(m -> "Pending".equals(m.state())).count();
            boolean atHead = current.equals(head) && pending == 0;
            up &= atHead;
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("current", current);
            schema.put("head", head);
            schema.put("pending", pending);
            schema.put("atHead", atHead);
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
