package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.partition.Horizon;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
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
        for (Map.Entry<Domain, DalStatus.Schema> entry : DalStatus.schemas(dataSource).entrySet()) {
            DalStatus.Schema status = entry.getValue();
            up &= status.pending().isEmpty();
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("current", status.current());
            schema.put("head", status.head());
            schema.put("pending", (long) status.pending().size());
            schema.put("atHead", status.atHead());
            schema.put("newer", status.newer());
            builder.withDetail(entry.getKey().schema(), schema);
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
        Instant now = clock.instant();
        Optional<List<Horizon>> horizons = DalStatus.horizons(dataSource);
        builder.withDetail("partitions", DalStatus.describe(horizons, now));
        horizons.orElse(List.of()).stream().filter(horizon -> horizon.isShort(now)).findFirst()
                .ifPresent(horizon -> builder.withDetail("warning", horizon.table() + " has monthly partitions for less than "
                        + Horizon.WARNING.toDays() + " days ahead: run '" + Horizon.FIX + "' as the owner"));
    }
}
