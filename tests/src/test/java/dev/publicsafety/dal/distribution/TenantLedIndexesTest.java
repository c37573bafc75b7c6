package dev.publicsafety.dal.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Every btree index of a fleet table that has org_id leads with org_id (fleet V10), so a tenant's
 * lookup never walks another organization's entries; what remains otherwise is the GIN and GiST
 * indexes, which cannot lead with a uuid without btree_gin/btree_gist (docs/reliability.md says so).
 */
@IsolatedDatabase
class TenantLedIndexesTest {

    @Test
    void shouldLeadEveryTenantBtreeIndexWithOrgId(TestDatabase db) throws SQLException {
        assertEquals(List.of(), indexes(db, "am.amname = 'btree' AND a.attname IS DISTINCT FROM 'org_id'"));
    }

    @Test
    void shouldLeaveOnlyTheGinAndGistIndexesNotTenantLed(TestDatabase db) throws SQLException {
        assertEquals(List.of("assets_available_point_gist", "assets_location_gin", "assets_metadata_gin", "incidents_location_gin",
                "incidents_metadata_gin", "incidents_tags_gin", "transmissions_entities_gin", "transmissions_metadata_gin",
                "transmissions_transcript_search_gin", "users_roles_gin", "webhooks_events_gin"),
                indexes(db, "am.amname <> 'btree' AND NOT c.relispartition"));
    }

    /** Indexes of fleet tables holding org_id (partitions included, unless excluded) matching {@code condition}. */
    private static List<String> indexes(TestDatabase db, String condition) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT i.relname FROM pg_index x
                       JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
                       JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.indkey[0]
                      WHERE n.nspname = 'fleet' AND c.relname <> 'flyway_schema_history'
                        AND EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = c.oid AND o.attname = 'org_id')
                        AND """ + " " + condition + " ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
