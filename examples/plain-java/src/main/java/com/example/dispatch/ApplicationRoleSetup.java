package com.example.dispatch;

// tag::application-role-setup-imports[]
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.FleetRoles;
import javax.sql.DataSource;
// end::application-role-setup-imports[]

/**
 * The application role: a login that row-level security applies to, unlike the owner that runs
 * the migrations. Made once, granted again after every migration (new tables need grants).
 */
final class ApplicationRoleSetup {

    private ApplicationRoleSetup() {
    }

    static void ensure(DataSource owner, String role, String password) {
        // tag::application-role[]
        if (FleetRoles.exists(owner, role)) {
            FleetRoles.grantTo(owner, role);                          // idempotent: run it after every migration
        } else {
            FleetRoles.createApplicationRole(owner, role, password);  // LOGIN, NOSUPERUSER, NOBYPASSRLS, granted
        }
        // end::application-role[]
    }

    /** A pool on the owner's database, logged in as {@code role}; refuses a role that would bypass row-level security. */
    static HikariDataSource connect(DatabaseUrl owner, String role, String password) {
        // tag::connect-as-application-role[]
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(owner.jdbcUrl());   // the same database, another login
        config.setUsername(role);
        config.setPassword(password);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");   // else HikariCP asks once, and keeps -1 if a restart fails that
        HikariDataSource pool = new HikariDataSource(config);
        if (!FleetRoles.inspect(pool).isSubjectToRowLevelSecurity()) {
            pool.close();
            throw new IllegalStateException(role + " bypasses row-level security: connect as the application role");
        }
        // end::connect-as-application-role[]
        return pool;
    }
}
