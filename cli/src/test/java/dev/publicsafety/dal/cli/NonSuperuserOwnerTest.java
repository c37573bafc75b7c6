package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.Sql;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database handed to a team by a DBA: owned by a LOGIN role that is not a superuser. {@code dal
 * migrate} names, before applying anything, the one statement a superuser must run (fleet V4 creates
 * earthdistance, which is not a trusted extension); once it has run, the owner migrates to head.
 */
@IsolatedDatabase(migrated = false)
class NonSuperuserOwnerTest {

    private TestDatabase db;
    private String owner;
    private String database;

    @BeforeEach
    void createAnOwnerAndItsDatabase(TestDatabase db) throws SQLException {
        this.db = db;
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        owner = "dal_owner_t" + suffix;
        database = db.name() + "_owned_" + suffix;
        Sql.execute(db.dataSource(), "CREATE ROLE " + owner + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE",
                "CREATE DATABASE " + database + " OWNER " + owner);
    }

    @AfterEach
    void dropThem() throws SQLException {
        Sql.execute(db.dataSource(), "DROP DATABASE " + database + " WITH (FORCE)", "DROP ROLE IF EXISTS " + owner + "_app",
                "DROP ROLE " + owner);
    }

    @Test
    void shouldNameTheStatementASuperuserMustRunThenMigrateAsTheOwner() throws SQLException {
        String url = "postgresql://" + owner + "@" + db.url().host() + ":" + db.url().port() + "/" + database;

        Dal.Result refused = Dal.run("migrate", "--url", url);

        assertEquals(1, refused.exit(), refused::toString);
        assertEquals(1, refused.err().strip().lines().count(), "one line: " + refused);
        String statement = "CREATE EXTENSION IF NOT EXISTS earthdistance SCHEMA public CASCADE;";
        assertTrue(refused.err().contains("fleet V4 creates extension earthdistance, which only a superuser may create: have one run `"
                + statement + "` in database " + database + ", then run dal migrate again; nothing was applied"), refused::toString);
        assertEquals(0, count("SELECT count(*) FROM pg_namespace WHERE nspname IN ('fleet', 'training')"), "nothing was applied");

        try (Connection superuser = superuserOnOwnedDatabase()) {
            Sql.execute(superuser, statement);
        }
        Dal.Result migrated = Dal.run("migrate", "--url", url);

        assertEquals(0, migrated.exit(), migrated::toString);
        Dal.Result info = Dal.run("info", "--url", url);
        assertTrue(info.out().contains("fleet: current " + MigrationFiles.head(Domain.FLEET) + ", head " + MigrationFiles.head(Domain.FLEET)), info::toString);
        assertTrue(info.out().contains("training: current " + MigrationFiles.head(Domain.TRAINING)), info::toString);
        assertEquals(owner, string("SELECT tableowner FROM pg_tables WHERE schemaname = 'fleet' AND tablename = 'assets'"));

        // the application role, created by the DBA, is granted by the owner
        Sql.execute(db.dataSource(), "CREATE ROLE " + owner + "_app LOGIN");
        Dal.Result granted = Dal.run("grant-app-role", "--role", owner + "_app", "--url", url);
        assertEquals(0, granted.exit(), granted::toString);
        assertEquals("t", string("SELECT has_table_privilege('" + owner + "_app', 'training.training_scenarios', 'SELECT')"));
    }

    private Connection superuserOnOwnedDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + db.url().host() + ":" + db.url().port() + "/" + database, db.url().user(), null);
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(string(sql));
    }

    private String string(String sql) throws SQLException {
        try (Connection connection = superuserOnOwnedDatabase(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
