package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier.Checkpoint;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier.Result;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The owner can change the audit trail (it can disable any trigger), so the trail is made tamper
 * evident: each form of tampering below, done as the owner, is named by {@link AuditChainVerifier},
 * and an untouched chain, including one written by concurrent transactions, verifies.
 */
@IsolatedDatabase
class AuditHashChainTest {

    private static final Actor ACTOR = Actor.service("chain-test");
    private static TestDatabase database;
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static AuditChainVerifier verifier;
    private static AuditedOrganizations organizations;

    @BeforeAll
    static void setUp(TestDatabase db) {
        database = db;
        app = ApplicationRole.create(db, 8);
        fleet = new FleetDatabase(app.dataSource());
        verifier = new AuditChainVerifier(db.dataSource());
        organizations = new AuditedOrganizations(fleet, ACTOR, "Chain agency");
    }

    @AfterAll
    static void tearDown() throws Exception {
        app.close();
    }

    @Test
    void shouldVerifyAnUntouchedChainAndItsCheckpoint() {
        UUID org = organizations.withAuditRows(6);
        Result result = only(org, List.of());
        assertTrue(result.intact(), result.toString());
        assertEquals(6, result.rows());
        assertEquals(6, result.head().seq());
        assertTrue(only(org, List.of(result.head())).intact(), "its own checkpoint must verify");
    }

    /** What the owner does to the trail, and what verify must say about it. */
    enum Tampering {
        DELETE_A_ROW("link #3 missing", "DELETE FROM fleet.audit_logs WHERE org_id = '%s' AND chain_seq = 3"),
        DELETE_THE_LAST_ROWS("its head row says #6: the last rows were deleted",
                "DELETE FROM fleet.audit_logs WHERE org_id = '%s' AND chain_seq > 4"),
        EDIT_A_ROW("link #2", "UPDATE fleet.audit_logs SET actor = 'someone else' WHERE org_id = '%1$s' AND chain_seq = 2"),
        EDIT_A_TIMESTAMP("link #4", "UPDATE fleet.audit_logs SET occurred_at = occurred_at - interval '1 hour' WHERE org_id = '%1$s' AND chain_seq = 4"),
        REORDER_TWO_ROWS("link #2",
                "UPDATE fleet.audit_logs SET chain_seq = -chain_seq WHERE org_id = '%1$s' AND chain_seq IN (2, 3)",
                "UPDATE fleet.audit_logs SET chain_seq = CASE chain_seq WHEN -2 THEN 3 ELSE 2 END WHERE org_id = '%1$s' AND chain_seq < 0"),
        FORGE_A_ROW_AT_THE_END("link #7",
                "ALTER TABLE fleet.audit_logs DISABLE TRIGGER audit_logs_chain",
                "INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, chain_seq, row_hash)"
                        + " SELECT org_id, 'forger', 'purge', 'incident', entity_id, 7, row_hash FROM fleet.audit_logs"
                        + " WHERE org_id = '%1$s' AND chain_seq = 6",
                "UPDATE fleet.audit_chain_heads SET chain_seq = 7 WHERE org_id = '%1$s'",
                "ALTER TABLE fleet.audit_logs ENABLE TRIGGER audit_logs_chain"),
        DELETE_THE_HEAD_ROW("no head row", "DELETE FROM fleet.audit_chain_heads WHERE org_id = '%s'"),
        // V4's request columns are hashed too: setting one on a row that had none breaks its link
        EDIT_THE_CORRELATION_ID("link #5", "UPDATE fleet.audit_logs SET correlation_id = 'forged-request' WHERE org_id = '%1$s' AND chain_seq = 5"),
        EDIT_THE_IP_ADDRESS("link #3", "UPDATE fleet.audit_logs SET ip_address = '10.9.9.9' WHERE org_id = '%1$s' AND chain_seq = 3");

        final String expected;
        final String[] statements;

        Tampering(String expected, String... statements) {
            this.expected = expected;
            this.statements = statements;
        }
    }

