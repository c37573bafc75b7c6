package dev.publicsafety.dal.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fleet schema as migrated could be sharded by org_id without a schema change: the rules of
 * {@link DistributionRules} hold over the live catalog, for every table, including any that a
 * later migration adds. Citus itself cannot be installed here; this is what stands in for running
 * {@code create_distributed_table} (docs/scale-out.md).
 */
@IsolatedDatabase
class DistributionReadySchemaTest {

    @Test
    void shouldKeepEveryFleetTableDistributableByOrgId(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            assertEquals(List.of(), DistributionRules.violations(connection, "fleet"));
        }
    }

    @Test
    void shouldNameEachTableThatBreaksARule(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE fleet.no_tenant (id uuid PRIMARY KEY)");
                statement.execute("CREATE TABLE fleet.keyless (org_id uuid NOT NULL REFERENCES fleet.organizations (id))");
                statement.execute("CREATE TABLE fleet.keyed_by_id (id uuid PRIMARY KEY, org_id uuid NOT NULL,"
                        + " channel_id uuid, code text, CONSTRAINT keyed_by_id_code_key UNIQUE (code),"
                        + " CONSTRAINT keyed_by_id_channel_fkey FOREIGN KEY (org_id, channel_id) REFERENCES fleet.radio_channels (org_id, id))");
                statement.execute("CREATE UNIQUE INDEX keyed_by_id_channel_idx ON fleet.keyed_by_id (channel_id)");
                statement.execute("CREATE TABLE fleet.crossing (org_id uuid NOT NULL, id uuid, user_id uuid, PRIMARY KEY (org_id, id),"
                        + " CONSTRAINT crossing_user_fkey FOREIGN KEY (user_id, org_id) REFERENCES fleet.users (org_id, id),"
                        + " CONSTRAINT crossing_org_fkey FOREIGN KEY (id) REFERENCES fleet.organizations (id))");
                statement.execute("ALTER TABLE fleet.organizations ADD COLUMN home_channel uuid,"
                        + " ADD CONSTRAINT organizations_home_fkey FOREIGN KEY (id, home_channel) REFERENCES fleet.radio_channels (org_id, id)");
            }
            String problems = String.join("\n", DistributionRules.violations(connection, "fleet"));
            connection.rollback();
            assertTrue(problems.contains("tenant table no_tenant has no NOT NULL org_id column"), problems);
            assertTrue(problems.contains("tenant table no_tenant: unique index fleet.no_tenant_pkey"), problems);
            assertTrue(problems.contains("tenant table keyless has no primary key"), problems);
            assertTrue(problems.contains("tenant table keyed_by_id: unique index fleet.keyed_by_id_pkey"), problems);
            assertTrue(problems.contains("tenant table keyed_by_id: unique index fleet.keyed_by_id_code_key"), problems);
            assertTrue(problems.contains("tenant table keyed_by_id: unique index fleet.keyed_by_id_channel_idx"), problems);
            assertTrue(problems.contains("tenant table crossing: foreign key crossing_user_fkey to tenant table users"
                    + " does not pair org_id with org_id"), problems);
            assertTrue(problems.contains("tenant table crossing: foreign key crossing_org_fkey to reference table organizations"
                    + " is not (org_id)"), problems);
            assertTrue(problems.contains("reference table organizations: foreign key organizations_home_fkey points at tenant table radio_channels"),
                    problems);
            assertEquals(9, problems.lines().count(), problems);
        }
    }
}
