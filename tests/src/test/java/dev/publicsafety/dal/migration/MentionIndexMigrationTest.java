package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Sql;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Fleet V7 on a database with transmissions: the mention table is filled from the entities already
 * stored (each distinct type and value once, elements that are not entities skipped), its triggers
 * follow INSERT, UPDATE, DELETE and TRUNCATE, and U7 removes it and restores V4's search function.
 */
@IsolatedDatabase(migrated = false)
class MentionIndexMigrationTest {

    private static final String ORG = "00000000-0000-0000-0000-0000000000a1";
    private static final String CHANNEL = "00000000-0000-0000-0000-0000000000c1";

    @Test
    void shouldFillTheMentionsFromExistingTransmissionsAndKeepThemInStep(TestDatabase db) throws SQLException {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateTo(Domain.FLEET, "4");
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            sql.execute("INSERT INTO fleet.organizations (id, name, slug) VALUES ('" + ORG + "', 'Agency', 'agency')");
            sql.execute("INSERT INTO fleet.radio_channels (id, org_id, name, source_type, source_config)"
                    + " VALUES ('" + CHANNEL + "', '" + ORG + "', 'North', 'API', '{}')");
            sql.execute("INSERT INTO fleet.transmissions (org_id, channel_id, started_at, entities) SELECT '" + ORG + "', '" + CHANNEL
                    + "', timestamptz '2025-01-01' + g * interval '1 minute', jsonb_build_array("
                    + "jsonb_build_object('type', 'PLATE', 'value', 'P' || (g % 10)), jsonb_build_object('type', 'PLATE', 'value', 'P' || (g % 10)),"
                    + " 'not an entity', jsonb_build_object('type', 'UNIT'))"
                    + " FROM generate_series(1, 100) g");

            runner.migrateTo(Domain.FLEET, "7");
            assertEquals(100, Sql.count(owner, "SELECT count(*) FROM fleet.transmission_mentions"), "one mention per transmission");
            assertEquals(10, Sql.count(owner, "SELECT count(*) FROM fleet.transmission_mentions WHERE entity_type = 'PLATE' AND entity_value = 'P3'"));

            sql.execute("INSERT INTO fleet.transmissions (org_id, channel_id, started_at, entities) VALUES ('" + ORG + "', '" + CHANNEL
                    + "', '2025-02-01', '[{\"type\": \"PLATE\", \"value\": \"P3\"}, {\"type\": \"UNIT\", \"value\": \"Engine 1\"}]')");
            assertEquals(11, Sql.count(owner, "SELECT count(*) FROM fleet.transmission_mentions WHERE entity_value = 'P3'"));
            sql.execute("UPDATE fleet.transmissions SET entities = '[{\"type\": \"PLATE\", \"value\": \"P4\"}]' WHERE started_at = '2025-02-01'");
            assertEquals(10, Sql.count(owner, "SELECT count(*) FROM fleet.transmission_mentions WHERE entity_value = 'P3'"));
            assertEquals(0, Sql.count(owner, "SELECT count(*) FROM fleet.transmission_mentions WHERE entity_value = 'Engine 1'"));
            sql.execute("UPDATE fleet.transmissions SET started_at = started_at + interval '1 day' WHERE started_at = '2025-02-01'");
            assertEquals(1, Sql.count(owner, "SELECT count(*) FROM fleet.transmission_mentions WHERE started_at = '2025-02-02'"));
            sql.execute("DELETE FROM fleet.transmissions WHERE entities @> '[{\"value\": \"P4\"}]'");
            assertEquals(90, Sql.count(owner, "SELECT count(*) FROM fleet.transmission_mentions"), "P4 was mentioned by 11 rows");
            sql.execute("TRUNCATE fleet.transmissions CASCADE");
            assertEquals(0, Sql.count(owner, "SELECT count(*) FROM fleet.transmission_mentions"));

            runner.undo(Domain.FLEET, 1, DropConsent.DATA_AND_AUDIT_TRAIL);
            assertEquals(0, Sql.count(owner, "SELECT count(to_regclass('fleet.transmission_mentions'))"));
            assertEquals(1, Sql.count(owner, "SELECT count(*) FROM pg_proc WHERE proname = 'transcript_matches' AND pronargs = 1"));
        }
    }

}
