package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.DatabaseFingerprint;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three organizations, each with rows of every tenant table made through the repositories; then
 * randomized attempts by one organization on another's rows, through every repository (as the
 * application role, and on the owner's connection, where row-level security is bypassed and only
 * the repositories' own filters protect) and through raw SQL on the application role's connection,
 * with and without {@code dal.org_id}. None may succeed, each must fail for the right reason (not
 * found, row-level security, foreign key), and the database must be exactly as before.
 *
 * <p>Deterministic for a seed: {@code -Ddal.isolation.seed=N} (printed on every run) replays a run,
 * {@code -Ddal.isolation.attempts=N} changes its length. Every kind of attempt is made at least once
 * before the random ones.
 */
@IsolatedDatabase
class RandomizedTenantIsolationTest {

    private static final long SEED = Long.getLong("dal.isolation.seed", 20_250_601L);
    private static final int ATTEMPTS = Integer.getInteger("dal.isolation.attempts", 1500);

    private static TestDatabase database;
    private static ApplicationRole app;
    private static HikariDataSource owner;
    private static List<SeededTenant> tenants;

    @BeforeAll
    static void threeOrganizations(TestDatabase db) throws Exception {
        database = db;
        app = ApplicationRole.create(db, 4);
        FleetDatabase fleet = new FleetDatabase(app.dataSource());
        tenants = List.of(TenantBuilder.build(fleet, "alpha"), TenantBuilder.build(fleet, "bravo"), TenantBuilder.build(fleet, "charlie"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url().jdbcUrl());
        config.setUsername(db.url().user());
        config.setPassword(db.url().password());
        config.setMaximumPoolSize(2);
        owner = new HikariDataSource(config);
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");   // so that pg_stats holds values a leak could show
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stats WHERE schemaname = 'fleet'")) {
                rs.next();
                assertTrue(rs.getInt(1) > 0, "the owner sees statistics of the fleet tables");
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        owner.close();
        app.close();
    }

    @Test
    void shouldLetNoAttemptOnAnotherOrganizationSucceed() {
        List<CrossTenantAttempt> catalogue = CrossTenantAttempts.all(app.dataSource(), owner);
        List<String> before = DatabaseFingerprint.of(database.dataSource());
        Random random = new Random(SEED);
        AttemptTally tally = new AttemptTally();
        int total = Math.max(ATTEMPTS, catalogue.size());
        for (int i = 0; i < total; i++) {
            CrossTenantAttempt attempt = i < catalogue.size() ? catalogue.get(i) : catalogue.get(random.nextInt(catalogue.size()));
            SeededTenant attacker = tenants.get(random.nextInt(tenants.size()));
            SeededTenant victim = tenants.get((tenants.indexOf(attacker) + 1 + random.nextInt(tenants.size() - 1)) % tenants.size());
            tally.record(attempt, attacker, victim, attempt.attempt(attacker, victim, random));
        }
        System.out.println("cross-tenant isolation, seed " + SEED + " (-Ddal.isolation.seed=" + SEED + " to replay): "
                + tally.attempts() + " attempts of " + tally.kinds() + " kinds, " + tally.successes().size() + " succeeded, "
                + tally.wrongReasons().size() + " refused for a wrong reason\n" + tally.report());

        assertEquals(List.of(), tally.successes(), "attempts on another organization's rows that got through");
        assertEquals(List.of(), tally.wrongReasons(), "attempts refused for another reason than not found, RLS or foreign key");
        assertEquals(catalogue.size(), tally.kinds(), "every kind of attempt was made");
        assertTrue(tally.attempts() >= 1000, "at least 1000 attempts");
        assertEquals(before, DatabaseFingerprint.of(database.dataSource()), "no organization's rows changed");
    }
}
