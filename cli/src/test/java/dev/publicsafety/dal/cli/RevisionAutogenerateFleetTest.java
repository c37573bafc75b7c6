package dev.publicsafety.dal.cli;

import static dev.publicsafety.dal.cli.Dal.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dal revision --autogenerate} on fleet, whose tables are partitioned and guarded by row
 * level security: a column, an index and a check constraint on a plain and on a partitioned table,
 * and a new table with its tenant policy, become a pair that round-trips and lints with named
 * findings; a partitioned table created by hand is a named TODO. (The other domains' changes do not
 * reach a fleet diff, so each test changes a domain of its own in the one database of the class.)
 */
@IsolatedDatabase
class RevisionAutogenerateFleetTest {

    @Test
    void shouldWriteAFleetPairThatRoundTripsThroughPartitionsAndRowLevelSecurity(TestDatabase db, @TempDir Path dir) throws Exception {
        int next = Integer.parseInt(MigrationFiles.head(Domain.FLEET)) + 1;
        db.execute(
                "ALTER TABLE fleet.incidents ADD COLUMN severity_score integer",
                "CREATE INDEX incidents_org_id_severity_score_idx ON fleet.incidents (org_id, severity_score)",
                "ALTER TABLE fleet.incidents ADD CONSTRAINT incidents_severity_score_range CHECK (severity_score BETWEEN 0 AND 100)",
                "ALTER TABLE fleet.transmissions ADD COLUMN signal_quality smallint",
                "CREATE INDEX transmissions_signal_quality_idx ON fleet.transmissions (org_id, signal_quality)",
                "CREATE TABLE fleet.incident_notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), org_id uuid NOT NULL"
                        + " REFERENCES fleet.organizations (id), body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
                "ALTER TABLE fleet.incident_notes ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY tenant_isolation ON fleet.incident_notes USING (org_id = fleet.current_org_id())"
                        + " WITH CHECK (org_id = fleet.current_org_id())");

        Dal.Result generated = Dal.run("revision", "--autogenerate", "-m", "incident notes", "--domain", "fleet",
                "--from", url(db), "--dir", dir.toString());

        assertEquals(0, generated.exit(), generated::toString);
        String up = Files.readString(dir.resolve("V" + next + "__incident_notes.sql"));
        String down = Files.readString(dir.resolve("U" + next + "__incident_notes.sql"));
        for (String statement : List.of(
                "alter table \"fleet\".\"incidents\" add \"severity_score\" int;",
                "alter table \"fleet\".\"transmissions\" add \"signal_quality\" smallint;",
                "\"created_at\" timestamp with time zone not null default now()",
                "ALTER TABLE \"fleet\".\"incidents\" ADD CONSTRAINT \"incidents_severity_score_range\""
                        + " CHECK (((severity_score >= 0) AND (severity_score <= 100)));",
                "CREATE INDEX incidents_org_id_severity_score_idx ON fleet.incidents USING btree (org_id, severity_score);",
                "CREATE INDEX transmissions_signal_quality_idx ON fleet.transmissions USING btree (org_id, signal_quality);")) {
            assertTrue(up.contains(statement), () -> "missing: " + statement + "\n" + up);
        }
        int created = up.indexOf("create table \"fleet\".\"incident_notes\"");
        int secured = up.indexOf("ALTER TABLE \"fleet\".\"incident_notes\" ENABLE ROW LEVEL SECURITY;");
        int policy = up.indexOf("CREATE POLICY \"tenant_isolation\" ON \"fleet\".\"incident_notes\" FOR ALL"
                + " USING ((org_id = fleet.current_org_id())) WITH CHECK ((org_id = fleet.current_org_id()));");
        assertTrue(created >= 0 && created < secured && secured < policy, up);
        assertFalse(up.contains("TODO") || up.contains("transmissions_20") || up.contains("transmissions_default"),
                "partitions follow their parent: " + up);
        assertTrue(down.contains("drop table \"fleet\".\"incident_notes\";")
                && down.contains("alter table \"fleet\".\"transmissions\" drop \"signal_quality\";")
                && down.contains("DROP INDEX \"fleet\".\"transmissions_signal_quality_idx\";")
                && !down.contains("transmissions_20"), down);
        assertTrue(generated.out().contains("round trip on a scratch database (up, down, up) passed\n"), generated::toString);
        assertTrue(generated.out().contains(": index-without-concurrently: ") && generated.out().contains(": constraint-without-not-valid: ")
                && generated.out().contains("lint: 3 findings in V" + next + "__incident_notes.sql"), generated::toString);
    }

    @Test
    void shouldNameAPartitionedTableCreatedByHandAsATodoAndTheRoundTripItBreaks(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute(
                "CREATE TABLE training.run_events (id bigint NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE training.run_events_default PARTITION OF training.run_events DEFAULT");

        Dal.Result generated = Dal.run("revision", "--autogenerate", "-m", "run events", "--domain", "training",
                "--from", url(db), "--dir", dir.toString());

        assertEquals(1, generated.exit(), generated::toString);
        assertTrue(generated.out().contains(": table run_events is partitioned: the statements below create it unpartitioned;"),
                generated::toString);
        assertTrue(generated.err().startsWith("round trip failed: "), generated::toString);
    }
}
