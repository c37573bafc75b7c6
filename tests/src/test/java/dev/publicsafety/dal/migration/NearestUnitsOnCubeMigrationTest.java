package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Fleet V9: the nearest-unit search stands on cube alone. Its great-circle distances are
 * earthdistance's to the millimetre, its KNN order is served by the new GiST index, and nothing of
 * fleet depends on earthdistance any more (a superuser may drop it).
 */
@IsolatedDatabase(migrated = false)
class NearestUnitsOnCubeMigrationTest {

    private static final String ORG = "00000000-0000-0000-0000-0000000000a1";
    private static final String DISTANCES = "SELECT %s FROM (VALUES (51.5, -0.12, 51.5002, -0.12), (40.05, -74.95, 40.0505, -74.9505),"
            + " (0, 0, 0, 180), (-33.9, 151.2, 51.5, -0.12)) AS p (lat1, lng1, lat2, lng2)";

    @Test
    void shouldKeepTheDistancesAndTheIndexBackedOrderWithoutEarthdistance(TestDatabase db) throws SQLException {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateTo(Domain.FLEET, "8");
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            String before = text(sql, String.format(DISTANCES,
                    "string_agg(round(public.earth_distance(public.ll_to_earth(lat1, lng1), public.ll_to_earth(lat2, lng2))::numeric, 3)::text, ' ')"));
            sql.execute("INSERT INTO fleet.organizations (id, name, slug) VALUES ('" + ORG + "', 'Agency', 'agency')");
            sql.execute("INSERT INTO fleet.assets (org_id, name, asset_type, status, location)"
                    + " SELECT '" + ORG + "', 'Unit ' || i, 'vehicle', 'available',"
                    + " jsonb_build_object('latitude', 40 + (i % 100) / 1000.0, 'longitude', -75 + (i / 100) / 1000.0)"
                    + " FROM generate_series(1, 10000) AS i");

            runner.migrateTo(Domain.FLEET, "9");
            sql.execute("ANALYZE fleet.assets");

            assertEquals(before, text(sql, String.format(DISTANCES,
                    "string_agg(round(fleet.great_circle_meters(fleet.earth_point(lat1, lng1), fleet.earth_point(lat2, lng2))::numeric, 3)::text, ' ')")));
            String plan = lines(sql, "EXPLAIN SELECT id FROM fleet.assets WHERE status = 'available' AND deleted_at IS NULL"
                    + " AND fleet.location_point(location) IS NOT NULL"
                    + " ORDER BY fleet.location_point(location) <-> fleet.earth_point(40.0505, -74.9505) LIMIT 5");
            assertTrue(plan.contains("Index Scan using assets_available_point_gist") && plan.contains("Order By"), plan);

            sql.execute("DROP EXTENSION earthdistance");
            assertEquals("70.1 70.1 70.1 70.1 139.4", text(sql, "SELECT string_agg(round(d::numeric, 1)::text, ' ') FROM (SELECT"
                    + " fleet.great_circle_meters(fleet.location_point(location), fleet.earth_point(40.0505, -74.9505)) AS d"
                    + " FROM fleet.assets WHERE status = 'available' AND deleted_at IS NULL"
                    + " ORDER BY fleet.location_point(location) <-> fleet.earth_point(40.0505, -74.9505) LIMIT 5) AS nearest"));
        }
    }

    private static String text(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String lines(Statement sql, String query) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                out.append(rows.getString(1)).append('\n');
            }
        }
        return out.toString();
    }
}
