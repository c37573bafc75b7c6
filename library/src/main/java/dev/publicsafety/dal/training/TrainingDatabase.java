package dev.publicsafety.dal.training;

import dev.publicsafety.dal.internal.StatementCache;
import dev.publicsafety.dal.internal.Transactions;
import dev.publicsafety.dal.internal.UnitBounds;
import dev.publicsafety.dal.internal.UnitObserver;
import dev.publicsafety.dal.replica.Committed;
import dev.publicsafety.dal.replica.ReplicaRouter;
import dev.publicsafety.dal.replica.WalPosition;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.Configuration;

/**
 * The training data layer's entry point, shaped like {@code FleetDatabase}: a {@link DataSource}
 * or a jOOQ {@link Configuration} in, one transaction per call out.
 *
 * <pre>{@code
 * TrainingDatabase training = new TrainingDatabase(dataSource);
 * Optional<CallSession> call = training.inTransaction(tx -> tx.sessions().findById(id));
 * }</pre>
 *
 * <p>Built from a {@code Configuration}, its execute listeners, settings and transaction provider
 * apply to every call; built from a {@code DataSource}, it uses PostgreSQL with
 * {@link dev.publicsafety.dal.DalDsl#settings()}. A serialization failure or deadlock runs the work
 * again, up to {@link TrainingOptions#maxAttempts()} times; a unique key already taken is a
 * {@link dev.publicsafety.dal.error.ConflictException}. Safe to share between threads.
 */
public final class TrainingDatabase {

    private final Transactions transactions;
    private final StatementCache queries;
    private final TrainingOptions options;
    private final Clock clock;
    private final UnitBounds bounds;
    /** Null without a replica: reads then run on the configuration's own connections. */
    private final ReplicaRouter router;
    /** The name this database's units of work are observed under ({@link #named}), or null for the entry point's own. */
    private final String operation;

    public TrainingDatabase(DataSource dataSource) {
        this(Transactions.configurationOf(dataSource), TrainingOptions.defaults());
    }

    public TrainingDatabase(DataSource dataSource, TrainingOptions options) {
        this(Transactions.configurationOf(dataSource), options);
    }

    public TrainingDatabase(Configuration configuration) {
        this(configuration, TrainingOptions.defaults());
    }

    public TrainingDatabase(Configuration configuration, TrainingOptions options) {
        this(configuration, options, Clock.systemUTC());
    }

    /** Writes on {@code router}'s primary; {@link #read} on its replica when the replica can serve it. */
    public TrainingDatabase(ReplicaRouter router, TrainingOptions options) {
        this(Transactions.configurationOf(Objects.requireNonNull(router, "router").primary()), options, Clock.systemUTC(), router);
    }

    TrainingDatabase(Configuration configuration, TrainingOptions options, Clock clock) {
        this(configuration, options, clock, null);
    }

    private TrainingDatabase(Configuration configuration, TrainingOptions options, Clock clock, ReplicaRouter router) {
        this.options = Objects.requireNonNull(options, "options");
        this.router = router;
        this.bounds = new UnitBounds(options.lockTimeout(), options.statementTimeout(), "TrainingOptions");
        this.transactions = new Transactions(configuration, options.maxAttempts(), options.retryBackoff(), bounds,
                new UnitObserver("training", options.instrumentation()));
        this.queries = new StatementCache(transactions.dsl());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.operation = null;
    }

    /** {@code base} whose units of work are observed as {@code operation}. */
    private TrainingDatabase(TrainingDatabase base, String operation) {
        this.transactions = base.transactions;
        this.queries = base.queries;
        this.options = base.options;
        this.clock = base.clock;
        this.bounds = base.bounds;
        this.router = base.router;
        this.operation = operation;
    }

    public TrainingOptions options() {
        return options;
    }

    /**
     * This database, its units of work observed as {@code operation} ({@code dal.operation}) instead
     * of the entry point's name ({@code inTransaction}, {@code read}, …); it shares everything else.
     * The name becomes a metric tag: give a fixed name per kind of work, never one made of values.
     */
    public TrainingDatabase named(String operation) {
        Objects.requireNonNull(operation, "operation");
        return new TrainingDatabase(this, operation);
    }

    /** Runs {@code work} in one transaction and returns its result; any exception rolls it back. */
    public <T> T inTransaction(TrainingWork<T> work) {
        return unit("inTransaction", work);
    }

    /** One unit of work, observed as this database's {@link #named} operation or else as {@code verb}, the entry point. */
    private <T> T unit(String verb, TrainingWork<T> work) {
        Objects.requireNonNull(work, "work");
        return transactions.run(operation == null ? verb : operation,
                dsl -> work.run(new TrainingTransaction(TrainingSetUp.bounded(dsl, bounds), queries, clock)));
    }

    /**
     * {@link #inTransaction} that also returns the primary's WAL position after the commit: present
     * it to {@link #read} to read this write back, even from a replica.
     */
    public <T> Committed<T> write(TrainingWork<T> work) {
        T value = unit("write", work);
        return new Committed<>(value, transactions.positionAfterCommit());
    }

    /**
     * Runs {@code work} in one read-only transaction (a write in it fails with SQLSTATE 25006): on
     * the read replica if there is one and it serves, else on the primary.
     *
     * @param after a position from {@link #write} whose write this read must see, or null
     */
    public <T> T read(WalPosition after, TrainingWork<T> work) {
        Objects.requireNonNull(work, "work");
        return transactions.read(operation == null ? "read" : operation, router, after,
                dsl -> work.run(new TrainingTransaction(TrainingSetUp.boundedReadOnly(dsl, bounds), queries, clock)));
    }

    /** {@link #read} of whatever the replica has replayed. */
    public <T> T read(TrainingWork<T> work) {
        return read(null, work);
    }

    /** {@link #inTransaction} for work without a result. */
    public void execute(TrainingAction action) {
        Objects.requireNonNull(action, "action");
        unit("execute", tx -> {
            action.run(tx);
            return null;
        });
    }
}
