package dev.publicsafety.dal.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedReplicaPairTest {

    private static EmbeddedReplicaPair pair;

    @BeforeAll
    static void start() {
        pair = EmbeddedReplicaPair.start();
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void shouldServeCommittedRowsFromAStandbyInRecovery() throws SQLException {
        Sql.execute(pair.primary("postgres").dataSource(), "CREATE TABLE IF NOT EXISTS seen (v int); INSERT INTO seen VALUES (1)");

        assertTrue(awaitOnReplica("SELECT count(*) FROM seen WHERE v = 1"), "the row reached the standby");
        assertEquals("t", queryReplica("SELECT pg_is_in_recovery()"));
    }

    @Test
    void shouldRefuseWritesOnTheStandby() {
        SQLException refused = assertThrows(SQLException.class,
                () -> Sql.execute(pair.replica("postgres").dataSource(), "CREATE TABLE nope (v int)"));
        assertEquals("25006", refused.getSQLState());
    }

    @Test
    void shouldStreamAgainAfterTheStandbyRestarts() throws SQLException {
        pair.stopReplica();
        assertThrows(SQLException.class, () -> pair.replica("postgres").dataSource().getConnection().close());
        Sql.execute(pair.primary("postgres").dataSource(), "CREATE TABLE IF NOT EXISTS later (v int); INSERT INTO later VALUES (2)");

        pair.startReplica();

        assertTrue(awaitOnReplica("SELECT count(*) FROM later WHERE v = 2"), "the row written while it was down reached the standby");
    }

    @Test
    void shouldHoldBackRowsWhileReplayIsPaused() throws SQLException {
        Sql.execute(pair.primary("postgres").dataSource(), "CREATE TABLE IF NOT EXISTS paused (v int)");
        assertTrue(awaitOnReplica("SELECT count(*) + 1 FROM paused"));
        pair.pauseReplay();
        try {
            Sql.execute(pair.primary("postgres").dataSource(), "INSERT INTO paused VALUES (3)");
            assertFalse(awaitOnReplica("SELECT count(*) FROM paused", Duration.ofMillis(300)), "paused replay holds the row back");
        } finally {
            pair.resumeReplay();
        }
        assertTrue(awaitOnReplica("SELECT count(*) FROM paused"), "resumed replay applies it");
    }

    private static boolean awaitOnReplica(String countQuery) throws SQLException {
        return awaitOnReplica(countQuery, Duration.ofSeconds(30));
    }

    /** Whether {@code countQuery} returns a positive count on the standby within {@code timeout}. */
    private static boolean awaitOnReplica(String countQuery, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            try {
                if (Integer.parseInt(queryReplica(countQuery)) > 0) {
                    return true;
                }
            } catch (SQLException e) {
                if (!"42P01".equals(e.getSQLState())) { // the table itself may not have arrived yet
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static String queryReplica(String sql) throws SQLException {
        try (Connection connection = pair.replica("postgres").dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

}
