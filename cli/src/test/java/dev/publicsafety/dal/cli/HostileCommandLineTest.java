package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.DatabaseFingerprint;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong URLs, credentials, hosts, databases, versions, options and scenario files given to the
 * {@code dal} command, and a database at a newer version than the code: each is refused with one
 * line that names the problem, a non-zero exit, and the database exactly as it was (catalog and
 * every row).
 */
@IsolatedDatabase
class HostileCommandLineTest {

    private static String url;
    private static List<String> fingerprint;
    private static TestDatabase database;

    @BeforeAll
    static void seed(TestDatabase db) {
        database = db;
        url = "postgresql://postgres@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        fingerprint = DatabaseFingerprint.of(db.dataSource());
    }

    static Stream<Arguments> hostileInputs() throws IOException, URISyntaxException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String good = "postgresql://postgres@" + database.url().host() + ":" + database.url().port() + "/" + database.name();
        String server = "postgresql://postgres@" + database.url().host() + ":" + database.url().port();
        List<Arguments> cases = new ArrayList<>(List.of(
                hostile("unsupported scheme", 2, "scheme 'mysql' is not supported", "info", "--url", "mysql://root@localhost/db"),
                hostile("not a URL", 2, "is not a URL", "info", "--url", "localhost:5432/db"),
                hostile("no database in URL", 2, "names no database", "info", "--url", server),
                hostile("empty URL", 2, "database URL is empty", "info", "--url", " "),
                hostile("port is not a number", 2, "invalid host or port", "info", "--url", "postgresql://u:p@localhost:notaport/db"),
                hostile("unknown host", 1, "unknown host", "migrate", "--url", "postgresql://postgres@nohost.invalid:5432/db"),
                hostile("nothing listening", 1, "connection refused", "migrate", "--url", "postgresql://postgres@127.0.0.1:" + closedPort + "/db"),
                hostile("missing database", 1, "database \"no_such_db\" does not exist", "migrate", "--url", server + "/no_such_db"),
                hostile("unknown role", 1, "role \"intruder\" does not exist", "migrate", "--url",
                        "postgresql://intruder:secret@" + database.url().host() + ":" + database.url().port() + "/" + database.name()),
                hostile("bad sslmode", 1, "sslmode", "info", "--url", good + "?sslmode=sometimes"),
                hostile("unknown target version", 2, "version 99 does not exist in fleet", "migrate", "--target", "99", "--url", good),
                hostile("target is not a version", 2, "'abc' is not a migration version", "migrate", "--target", "abc", "--url", good),
                hostile("zero steps", 2, "--steps must be at least 1", "migrate", "--steps", "0", "--url", good),
                hostile("negative undo steps", 2, "--steps must be at least 1", "undo", "--steps", "-1", "--url", good),
                hostile("target and steps together", 2, "mutually exclusive", "migrate", "--target", "1", "--steps", "1", "--url", good),
                hostile("undo everything without --yes", 2, "add --yes to confirm", "undo", "--all", "--url", good),
                hostile("undo to an unknown version", 2, "version 42 does not exist", "undo", "--target", "42", "--url", good),
                hostile("clean without --yes", 2, "without --yes", "clean", "--url", good),
                hostile("unknown domain", 2, "unknown domain 'dispatch'", "migrate", "--domain", "dispatch", "--url", good),
                hostile("sql to an unknown version", 2, "version 77 does not exist", "sql", "--target", "77", "--url", good),
                hostile("baseline without a version", 2, "Missing required option: '--version", "baseline", "--url", good),
                hostile("baseline over existing history", 1, "baseline", "baseline", "--version", "5", "--url", good),
                hostile("unknown subcommand", 2, "unknown command 'upgrade'", "upgrade", "head"),
                hostile("unknown option", 2, "Unknown option: '--force'", "migrate", "--force", "--url", good),
                hostile("seed from a missing folder", 2, "does not exist", "seed", "--dir", "/nonexistent/scenarios", "--url", good)));
        Path corpus = Path.of(HostileCommandLineTest.class.getClassLoader().getResource("malformed-scenarios").toURI());
        try (Stream<Path> folders = Files.list(corpus)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String expected = Files.readAllLines(folder.resolve("expected-errors.txt")).get(0);
                cases.add(hostile("seed " + folder.getFileName(), 1, expected, "seed", "--dir", folder.toString(), "--url", good));
            }
        }
        return cases.stream();
    }

    /** {@code exit}: the help's rule, 2 where the command line must change, 1 where the database or the data refused. */
    private static Arguments hostile(String name, int exit, String expected, String... args) {
        return Arguments.of(name, exit, expected, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void shouldRefuseInOneLineAndLeaveTheDatabaseAsItWas(String name, int exit, String expected, String[] args) {
        Dal.Result result = Dal.run(args);
        assertRefusedInOneLine(result, expected);
        assertEquals(exit, result.exit(), result::toString);
        assertEquals(fingerprint, DatabaseFingerprint.of(database.dataSource()), "the database changed");
    }

    /** A deploy of an older build against a database a newer build already migrated. */
    @Test
    void shouldRefuseToMigrateADatabaseNewerThanTheCodeInOneLine() throws SQLException {
        database.execute("INSERT INTO fleet.flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql',"
                + " 1, 'newer-build', 1, true)");
        try {
            List<String> newer = DatabaseFingerprint.of(database.dataSource());
            assertRefusedInOneLine(Dal.run("migrate", "--url", url), "the database is newer than this code");
            assertEquals(newer, DatabaseFingerprint.of(database.dataSource()), "the database changed");
        } finally {
            database.execute("DELETE FROM fleet.flyway_schema_history WHERE version = '99'");
        }
        assertEquals(fingerprint, DatabaseFingerprint.of(database.dataSource()));
    }

    private static void assertRefusedInOneLine(Dal.Result result, String expected) {
        assertNotEquals(0, result.exit(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), "one line of error: " + result);
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in: " + result);
        assertTrue(result.err().startsWith("dal"), result::toString);
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), "no stack trace: " + result);
    }

}
