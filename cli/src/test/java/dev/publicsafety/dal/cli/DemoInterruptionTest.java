package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.testing.DatabaseFingerprint;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * {@code dal demo --url} interrupted: a rerun over the fleet an interrupted generation left says so
 * and changes nothing, and with {@code --yes} starts over; losing the server mid-generation ends in one line; a port out of range is one
 * line without the driver's own log lines.
 */
@IsolatedDatabase
class DemoInterruptionTest {

    @Test
    void shouldStartOverWhenTheEarlierGenerationDidNotFinish(TestDatabase db) throws SQLException {
        Dal.Result first = Dal.run("demo", "--url", url(db), "--seed", "5", "--scale", "0.05");
        assertEquals(0, first.exit(), first::toString);
        // What a kill between the generator's last two writes leaves: one organization not marked complete.
        db.execute("UPDATE fleet.organizations SET feature_flags = feature_flags - 'demo_complete'"
                + " WHERE id = (SELECT max(id::text)::uuid FROM fleet.organizations)");

        List<String> before = DatabaseFingerprint.of(db.dataSource(), "fleet");
        Dal.Result refused = Dal.run("demo", "--url", url(db), "--seed", "5", "--scale", "0.05");
        assertEquals(2, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("found 2 demo organization(s) of an unfinished generation")
                && refused.err().contains("nothing changed: run again with --yes"), refused::toString);
        assertEquals(before, DatabaseFingerprint.of(db.dataSource(), "fleet"), "without --yes the leftovers stay as they were");

        Dal.Result rerun = Dal.run("demo", "--url", url(db), "--seed", "5", "--scale", "0.05", "--yes");
        assertEquals(0, rerun.exit(), rerun::toString);
        assertTrue(rerun.err().contains("demo: found 2 demo organization(s) of an unfinished generation (it was interrupted);"
                + " removing them and starting over"), rerun::toString);
        assertFalse(rerun.err().contains("already there"), rerun::toString);
        assertEquals(2, db.count("SELECT count(*) FROM fleet.organizations"));
        assertEquals(2500, db.count("SELECT count(*) FROM fleet.transmissions"), "generated once, not on top of the fragment");
        assertTrue(new AuditChainVerifier(db.dataSource()).verify(Optional.empty(), List.of()).stream()
                .allMatch(AuditChainVerifier.Result::intact), "the new organizations' audit chains start afresh");

        Dal.Result third = Dal.run("demo", "--url", url(db), "--seed", "5", "--scale", "0.05");
        assertTrue(third.err().contains("already there"), third::toString);
    }

    @Test
    void shouldRefuseAPortOutOfRangeInOneLineWithoutDriverLogs() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Dal.Result demo = Dal.run("demo", "--url", "postgresql://postgres@127.0.0.1:99999/demo");
            assertEquals(2, demo.exit(), demo::toString);
            assertEquals(1, demo.err().strip().lines().count(), demo::toString);
            assertTrue(demo.err().contains("has port 99999: a port is 1 to 65535"), demo::toString);
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList(), "java.util.logging records");
    }

    @Test
    void shouldEndInOneLineWhenTheServerGoesAwayMidGeneration() throws Exception {
        List<String> err = new ArrayList<>();
        int exit;
        try (EmbeddedServer server = EmbeddedServer.startTemporary()) {
            Process demo = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DalCommand.class.getName(),
                    "demo", "--url", server.url("postgres").toString(), "--scale", "2")).start();
            demo.getInputStream().close();
            BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getErrorStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                err.add(line);
                if (line.contains("generating the fleet")) {
                    break;
                }
            }
            Thread.sleep(1500);
            server.close();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                err.add(line);
            }
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "demo did not end: " + err);
            exit = demo.exitValue();
        }
        assertEquals(1, exit, String.join("\n", err));
        List<String> after = err.subList(err.indexOf(err.stream().filter(l -> l.contains("generating the fleet")).findFirst()
                .orElseThrow()) + 1, err.size()).stream().filter(l -> !l.isBlank()).toList();
        // progress bars (redrawn with \r, so each redraw reads as a line) are not messages
        assertEquals(1, after.stream().filter(l -> !l.matches("^\\s*(incidents|transmissions|in [0-9.]+ s,).*")).count(),
                String.join("\n", err));
        String last = after.get(after.size() - 1);
        assertTrue(last.startsWith("dal demo: lost the connection to") || last.startsWith("dal demo: cannot connect to"),
                String.join("\n", err));
        assertFalse(err.stream().anyMatch(l -> l.startsWith("\tat ") || l.contains("WARN")), "no stack trace, no log lines");
    }

    private static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }
}
