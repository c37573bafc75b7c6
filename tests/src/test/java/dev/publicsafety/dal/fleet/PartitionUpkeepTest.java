package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.partition.PartitionMaintenance;
import dev.publicsafety.dal.partition.PartitionedTable;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application keeps the monthly partitions three months ahead by itself: a {@link FleetDatabase}
 * connected as the application role creates the missing months before its first unit of work and
 * again once its interval has passed (its clock injected here), and nothing in between; a failure
 * (no EXECUTE) never fails the unit of work, and is tried again after a few minutes.
 */
@IsolatedDatabase
class PartitionUpkeepTest {

    private static final Actor RECORDER = Actor.service("recorder-1");

    private static ApplicationRole app;
    private static UUID org;
    private static OffsetDateTime fullHorizon;

    @BeforeAll
    static void setUp(TestDatabase db, ApplicationRole role) {
        app = role;
        org = new FleetDatabase(app.dataSource()).createOrganization(RECORDER, NewOrganization.of("Agency North", "north")).id();
        fullHorizon = OffsetDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(4);
    }

    @Test
    void shouldCreateTheMissingMonthsFirstThenOncePerInterval(TestDatabase db) throws SQLException {
        SettableClock clock = new SettableClock();
        FleetDatabase fleet = fleet(Duration.ofHours(1), clock);
        shorten(db);

        read(fleet);
        assertEquals(fullHorizon, horizon(db), "before the first unit of work");

        shorten(db);
        clock.advance(Duration.ofMinutes(59));
        read(fleet);
        assertEquals(fullHorizon.minusMonths(2), horizon(db), "not due yet: nothing is asked of the server");

        clock.advance(Duration.ofMinutes(2));
        read(fleet);
        assertEquals(fullHorizon, horizon(db), "due again after the interval");
    }

    @Test
    void shouldGoOnWhenTheUpkeepFailsAndTryAgainAfterAFewMinutes(TestDatabase db) throws SQLException {
        SettableClock clock = new SettableClock();
        FleetDatabase fleet = fleet(Duration.ofHours(1), clock);
        shorten(db);
        db.execute("REVOKE EXECUTE ON FUNCTION fleet.keep_partitions_ahead(integer) FROM " + app.name());
        try {
            assertEquals("Agency North", read(fleet), "the unit of work does not fail");
            assertEquals(fullHorizon.minusMonths(2), horizon(db));
        } finally {
            db.execute("GRANT EXECUTE ON FUNCTION fleet.keep_partitions_ahead(integer) TO " + app.name());
        }
        clock.advance(PartitionUpkeep.RETRY.minusSeconds(1));
        read(fleet);
        assertEquals(fullHorizon.minusMonths(2), horizon(db), "not before the retry is due");
        clock.advance(Duration.ofSeconds(2));
        read(fleet);
        assertEquals(fullHorizon, horizon(db), "retried after " + PartitionUpkeep.RETRY);
    }

    @Test
    void shouldLeaveThePartitionsAloneWhenTurnedOff(TestDatabase db) throws SQLException {
        FleetDatabase fleet = fleet(Duration.ZERO, new SettableClock());
        shorten(db);
        read(fleet);
        assertEquals(fullHorizon.minusMonths(2), horizon(db));
        new PartitionMaintenance(db.dataSource()).createAhead(3);
        assertEquals(fullHorizon, horizon(db), "dal partitions create does the same from outside");
    }

    private static FleetDatabase fleet(Duration interval, Clock clock) {
        return new FleetDatabase(DSL.using(app.dataSource(), SQLDialect.POSTGRES).configuration(),
                FleetOptions.defaults().withPartitionUpkeep(interval), clock);
    }

    private static String read(FleetDatabase fleet) {
        return fleet.inTransaction(org, RECORDER, tx -> tx.organization().get().name());
    }

    /** Drops the two furthest months of both tables (empty: nothing is dated that far ahead). */
    private static void shorten(TestDatabase db) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (OffsetDateTime month = fullHorizon.minusMonths(2); month.isBefore(fullHorizon); month = month.plusMonths(1)) {
            for (PartitionedTable table : PartitionedTable.values()) {
                String partition = String.format("fleet.%s_%04d_%02d", table.table(), month.getYear(), month.getMonthValue());
                sql.append("ALTER TABLE ").append(table).append(" DETACH PARTITION ").append(partition).append("; DROP TABLE ")
                        .append(partition).append(';');
            }
        }
        db.execute(sql.toString());
        assertEquals(fullHorizon.minusMonths(2), horizon(db));
    }

    private static OffsetDateTime horizon(TestDatabase db) {
        PartitionMaintenance maintenance = new PartitionMaintenance(db.dataSource());
        OffsetDateTime transmissions = maintenance.coveredUntil(PartitionedTable.TRANSMISSIONS);
        assertEquals(transmissions, maintenance.coveredUntil(PartitionedTable.AUDIT_LOGS), "both tables kept alike");
        return transmissions;
    }

    /** A clock the test moves on. */
    private static final class SettableClock extends Clock {

        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
