package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when both schemas are at the head of the migrations this build carries and the application's
 * role is subject to row-level security (not a superuser, not BYPASSRLS, not the owner of the fleet
 * tables, nor a member of such a role), so that the database itself keeps organizations apart.
 * Details: each schema's current and head version and pending count, and the role's flags.
 */
public final class DalHealthIndicator extends AbstractHealthIndicator {

    private final DataSource dataSource;

    DalHealthIndicator(DataSource dataSource) {
        super("DAL health check failed");
        this.dataSource = dataSource;
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
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
