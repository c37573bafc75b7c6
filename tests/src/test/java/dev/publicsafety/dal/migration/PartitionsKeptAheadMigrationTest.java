package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Fleet V8 on a database written to at V7: the application roles granted before it may keep the
 * partitions ahead (and no other role may), rows dated past the last month go to the default
 * partitions, and U8 keeps every one of them, in partitions made for their months.
 */
@IsolatedDatabase(migrated = false)
class PartitionsKeptAheadMigrationTest {

    private static final String TRANSMISSIONS = "SELECT to_jsonb(t) FROM fleet.transmissions t ORDER BY id";
    private static final String AUDIT = "SELECT to_jsonb(a) FROM fleet.audit_logs a ORDER BY id";
    private static final String FUNCTIONS = "SELECT has_function_privilege('%s', 'fleet.keep_partitions_ahead(integer)', 'EXECUTE')::text"
            + " || ' ' || has_function_privilege('%1$s', 'fleet.partition_horizon()', 'EXECUTE')::text";

    @Test
    void shouldGrantTheApplicationRolesAndKeepEveryRowThroughV8AndItsUndo(TestDatabase db) throws SQLException {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateTo(Domain.FLEET, "7");
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        String app = "dal_app_v8_" + suffix;
        String other = "dal_other_v8_" + suffix;
        FleetRoles.createApplicationRole(db.dataSource(), app, "pw-" + suffix);
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            sql.execute("CREATE ROLE " + other + " LOGIN");
            try {
                runner.migrateTo(Domain.FLEET, "8");
                assertEquals(List.of("true true"), rows(sql, FUNCTIONS.formatted(app)), "granted to the application role");
                assertEquals(List.of("false false"), rows(sql, FUNCTIONS.formatted(other)), "not to PUBLIC");

                sql.execute("INSERT INTO fleet.organizations (name, slug) VALUES ('North', 'north')");
                sql.execute("INSERT INTO fleet.radio_channels (org_id, name, source_type) SELECT id, 'dispatch', 'SIP' FROM fleet.organizations");
                sql.execute("""
                        INSERT INTO fleet.transmissions (org_id, channel_id, started_at, entities)
                        SELECT c.org_id, c.id, fleet.partitions_covered_until('fleet.transmissions') + d * interval '1 day',
                               jsonb_build_array(jsonb_build_object('type', 'PLATE', 'value', 'P' || d))
                          FROM fleet.radio_channels c, generate_series(0, 70, 10) d""");
                sql.execute("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, occurred_at)"
                        + " SELECT org_id, 'migration-test', 'create', 'transmissions', id, started_at FROM fleet.transmissions ORDER BY started_at");
                assertEquals(List.of("8", "8"), rows(sql, "SELECT count(*)::text FROM fleet.transmissions_default"
                        + " UNION ALL SELECT count(*)::text FROM fleet.audit_logs_default"), "past the last month: kept, in the default partitions");
                List<String> transmissions = rows(sql, TRANSMISSIONS);
                List<String> audit = rows(sql, AUDIT);
                List<String> mentions = rows(sql, "SELECT entity_value FROM fleet.transmission_mentions ORDER BY 1");

                runner.undo(Domain.FLEET, 1);
                assertEquals(transmissions, rows(sql, TRANSMISSIONS));
                assertEquals(audit, rows(sql, AUDIT));
                assertEquals(mentions, rows(sql, "SELECT entity_value FROM fleet.transmission_mentions ORDER BY 1"));
                assertEquals(List.of(), rows(sql, "SELECT relname::text FROM pg_class WHERE relname LIKE '%\\_default' AND relnamespace = 'fleet'::regnamespace"));
                assertEquals(List.of("0"), rows(sql, "SELECT count(*)::text FROM pg_proc WHERE proname IN ('keep_partitions_ahead', 'partition_horizon')"));

                runner.migrateTo(Domain.FLEET, "8");
                assertEquals(List.of("true true"), rows(sql, FUNCTIONS.formatted(app)), "granted again on the way up");
            } finally {
                sql.execute("DROP OWNED BY " + app + ", " + other + "; DROP ROLE " + app + "; DROP ROLE " + other);
            }
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