    @ParameterizedTest
    @EnumSource(Tampering.class)
    void shouldNameTheFirstBrokenLink(Tampering tampering) throws SQLException {
        UUID org = organizations.withAuditRows(6);
        UUID bystander = organizations.withAuditRows(3);
        List<String> statements = new ArrayList<>(List.of("ALTER TABLE fleet.audit_logs DISABLE TRIGGER audit_logs_no_update_delete"));
        for (String statement : tampering.statements) {
            statements.add(String.format(statement, org));
        }
        statements.add("ALTER TABLE fleet.audit_logs ENABLE TRIGGER audit_logs_no_update_delete");
        database.execute(statements.toArray(String[]::new));

        Result result = only(org, List.of());
        assertTrue(result.brokenLink().orElse("intact").contains(tampering.expected), result.toString());
        assertTrue(only(bystander, List.of()).intact(), "another organization's chain is not affected");
    }

    @Test
    void shouldRevealRowsRemovedAfterACheckpointEvenWhenTheHeadWasAdjusted() throws SQLException {
        UUID org = organizations.withAuditRows(6);
        Checkpoint published = only(org, List.of()).head();
        database.execute("ALTER TABLE fleet.audit_logs DISABLE TRIGGER audit_logs_no_update_delete",
                "DELETE FROM fleet.audit_logs WHERE org_id = '" + org + "' AND chain_seq > 4",
                "UPDATE fleet.audit_chain_heads h SET chain_seq = a.chain_seq, row_hash = a.row_hash FROM fleet.audit_logs a"
                        + " WHERE h.org_id = a.org_id AND a.org_id = '" + org + "' AND a.chain_seq = 4",
                "ALTER TABLE fleet.audit_logs ENABLE TRIGGER audit_logs_no_update_delete");

        assertTrue(only(org, List.of()).intact(), "a careful owner can cut the tail unseen; only a checkpoint reveals it");
        Result checked = only(org, List.of(published));
        assertTrue(checked.brokenLink().orElse("intact").contains("the rows after #4 were removed"), checked.toString());
    }

    @Test
    void shouldRevealAChainRewrittenWithRecomputedHashesBeforeACheckpoint() throws SQLException {
        UUID org = organizations.withAuditRows(5);
        Checkpoint published = only(org, List.of()).head();
        // The owner edits row 2 and recomputes every later hash with the migration's own function.
        database.execute("ALTER TABLE fleet.audit_logs DISABLE TRIGGER audit_logs_no_update_delete",
                "UPDATE fleet.audit_logs SET actor = 'rewritten' WHERE org_id = '" + org + "' AND chain_seq = 2",
                "DO $$ DECLARE r fleet.audit_logs; h bytea := ''; BEGIN"
                        + " FOR r IN SELECT * FROM fleet.audit_logs WHERE org_id = '" + org + "' ORDER BY chain_seq LOOP"
                        + " h := sha256(h || fleet.audit_content_digest(r));"
                        + " UPDATE fleet.audit_logs SET row_hash = h WHERE id = r.id;"
                        + " UPDATE fleet.audit_chain_heads SET row_hash = h WHERE org_id = r.org_id; END LOOP; END $$",
                "ALTER TABLE fleet.audit_logs ENABLE TRIGGER audit_logs_no_update_delete");

        assertTrue(only(org, List.of()).intact(), "a full rewrite is consistent in itself");
        Result checked = only(org, List.of(published));
        assertTrue(checked.brokenLink().orElse("intact").contains("link #5") && checked.brokenLink().get().contains("differs from checkpoint"),
                checked.toString());
    }

    @Test
    void shouldBuildOneValidChainFromConcurrentWritersOfOneOrganization() throws Exception {
        UUID org = organizations.withAuditRows(1);
        int writers = 8;
        int writesEach = 25;
        FleetDatabase serializable = new FleetDatabase(app.dataSource(),
                FleetOptions.defaults().withMaxAttempts(50).withRetryBackoff(Duration.ofMillis(5))
                        .withIsolation(FleetOptions.Isolation.SERIALIZABLE));
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                FleetDatabase through = writer % 2 == 0 ? fleet : serializable;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        String number = "C-" + writer + "-" + i;
                        through.execute(org, ACTOR, tx -> tx.incidents().open(NewIncident.of(number, "Concurrent", "fire", 3)));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Result result = only(org, List.of());
        assertTrue(result.intact(), result.toString());
        assertEquals(1 + writers * writesEach, result.rows());
        assertEquals(1 + writers * writesEach, result.head().seq());
    }

    private static Result only(UUID org, List<Checkpoint> checkpoints) {
        List<Result> results = verifier.verify(Optional.of(org), checkpoints);
        assertEquals(1, results.size(), results::toString);
        return results.get(0);
    }
}
