package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_CHAIN_BASES;
import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_CHAIN_HEADS;
import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_LOGS;
import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_VERIFICATIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSION_MENTIONS;

import dev.publicsafety.dal.generated.fleet.Fleet;
import dev.publicsafety.dal.generated.training.Training;
import dev.publicsafety.dal.migration.Domain;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Privilege;
import org.jooq.Record4;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableOptions;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * The database side of tenancy: migrations run as the owner of the {@code fleet} tables, which
 * bypasses row-level security; the application connects as another role that does not, so the
 * database itself keeps organizations apart even if a query forgot its {@code org_id} filter.
 *
 * <p>The application role gets: {@code USAGE} on schema {@code fleet}; {@code SELECT, INSERT,
 * UPDATE, DELETE} on every fleet table except {@code audit_logs}, where it gets only
 * {@code SELECT, INSERT}, {@code transmission_mentions} and {@code audit_verifications}, where it gets
 * only {@code SELECT} (the triggers on transmissions and the owner's audit verification write them),
 * and {@code audit_chain_heads} and {@code audit_chain_bases}, where it gets
 * nothing (only the audit trigger and retention write them); nothing on the monthly partitions of
 * transmissions and audit_logs either (it reaches their rows through the parent's row-level security); {@code TEMPORARY} on the database (bulk ingest stages rows in a temporary
 * table); {@code EXECUTE} on {@code fleet.keep_partitions_ahead(integer)} and {@code fleet.partition_horizon()}
 * (fleet V8), which run as the owner; {@code USAGE} on schema {@code training} and {@code SELECT, INSERT,
 * UPDATE, DELETE} on its tables. Only tables the database has are granted, so it works at any version.
 * Never {@code TRUNCATE}, never ownership, never {@code BYPASSRLS}. Run {@link #grantTo}
 * again after a migration that adds tables.
 */
public final class FleetRoles {

    /** The role name the documentation and the {@code dal grant-app-role} command default to. */
    public static final String DEFAULT_ROLE = "dal_app";

    private static final String SCRAM = "scram-sha-256";

    /**
     * Functions that run as the owner and that PUBLIC may not execute (fleet V8): the application
     * keeps the monthly partitions ahead itself, and reports how far they reach. Granted when present.
     */
    private static final List<String> OWNER_FUNCTIONS = List.of("keep_partitions_ahead(integer)", "partition_horizon()");

    private FleetRoles() {
    }

    /**
     * What the database says about a role, as far as tenancy is concerned. Each flag also holds when
     * the role merely belongs to such a role, directly or not, INHERIT or NOINHERIT: a member can
     * {@code SET ROLE} to it and act with its rights.
     */
    public record RoleStatus(String role, boolean superuser, boolean bypassesRowLevelSecurity, boolean ownsFleetTables) {

        /** Whether row-level security applies to this role: the application role must say yes. */
        public boolean isSubjectToRowLevelSecurity() {
            return !superuser && !bypassesRowLevelSecurity && !ownsFleetTables;
        }
    }

    /**
     * Creates a LOGIN role for the application (NOSUPERUSER, NOCREATEDB, NOCREATEROLE, NOBYPASSRLS)
     * and grants it what it needs. {@code owner} must be able to create roles (the owner of the fleet
     * schema, or an administrator). The password is sent as a SCRAM-SHA-256 verifier computed here
     * (pgjdbc's {@code alterUserPassword}), so the cleartext never reaches the server or its log.
     */
    public static void createApplicationRole(DataSource owner, String role, String password) {
        checkName(role);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("the application role needs a password to log in with");
        }
        try (Connection connection = owner.getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            if (exists(dsl, role)) {
                throw new IllegalStateException("role " + role + " already exists; grant it access with grantTo (dal grant-app-role)");
            }
            connection.setAutoCommit(false); // no role without its password
            dsl.execute(DSL.query("CREATE ROLE {0} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS", DSL.name(role)));
            connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), SCRAM);
            connection.commit();
        } catch (SQLException e) {
            throw new DataAccessException("cannot create the application role " + role + ": " + e.getMessage(), e);
        }
        grantTo(owner, role);
    }

    /**
     * Read-only access to each schema's migration history, so that {@code dal doctor} run as the
     * application role can report the versions.
     */
    private static void grantHistoryReading(DSLContext dsl, String role) {
        for (Domain domain : Domain.values()) {
            boolean present = dsl.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("pg_catalog", "pg_tables")))
                    .where(DSL.field(DSL.name("schemaname")).eq(domain.schema()))
                    .and(DSL.field(DSL.name("tablename")).eq(Domain.HISTORY_TABLE)));
            if (present) {
                dsl.execute(DSL.query("GRANT USAGE ON SCHEMA {0} TO {1}", DSL.name(domain.schema()), DSL.name(role)));
                dsl.grant(privileges("select")).on(DSL.table(DSL.name(domain.schema(), Domain.HISTORY_TABLE)))
                        .to(DSL.role(role)).execute();
            }
        }
    }

    /**
     * Grants an existing role exactly what the application needs on the fleet schema (idempotent).
     * Refuses a role that would bypass row-level security: a superuser, a BYPASSRLS role, or one
     * that owns the fleet tables, or a member (with or without INHERIT) of any such role.
     */
    public static void grantTo(DataSource owner, String role) {
        checkName(role);
        run(owner, dsl -> {
            if (!exists(dsl, role)) {
                throw new IllegalStateException("role " + role + " does not exist; create it with createApplicationRole"
                        + " (dal grant-app-role --create) or CREATE ROLE");
            }
            RoleStatus status = status(dsl, role);
            if (!status.isSubjectToRowLevelSecurity()) {
                throw new IllegalStateException("role " + role + " would bypass row-level security (is or can SET ROLE to "
                        + (status.superuser() ? "a superuser" : status.bypassesRowLevelSecurity() ? "a BYPASSRLS role" : "the owner of the fleet tables")
                        + "); the application must connect as a role that is neither the owner nor a superuser, nor a member of one");
            }
            grantHistoryReading(dsl, role);
            String database = dsl.select(DSL.currentCatalog()).fetchSingle().value1();
            dsl.execute(DSL.query("GRANT TEMPORARY ON DATABASE {0} TO {1}", DSL.name(database), DSL.name(role)));
            grantFleet(dsl, role, tablesIn(dsl, Fleet.FLEET.getName()));
            grantTraining(dsl, role, tablesIn(dsl, Domain.TRAINING.schema()));
        });
    }

    /** The fleet grants, on the tables this database has (a database below head lacks the later ones). */
    private static void grantFleet(DSLContext dsl, String role, Set<String> existing) {
        if (existing.isEmpty()) {
            return; // fleet not migrated yet: run grant-app-role again after dal migrate
        }
        dsl.execute(DSL.query("GRANT USAGE ON SCHEMA {0} TO {1}", DSL.name(Fleet.FLEET.getName()), DSL.name(role)));
        List<Privilege> readWrite = privileges("select", "insert", "update", "delete");
        for (Table<?> table : Fleet.FLEET.getTables()) {
            if (!existing.contains(table.getName())) {
                continue;
            }
            if (table.getName().equals(AUDIT_CHAIN_HEADS.getName()) || table.getName().equals(AUDIT_CHAIN_BASES.getName())) {
                continue; // written only by the audit trigger and by retention, as the owner
            }
            if (table.getTableType() == TableOptions.TableType.FUNCTION) {
                continue; // a table-valued function: PUBLIC may execute it, or it is one of OWNER_FUNCTIONS
            }
            dsl.revoke(privileges("truncate", "references", "trigger")).on(table).from(DSL.role(role)).execute();
            if (table.getName().equals(TRANSMISSION_MENTIONS.getName()) || table.getName().equals(AUDIT_VERIFICATIONS.getName())) {
                // written only by the triggers on transmissions, and by the owner's audit verification
                dsl.revoke(privileges("insert", "update", "delete")).on(table).from(DSL.role(role)).execute();
                dsl.grant(privileges("select")).on(table).to(DSL.role(role)).execute();
            } else if (table.getName().equals(AUDIT_LOGS.getName())) {
                dsl.revoke(privileges("update", "delete")).on(table).from(DSL.role(role)).execute();
                dsl.grant(privileges("select", "insert")).on(table).to(DSL.role(role)).execute();
            } else {
                dsl.grant(readWrite).on(table).to(DSL.role(role)).execute();
            }
        }
        for (String function : OWNER_FUNCTIONS) {
            if (dsl.fetchValue(DSL.field("to_regprocedure({0})", Object.class, DSL.inline("fleet." + function))) != null) {
                dsl.execute(DSL.query("GRANT EXECUTE ON FUNCTION fleet." + function + " TO {0}", DSL.name(role)));
            }
        }
    }

    /**
     * The training grants ({@code TrainingDatabase} reads and writes every training table; the schema
     * has no row-level security, no audit trail and no sequences): {@code SELECT, INSERT, UPDATE,
     * DELETE} on each table the database has, never {@code TRUNCATE}, {@code REFERENCES} or {@code TRIGGER}.
     */
    private static void grantTraining(DSLContext dsl, String role, Set<String> existing) {
        if (existing.isEmpty()) {
            return;
        }
        dsl.execute(DSL.query("GRANT USAGE ON SCHEMA {0} TO {1}", DSL.name(Domain.TRAINING.schema()), DSL.name(role)));
        for (Table<?> table : Training.TRAINING.getTables()) {
            if (existing.contains(table.getName())) {
                dsl.revoke(privileges("truncate", "references", "trigger")).on(table).from(DSL.role(role)).execute();
                dsl.grant(privileges("select", "insert", "update", "delete")).on(table).to(DSL.role(role)).execute();
            }
        }
    }

    /** The tables (partitioned or not, not partitions, not the migration history) of a schema, as the database has them. */
    private static Set<String> tablesIn(DSLContext dsl, String schema) {
        return new HashSet<>(dsl.resultQuery("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = {0} AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> {1}""",
                DSL.val(schema), DSL.val(Domain.HISTORY_TABLE)).fetch(0, String.class));
    }

    /**
     * The roles {@link #grantTo} has been run for, as far as the catalog shows: those holding USAGE
     * on schema {@code fleet} or {@code training} (other than its owner and PUBLIC) that row-level security applies to,
     * in the order they were granted. {@code dal check} grants them again on its scratch database,
     * so exactly what {@code grantTo} grants is not drift, and anything else still is.
     */
    public static List<String> applicationRoles(DataSource dataSource) {
        List<String> roles = new ArrayList<>();
        run(dataSource, dsl -> {
            for (String role : dsl.resultQuery("""
                    SELECT r.rolname FROM pg_namespace n, aclexplode(n.nspacl) WITH ORDINALITY AS a
                      JOIN pg_roles r ON r.oid = a.grantee
                     WHERE n.nspname IN ({0}, {1}) AND a.privilege_type = 'USAGE' AND a.grantee <> n.nspowner
                     ORDER BY n.nspname, a.ordinality""", DSL.val(Fleet.FLEET.getName()), DSL.val(Domain.TRAINING.schema()))
                    .fetch(0, String.class)) {
                if (!roles.contains(role) && status(dsl, role).isSubjectToRowLevelSecurity()) {
                    roles.add(role);
                }
            }
        });
        return roles;
    }

    /** Whether a role of that name exists on the server. */
    public static boolean exists(DataSource dataSource, String role) {
        checkName(role);
        boolean[] found = new boolean[1];
        run(dataSource, dsl -> found[0] = exists(dsl, role));
        return found[0];
    }

    /** The role {@code dataSource} connects as, and whether row-level security applies to it. */
    public static RoleStatus inspect(DataSource dataSource) {
        List<RoleStatus> result = new ArrayList<>(1);
        run(dataSource, dsl -> result.add(status(dsl, dsl.select(DSL.currentUser()).fetchSingle().value1())));
        return result.get(0);
    }

    private static RoleStatus status(DSLContext dsl, String role) {
        Record4<String, Boolean, Boolean, Boolean> row = dsl.resultQuery("""
                SELECT r.rolname,
                       EXISTS (SELECT 1 FROM pg_roles s WHERE s.rolsuper AND pg_has_role(r.oid, s.oid, 'MEMBER')),
                       EXISTS (SELECT 1 FROM pg_roles s WHERE s.rolbypassrls AND pg_has_role(r.oid, s.oid, 'MEMBER')),
                       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                WHERE n.nspname = {1} AND c.relkind = 'r' AND pg_has_role(r.oid, c.relowner, 'MEMBER'))
                  FROM pg_roles r WHERE r.rolname = {0}""", DSL.val(role), DSL.val(Fleet.FLEET.getName()))
                .coerce(DSL.field("rolname", String.class), DSL.field("rolsuper", Boolean.class),
                        DSL.field("rolbypassrls", Boolean.class), DSL.field("owns", Boolean.class))
                .fetchSingle();
        return new RoleStatus(row.value1(), row.value2(), row.value3(), row.value4());
    }

    private static boolean exists(DSLContext dsl, String role) {
        return dsl.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("pg_catalog", "pg_roles")))
                .where(DSL.field(DSL.name("rolname"), String.class).eq(role)));
    }

    private static List<Privilege> privileges(String... names) {
        List<Privilege> privileges = new ArrayList<>();
        for (String name : names) {
            privileges.add(DSL.privilege(name));
        }
        return privileges;
    }

    private static void checkName(String role) {
        if (role == null || !role.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("role name '" + role + "' must be lowercase letters, digits and _ (at most 63)");
        }
    }

    private interface Work {
        void run(DSLContext dsl);
    }

    private static void run(DataSource dataSource, Work work) {
        try (Connection connection = dataSource.getConnection()) {
            work.run(DSL.using(connection, SQLDialect.POSTGRES));
        } catch (SQLException e) {
            throw new DataAccessException("cannot connect to set up the application role: " + e.getMessage(), e);
        }
    }
}
