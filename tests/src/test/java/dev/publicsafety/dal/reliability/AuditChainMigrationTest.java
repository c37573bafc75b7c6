package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier.Result;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Audit rows written before the hash chain existed are chained by the migration that adds it, in the order they happened. */
@IsolatedDatabase(migrated = false)
class AuditChainMigrationTest {

    @Test
    void shouldChainTheRowsThatExistedBeforeTheMigration(TestDatabase db) throws SQLException {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateTo(Domain.FLEET, "2");
        try (Connection owner = db.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("INSERT INTO fleet.organizations (id, name, slug) VALUES"
                    + " ('00000000-0000-0000-0000-00000000000a', 'A', 'a'), ('00000000-0000-0000-0000-00000000000b', 'B', 'b')");
            statement.execute("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, after_state, occurred_at)"
                    + " SELECT CASE WHEN i % 3 = 0 THEN '00000000-0000-0000-0000-00000000000b'::uuid"
                    + " ELSE '00000000-0000-0000-0000-00000000000a'::uuid END,"
                    + " 'before-v3', 'create', 'incident', gen_random_uuid(), jsonb_build_object('n', i, 'note', 'é\"x'),"
                    + " timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second' FROM generate_series(1, 30) i");
        }
        runner.migrate(Domain.FLEET);
        try (Connection owner = db.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("SELECT fleet.set_org_id('00000000-0000-0000-0000-00000000000a')");
            statement.execute("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id)"
                    + " VALUES ('00000000-0000-0000-0000-00000000000a', 'after-v3', 'create', 'incident', gen_random_uuid())");
        }

        List<Result> results = new AuditChainVerifier(db.dataSource()).verify(Optional.empty(), List.of());
        assertEquals(2, results.size(), results::toString);
        assertTrue(results.stream().allMatch(Result::intact), results::toString);
        assertEquals(List.of(21L, 10L), results.stream().map(Result::rows).toList(), "A: 20 old rows and 1 new; B: 10");
        assertEquals(21, results.get(0).head().seq());
    }
}
