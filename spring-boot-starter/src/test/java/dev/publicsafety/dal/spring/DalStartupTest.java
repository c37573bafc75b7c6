package dev.publicsafety.dal.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.SeedSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code dal.migrate-on-start} and {@code dal.seed-on-start} on an empty database: off unless set,
 * and when set, both schemas at head and the bundled scenarios seeded before the application runs;
 * a seed that cannot be done stops the start.
 */
@IsolatedDatabase(migrated = false)
class DalStartupTest {

    @Test
    void shouldMigrateAndSeedOnStartOnlyWhenAsked(TestDatabase db) throws Exception {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        try (ConfigurableApplicationContext app = DalApplication.start(db.url())) {
            assertEquals(List.of("base", "base"), versions(runner), "nothing migrated unless asked");
            Health health = DalAutoConfigurationTest.health(app);
            assertEquals(Status.DOWN, health.getStatus(), health::toString);
            assertEquals(false, DalAutoConfigurationTest.detail(health, "fleet", "atHead"), health::toString);
        }

        Exception refused = assertThrows(Exception.class, () -> DalApplication.start(db.url(), "dal.seed-on-start=true").close());
        assertTrue(rootMessage(refused).contains("seeding needs version 2: run 'dal migrate' first"), rootMessage(refused));
        assertEquals(List.of("base", "base"), versions(runner));

        try (ConfigurableApplicationContext app = DalApplication.start(db.url(), "dal.migrate-on-start=true", "dal.seed-on-start=true")) {
            assertEquals(List.of(head(runner, Domain.FLEET), head(runner, Domain.TRAINING)), versions(runner));
            assertEquals(SeedSource.bundled().size(), scenarios(db));
            Health health = DalAutoConfigurationTest.health(app);
            assertEquals(true, DalAutoConfigurationTest.detail(health, "fleet", "atHead"), health::toString);
            assertEquals(true, DalAutoConfigurationTest.detail(health, "training", "atHead"), health::toString);
        }
        try (ConfigurableApplicationContext again = DalApplication.start(db.url(), "dal.migrate-on-start=true", "dal.seed-on-start=true")) {
            assertEquals(SeedSource.bundled().size(), scenarios(db), "a second start seeds nothing twice");
        }
    }

    private static List<String> versions(MigrationRunner runner) {
        return List.of(runner.currentVersionOrBase(Domain.FLEET), runner.currentVersionOrBase(Domain.TRAINING));
    }

    private static String head(MigrationRunner runner, Domain domain) {
        List<String> known = runner.knownVersions(domain);
        return known.get(known.size() - 1);
    }

    private static long scenarios(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM training.training_scenarios WHERE is_active")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
