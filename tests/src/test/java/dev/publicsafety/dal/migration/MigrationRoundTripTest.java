package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every version, walked up → down → up, leaves a catalog identical to the one a straight migration
 * to that version produces; undoing everything leaves the database as it was before the first
 * migrate.
 */
@IsolatedDatabase(migrated = false)
class MigrationRoundTripTest {

    @Test
    void shouldRestoreTheExactCatalogAfterUndoAndRedoOfEveryVersion(TestDatabase db) {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        for (Domain domain : Domain.values()) {
            List<String> versions = runner.info(domain).stream().map(AppliedMigration::version).toList();
            assertFalse(versions.isEmpty(), "no migrations found for " + domain);

            List<List<String>> straight = new ArrayList<>();
            straight.add(CatalogSnapshot.of(db.dataSource(), domain.schema()));
            assertTrue(straight.get(0).isEmpty(), domain + " schema should not exist before the first migrate");

            for (int i = 0; i < versions.size(); i++) {
                String version = versions.get(i);
                assertEquals(1, runner.migrateTo(domain, version));
                List<String> afterUp = CatalogSnapshot.of(db.dataSource(), domain.schema());
                straight.add(afterUp);

                assertEquals(1, runner.undo(domain, 1));
                assertEquals(straight.get(i), CatalogSnapshot.of(db.dataSource(), domain.schema()),
                        domain + ": undo of " + version + " should restore the catalog of the version before");

                assertEquals(1, runner.migrateTo(domain, version));
                assertEquals(afterUp, CatalogSnapshot.of(db.dataSource(), domain.schema()),
                        domain + ": redo of " + version + " should give the catalog of a straight migration");
            }

            assertEquals(versions.size(), runner.undoTo(domain, "0"));
            assertEquals(List.of(), CatalogSnapshot.of(db.dataSource(), domain.schema()),
                    domain + ": undoing every version should leave no schema, table or type behind");
            assertEquals(versions.size(), runner.migrate(domain));
            assertEquals(straight.get(straight.size() - 1), CatalogSnapshot.of(db.dataSource(), domain.schema()));
        }
    }

    @Test
    void shouldNameKnownVersionsWhenTheTargetDoesNotExist(TestDatabase db) {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        MigrationException error = org.junit.jupiter.api.Assertions.assertThrows(MigrationException.class,
                () -> runner.migrateTo(Domain.FLEET, "99"));
        assertTrue(error.getMessage().contains("version 99 does not exist in fleet"), error.getMessage());
    }
}
