package dev.publicsafety.dal.internal;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.error.ConflictException;
import dev.publicsafety.dal.error.DalException;
import dev.publicsafety.dal.replica.ReplicaRouter;
import dev.publicsafety.dal.replica.WalPosition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultTransactionProvider;

/**
 * How {@code FleetDatabase} and {@code TrainingDatabase} run one call: one transaction through the
 * jOOQ configuration's own transaction provider (so an application's listeners, settings and
 * transaction management apply), run again on a serialization failure or deadlock, and a unique
 * key violation reported as a {@link ConflictException}. Each call is one unit of work for its
 * {@link UnitObserver}, retries included. Internal: not part of the library's API.
 */
public final class Transactions {

    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DSLContext dsl;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final UnitBounds bounds;
    private final UnitObserver observer;

    /**
     * With {@code observer} on, the configuration gains a {@link StatementListener} for the statements
     * jOOQ executes; the rendered queries time their own.
     */
    public Transactions(Configuration configuration, int maxAttempts, Duration retryBackoff, UnitBounds bounds,
                        UnitObserver observer) {
        Objects.requireNonNull(configuration, "configuration");
        if (!configuration.dialect().family().equals(SQLDialect.POSTGRES)) {
            throw new IllegalArgumentException("the data layer speaks PostgreSQL; the configuration's dialect is "
                    + configuration.dialect());
        }
        this.observer = Objects.requireNonNull(observer, "observer");
        this.dsl = observer.isOn()
                ? configuration.deriveAppending((ExecuteListenerProvider) new StatementListener()).dsl() : configuration.dsl();
        this.maxAttempts = maxAttempts;
        this.retryBackoff = retryBackoff;
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    /** The configuration a database built from a bare {@link DataSource} uses: PostgreSQL and {@link DalDsl#settings()}. */
    public static Configuration configurationOf(DataSource dataSource) {
        return DSL.using(Objects.requireNonNull(dataSource, "dataSource"), SQLDialect.POSTGRES, DalDsl.settings()).configuration();
    }

    /** The database's own context, outside any transaction, e.g. to render queries once. */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Runs {@code work} with the transaction's context in one transaction, retried as the class
     * comment says: the unit of work {@code operation}.
     */
    public <T> T run(String operation, Function<DSLContext, T> work) {
        return observer.observe(operation, () -> transaction(work));
    }

    private <T> T transaction(Function<DSLContext, T> work) {
        return retrying(() -> dsl.transactionResult(configuration -> work.apply(configuration.dsl())));
    }

    /**
     * {@link #run} on {@code connection} (e.g. a read replica's), with the configuration's listeners
     * and settings but jOOQ's own transaction handling: an application's transaction provider
     * manages its own connections, never this one.
     */
    private <T> T runOn(Connection connection, Function<DSLContext, T> work) {
        ConnectionProvider provider = new DefaultConnectionProvider(connection);
        Configuration bound = dsl.configuration().derive(provider).derive(new DefaultTransactionProvider(provider));
        return retrying(() -> bound.dsl().transactionResult(configuration -> work.apply(configuration.dsl())));
    }

    /**
     * Runs read-only {@code work} (which must make its transaction read-only): on {@code router}'s
     * replica when it can serve a read after {@code after} ({@link ReplicaRouter#read}), else, and
     * always without a router, as {@link #run} does: the unit of work {@code operation}, wherever it runs.
     */
    public <T> T read(String operation, ReplicaRouter router, WalPosition after, Function<DSLContext, T> work) {
        return observer.observe(operation,
                () -> router == null ? transaction(work) : router.read(after, connection -> runOn(connection, work)));
    }

    /** The primary's WAL position now: asked after a commit, at or past that commit, from any connection, as the WAL only grows. */
    public WalPosition positionAfterCommit() {
        return dsl.connectionResult(WalPosition::afterCommit);
    }

    private <T> T retrying(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException failure) {
                if (attempt >= maxAttempts || !isRetryable(failure)) {
                    throw bounds.explain(asConflict(failure));
                }
                pause(attempt);
                UnitOfWork.retrying(failure);
            }
        }
    }

    /** Whether {@code failure} is a serialization failure or a deadlock, wherever it is wrapped. */
    public static boolean isRetryable(Throwable failure) {
        return hasState(failure, SERIALIZATION_FAILURE) || hasState(failure, DEADLOCK_DETECTED);
    }

    /** A unique violation the database reported becomes a {@link ConflictException}; anything else is returned as it is. */
    private static RuntimeException asConflict(RuntimeException failure) {
        if (failure instanceof DalException) {
            return failure;
        }
        SQLException unique = find(failure, UNIQUE_VIOLATION);
        if (unique == null) {
            return failure;
        }
        // The detail (the key's value) is withheld from roles that cannot read the whole row, e.g. under row-level security.
        String what = unique instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
                ? "unique key " + psql.getServerErrorMessage().getConstraint()
                        + (psql.getServerErrorMessage().getDetail() == null ? "" : " (" + psql.getServerErrorMessage().getDetail() + ")")
                : unique.getMessage();
        return new ConflictException(what + " is already taken; nothing was written", failure);
    }

    private static boolean hasState(Throwable failure, String state) {
        return find(failure, state) != null;
    }

    private static SQLException find(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (state.equals(e.getSQLState())) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    private void pause(int attempt) {
        long base = retryBackoff.toMillis() * attempt;
        if (base <= 0) {
            return;
        }
        try {
            Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a transaction", e);
        }
    }
}
