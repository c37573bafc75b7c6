package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** {@code dal clean} removes a fleet schema with partitioned tables and their partitions, rows included, when told to. */
@IsolatedDatabase
class CleanPartitionedFleetTest {

    @Test
    void shouldDropThePartitionedTablesWithTheirPartitions(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            sql.execute("INSERT INTO fleet.organizations (name, slug) VALUES ('North', 'north')");
            sql.execute("INSERT INTO fleet.radio_channels (org_id, name, source_type) SELECT id, 'dispatch', 'SIP' FROM fleet.organizations");
            sql.execute("INSERT INTO fleet.transmissions (org_id, channel_id, started_at) SELECT org_id, id, now() FROM fleet.radio_channels");
        }
        String url = "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
        Dal.Result clean = Dal.run("clean", "--yes", "--domain", "fleet", "--url", url);
        assertEquals(0, clean.exit(), clean::toString);
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname = 'fleet'")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }
}
