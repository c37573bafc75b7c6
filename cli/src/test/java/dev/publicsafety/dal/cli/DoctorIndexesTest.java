package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code dal doctor --indexes}: unused, duplicate and prefix-redundant indexes from the server's statistics. */
@IsolatedDatabase
class DoctorIndexesTest {

    @Test
    void shouldNameUnusedDuplicateAndPrefixRedundantIndexesButNotAUsedOne(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            sql.execute("CREATE INDEX crews_probe_a ON fleet.crews (dispatched_at)");
            sql.execute("CREATE INDEX crews_probe_b ON fleet.crews (dispatched_at, name)");
            sql.execute("CREATE INDEX crews_probe_c ON fleet.crews (dispatched_at, name)");
            sql.execute("CREATE INDEX crews_probe_org ON fleet.crews (org_id)");
            sql.execute("CREATE INDEX crews_probe_used ON fleet.crews (member_ids)");
            sql.execute("SET enable_seqscan = off");
            sql.execute("SELECT count(*) FROM fleet.crews WHERE member_ids = '{}'");
            sql.execute("SELECT pg_stat_force_next_flush()");
        }
        // the flush happens when that session ends; the statistics are read by the next one
        Dal.Result doctor = Dal.run("doctor", "--indexes", "--url", Dal.url(db));
        assertEquals(0, doctor.exit(), doctor::toString);
        List<String> lines = doctor.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("indexes: +\\d+ finding\\(s\\), scans counted since .*")), doctor::toString);
        assertTrue(has(lines, "unused", "fleet.crews_probe_a", "no scan since the statistics were reset"), doctor::toString);
        assertTrue(has(lines, "redundant", "fleet.crews_probe_a", "its keys lead fleet.crews_probe_b"), doctor::toString);
        assertTrue(has(lines, "duplicate", "fleet.crews_probe_c", "the same keys as fleet.crews_probe_b"), doctor::toString);
        assertTrue(has(lines, "redundant", "fleet.crews_probe_org", "its keys lead fleet.crews_org_id_created_at_idx"), doctor::toString);
        assertFalse(lines.stream().anyMatch(l -> l.contains("crews_probe_used")), "scanned once: used\n" + doctor);
        assertFalse(lines.stream().anyMatch(l -> l.matches(" +(duplicate|redundant) +fleet.crews_probe_b .*")), doctor::toString);
        assertFalse(lines.stream().anyMatch(l -> l.matches(" +unused +fleet.crews_pkey .*")), "a constraint's index is never unused\n" + doctor);
    }

    @Test
    void shouldCountAPartitionedIndexByItsPartitions(TestDatabase db) {
        Dal.Result doctor = Dal.run("doctor", "--indexes", "--url", Dal.url(db));
        assertEquals(0, doctor.exit(), doctor::toString);
        assertTrue(has(doctor.out().lines().toList(), "unused", "fleet.transmissions_org_id_channel_id_started_at_idx", "no scan"), doctor::toString);
        assertFalse(doctor.out().contains("transmissions_default_"), "a partition's copy is counted in its parent's index\n" + doctor);
    }

    private static boolean has(List<String> lines, String kind, String index, String why) {
        return lines.stream().anyMatch(l -> l.matches(" +" + kind + " +" + index.replace(".", "\\.") + " +\\d+ kB  " + why.replace("(", "\\(") + ".*"));
    }
}
