package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.lint.DomainLint;
import dev.publicsafety.dal.migration.lint.LintFinding;
import dev.publicsafety.dal.testing.BillingDomain;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application declares a domain of its own and gets dal's verbs for it from the library:
 * migrate, info, validate, undo and lint, from its classpath or from a folder, with its own history
 * table; a declaration that would take a built-in domain's place is refused.
 */
@IsolatedDatabase
class ApplicationDomainTest {

    @Test
    void shouldMigrateReportAndUndoAnApplicationsDomainFromItsClasspathBesideTheBuiltInOnes(TestDatabase db, @TempDir Path application)
            throws Exception {
        BillingDomain.writeTo(application);
        Domain billing = Domain.of(BillingDomain.SCHEMA);

        try (URLClassLoader classpath = new URLClassLoader(new URL[] {application.toUri().toURL()}, MigrationRunner.class.getClassLoader())) {
            MigrationRunner runner = new MigrationRunner(db.dataSource(), classpath);

            assertEquals(2, runner.migrate(billing));
            assertEquals("2", runner.currentVersionOrBase(billing));
            assertEquals(List.of("Success", "Success"),
                    runner.info(billing).stream().filter(AppliedMigration::isSqlMigration).map(AppliedMigration::state).toList());
            assertEquals(List.of(), runner.validate(billing));
            assertEquals(MigrationFiles.head(Domain.FLEET), runner.currentVersionOrBase(Domain.FLEET), "fleet is not concerned");
            assertEquals(1, db.count("SELECT count(*) FROM billing.flyway_schema_history WHERE version = '2'"));

            assertEquals(1, runner.undo(billing, 1));
            assertEquals("1", runner.currentVersionOrBase(billing));
            assertEquals(0, db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'billing' AND column_name = 'note'"));
            assertEquals(1, runner.migrate(billing), "up again");
        }
    }

    @Test
    void shouldRunTheSameVerbsOnADomainInAFolderWithAHistoryTableOfItsOwn(TestDatabase db, @TempDir Path application) throws Exception {
        BillingDomain.writeTo(application);
        Domain folder = Domain.inFolder(BillingDomain.SCHEMA, application);
        Domain billing = new Domain(folder.schema(), folder.migrationLocation(), folder.undoLocation(), "billing_history");
        MigrationRunner runner = new MigrationRunner(db.dataSource());

        assertEquals(2, runner.migrate(billing));
        assertEquals(2, db.count("SELECT count(*) FROM billing.billing_history WHERE success AND version IS NOT NULL"));

        List<LintFinding> findings = DomainLint.lint(billing, file -> true);
        assertTrue(findings.stream().anyMatch(f -> f.file().equals("billing/" + BillingDomain.V2) && f.rule().id().equals("index-without-concurrently")),
                findings::toString);
        assertTrue(findings.stream().allMatch(f -> f.file().equals("billing/" + BillingDomain.V2)), "the table created in V1 is exempt: " + findings);

        assertEquals(2, runner.undoTo(billing, MigrationRunner.BASE));
        assertEquals(0, db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'billing'"), "the schema Flyway created goes too");
    }

    @Test
    void shouldRefuseADeclarationTakingABuiltInDomainsPlaceInOneLine() {
        List<IllegalArgumentException> refused = List.of(
                assertThrows(IllegalArgumentException.class, () -> new Domain("fleet", "db/migration/app", "db/undo/app", Domain.HISTORY_TABLE)),
                assertThrows(IllegalArgumentException.class, () -> new Domain("billing", "classpath:db/migration", "db/undo/billing",
                        Domain.HISTORY_TABLE)),
                assertThrows(IllegalArgumentException.class, () -> new Domain("billing", "db/migration/training/billing", "db/undo/billing",
                        Domain.HISTORY_TABLE)),
                assertThrows(IllegalArgumentException.class, () -> Domain.of("public")),
                assertThrows(IllegalArgumentException.class, () -> Domain.of("Billing\n")));

        assertTrue(refused.get(0).getMessage().startsWith("schema fleet is dal's built-in domain"), refused.get(0).getMessage());
        assertTrue(refused.get(1).getMessage().contains("overlaps db/migration/fleet"), refused.get(1).getMessage());
        assertTrue(refused.get(2).getMessage().contains("overlaps db/migration/training"), refused.get(2).getMessage());
        refused.forEach(e -> assertEquals(1, e.getMessage().lines().count(), e.getMessage()));
        assertEquals(Domain.FLEET, Domain.of("fleet"), "dal's layout of fleet is the built-in domain itself");
        assertTrue(Domain.FLEET.isBuiltIn() && !Domain.of("billing").isBuiltIn());
    }
}
