package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code dal check} as a role that may not create databases compares with a scratch database on an
 * embedded server instead; on a server of another major version that comparison would report the
 * versions' catalog differences as drift (hundreds of lines, exit 3), so it refuses in one line.
 * Runs where the test server is not the embedded version (CI's pass on PostgreSQL 15).
 */
@IsolatedDatabase
class CheckWithoutCreateDbTest {

    @Test
    void shouldRefuseInOneLineRatherThanCompareWithAnotherMajorVersion(TestDatabase db, ApplicationRole app) throws SQLException {
        int live = majorVersion(db.dataSource());
        int embedded;
        try (EmbeddedServer server = EmbeddedServer.startTemporary()) {
            embedded = majorVersion(server.url("postgres").dataSource());
        }
        assumeTrue(live != embedded, "the test server is PostgreSQL " + live + ", as the embedded one: the stand-in compares");

        DatabaseUrl role = app.url();
        Dal.Result result = Dal.run("check", "--url", "postgresql://" + role.user() + ":" + role.password() + "@"
                + role.host() + ":" + role.port() + "/" + role.database());
        assertEquals(1, result.exit(), result::toString);
        assertEquals("", result.out(), "no drift reported: " + result);
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertTrue(result.err().contains("may not create a scratch database on the server (CREATEDB), and the embedded PostgreSQL "
                + embedded + " that would stand in for it catalogs a schema differently from PostgreSQL " + live), result::toString);
    }

    private static int majorVersion(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseMajorVersion();
        }
    }
}
