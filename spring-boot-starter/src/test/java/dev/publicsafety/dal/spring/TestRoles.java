package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/** A role that bypasses row-level security (the test kit gives the application role); roles are per server, so it gets a random name and is dropped afterwards. */
final class TestRoles {

    private TestRoles() {
    }

    /**
     * A role that is no superuser and owns nothing but has BYPASSRLS, granted only what reading
     * both schemas' versions needs: row-level security never applies to it.
     */
    static DatabaseUrl bypassingRole(TestDatabase db) throws SQLException {
        String name = "dal_bypass_s" + suffix();
        execute(db, "CREATE ROLE " + name + " LOGIN NOSUPERUSER BYPASSRLS PASSWORD 'pw-" + name + "'",
                "GRANT USAGE ON SCHEMA fleet, training TO " + name,
                "GRANT SELECT ON fleet.flyway_schema_history, training.flyway_schema_history TO " + name);
        return as(db, name, "pw-" + name);
    }

    static void drop(TestDatabase db, DatabaseUrl role) throws SQLException {
        execute(db, "DROP OWNED BY " + role.user(), "DROP ROLE " + role.user());
    }

    private static DatabaseUrl as(TestDatabase db, String user, String password) {
        DatabaseUrl owner = db.url();
        return new DatabaseUrl(owner.host(), owner.port(), owner.database(), user, password, owner.parameters());
    }

    static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String suffix() {
        return Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }
}
