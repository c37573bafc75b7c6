package dev.publicsafety.dal.training.seed;

import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;

import java.time.Duration;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The bounded waits of a seeding transaction: for the advisory lock that serializes seeders
 * ({@code pg_try_advisory_xact_lock} retried until a deadline, where {@code pg_advisory_xact_lock}
 * would wait forever), then {@code lock_timeout} for the rows it writes. A timeout names the
 * session in the way, from {@code pg_locks} and {@code pg_stat_activity}.
 */
final class SeedLock {

    private static final long KEY = 0x5CE1A210L;
    private static final Duration RETRY = Duration.ofMillis(100);

    private final Duration wait;

    SeedLock(Duration wait) {
        this.wait = wait;
    }

    /** Takes the seeding lock within the wait, then bounds every later lock wait of {@code tx} by it too. */
    void acquire(DSLContext tx) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!tx.select(DSL.function("pg_try_advisory_xact_lock", SQLDataType.BOOLEAN, DSL.val(KEY))).fetchSingle().value1()) {
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("another session holds the seeding lock (" + describe(advisoryHolder(tx))
                        + "); gave up after " + seconds() + " s, nothing was written");
            }
            Thread.sleep(RETRY.toMillis());
        }
        tx.select(DSL.function("set_config", SQLDataType.VARCHAR, DSL.val("lock_timeout"), DSL.val(wait.toMillis() + "ms"),
                DSL.val(true))).fetch();
    }

    /** The one line for a {@code lock_timeout} (SQLSTATE 55P03) on the scenario rows, after the transaction rolled back. */
    String rowsLocked(DataSource dataSource) {
        DSLContext ctx = DSL.using(dataSource, SQLDialect.POSTGRES);
        Record holder = ctx.fetchOptional("SELECT l.pid, a.application_name, a.usename, a.xact_start FROM pg_locks l"
                + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'relation' AND l.granted"
                + " AND l.relation = {0}::regclass AND l.mode <> 'AccessShareLock' AND l.pid <> pg_backend_pid()"
                + " ORDER BY a.xact_start LIMIT 1",
                DSL.val(TRAINING_SCENARIOS.getSchema().getName() + "." + TRAINING_SCENARIOS.getName())).orElse(null);
        return "another transaction holds locks on training_scenarios (" + describe(holder) + "); gave up after " + seconds()
                + " s, nothing was written";
    }

    /** A bigint advisory key appears in pg_locks as (classid, objid) = (its high, its low 32 bits). */
    private static Record advisoryHolder(DSLContext tx) {
        return tx.fetchOptional("SELECT l.pid, a.application_name, a.usename, a.xact_start FROM pg_locks l"
                + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.classid::bigint = {0} AND l.objid::bigint = {1} AND l.objsubid = 1",
                DSL.val(KEY >>> 32), DSL.val(KEY & 0xFFFFFFFFL)).orElse(null);
    }

    private static String describe(Record holder) {
        if (holder == null) {
            return "no longer visible: released just now";
        }
        return "pid " + holder.get(0) + ", application_name '" + holder.get(1) + "', user " + holder.get(2)
                + (holder.get(3) == null ? "" : ", in a transaction since " + holder.get(3));
    }

    private String seconds() {
        return String.valueOf(wait.toMillis() / 1000.0);
    }
}
