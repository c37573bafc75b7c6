package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fleet V6 on a database with rows spread over many months: every row of transmissions, audit_logs
 * and suggested_actions is the same after V6 (content compared as JSON) and again after U6; the
 * months of the data get partitions; the audit chain still links; a row beyond the last partition
 * is refused, naming the table.
 */
@IsolatedDatabase(migrated = false)
class TimePartitionMigrationTest {

    private static final String TRANSMISSIONS = "SELECT to_jsonb(t) FROM fleet.transmissions t ORDER BY id";
    private static final String AUDIT = "SELECT to_jsonb(a) FROM fleet.audit_logs a ORDER BY id";
    private static final String SUGGESTIONS = "SELECT to_jsonb(s) - 'transmission_started_at' FROM fleet.suggested_actions s ORDER BY id";

    @Test
    void shouldKeepEveryRowThroughV6AndItsUndo(TestDatabase db) throws SQLException {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateTo(Domain.FLEET, "5");
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            sql.execute("INSERT INTO fleet.organizations (name, slug) VALUES ('North', 'north'), ('South', 'south')");
            sql.execute("INSERT INTO fleet.radio_channels (org_id, name, source_type) SELECT id, 'dispatch', 'SIP' FROM fleet.organizations");
            // 400 transmissions over 20 months (2025-03 to 2026-10), both organizations
            sql.execute("""
                    INSERT INTO fleet.transmissions (org_id, channel_id, started_at, ended_at, transcription, entities, tags)
                    SELECT c.org_id, c.id, timestamptz '2025-03-01 00:00:00+00' + (i * interval '36 hours') + interval '1 second',
                           timestamptz '2025-03-01 00:00:00+00' + (i * interval '36 hours') + interval '9 seconds',
                           'unit ' || i || ' responding', jsonb_build_array(jsonb_build_object('type', 'unit', 'value', i::text)),
                           ARRAY['t' || (i % 3)]
                      FROM fleet.radio_channels c, generate_series(0, 399) i WHERE i % 2 = (c.name = 'dispatch' AND c.org_id =
                           (SELECT id FROM fleet.organizations WHERE slug = 'north'))::int""");
            sql.execute("""
                    INSERT INTO fleet.suggested_actions (org_id, kind, status, proposed_in_mode, proposed_by, transmission_id)
                    SELECT org_id, 'create_incident', 'recorded', 'hitl', 'test', id FROM fleet.transmissions ORDER BY started_at LIMIT 5""");
            sql.execute("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, occurred_at)"
                    + " SELECT org_id, 'migration-test', 'create', 'transmissions', id, started_at FROM fleet.transmissions ORDER BY started_at");
            List<String> transmissions = rows(sql, TRANSMISSIONS);
            List<String> audit = rows(sql, AUDIT);
            List<String> suggestions = rows(sql, SUGGESTIONS);
            assertEquals(400, transmissions.size());
            assertEquals(400, audit.size());

            runner.migrateTo(Domain.FLEET, "6");
            assertEquals(transmissions, rows(sql, TRANSMISSIONS));
            assertEquals(audit, rows(sql, AUDIT));
            assertEquals(suggestions, rows(sql, SUGGESTIONS));
            assertEquals(List.of("p"), rows(sql, "SELECT relkind::text FROM pg_class WHERE oid = 'fleet.transmissions'::regclass"));
            assertTrue(rows(sql, "SELECT relname::text FROM pg_inherits JOIN pg_class ON oid = inhrelid"
                    + " WHERE inhparent = 'fleet.transmissions'::regclass").containsAll(
                    List.of("transmissions_before_2025_03", "transmissions_2025_03", "transmissions_2026_01", "transmissions_2026_10")));
            assertEquals(List.of("0"), rows(sql, "SELECT count(*) FROM fleet.transmissions_before_2025_03"),
                    "every existing month has its own partition");
            assertEquals(List.of("5"), rows(sql, "SELECT count(*) FROM fleet.suggested_actions s JOIN fleet.transmissions t"
                    + " ON (t.org_id, t.id, t.started_at) = (s.org_id, s.transmission_id, s.transmission_started_at)"));
            assertEquals(List.of("0"), rows(sql, """
                    SELECT count(*) FROM (SELECT row_hash, sha256(coalesce(lag(row_hash) OVER w, ''::bytea) || fleet.audit_content_digest(a)) AS computed
                                            FROM fleet.audit_logs a WINDOW w AS (PARTITION BY org_id ORDER BY chain_seq)) c
                     WHERE row_hash <> computed"""), "every audit row still links to the previous one");
            sql.execute("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id)"
                    + " SELECT id, 'migration-test', 'update', 'organizations', id FROM fleet.organizations WHERE slug = 'north'");
            assertEquals(List.of("201"), rows(sql, "SELECT max(chain_seq) FROM fleet.audit_logs a JOIN fleet.organizations o"
                    + " ON o.id = a.org_id WHERE o.slug = 'north'"), "the chain trigger goes on after the last migrated link");

            SQLException beyond = assertThrows(SQLException.class, () -> sql.execute(
                    "INSERT INTO fleet.transmissions (org_id, channel_id, started_at) SELECT org_id, id, now() + interval '2 years'"
                            + " FROM fleet.radio_channels LIMIT 1"));
            assertTrue(beyond.getMessage().contains("no partition of relation \"transmissions\" found for row"), beyond.getMessage());

            runner.undo(Domain.FLEET, 1, DropConsent.DATA);
            assertEquals(List.of("r"), rows(sql, "SELECT relkind::text FROM pg_class WHERE oid = 'fleet.transmissions'::regclass"));
            assertEquals(transmissions, rows(sql, TRANSMISSIONS));
            assertEquals(audit.size() + 1, rows(sql, AUDIT).size());
            assertTrue(rows(sql, AUDIT).containsAll(audit));
            assertEquals(suggestions, rows(sql, SUGGESTIONS));
            assertFalse(rows(sql, "SELECT count(*) FROM pg_class WHERE relname LIKE 'transmissions\\_2%'").contains("1"));
        }
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
