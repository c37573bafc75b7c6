package dev.publicsafety.dal.training;

import dev.publicsafety.dal.internal.Transactions;
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
    private final TrainingQueries queries;
    private final Clock clock;

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

    TrainingDatabase(Configuration configuration, TrainingOptions options, Clock clock) {
        Objects.requireNonNull(options, "options");
        this.transactions = new Transactions(configuration, options.maxAttempts(), options.retryBackoff());
        this.queries = TrainingQueries.render(transactions.dsl());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs {@code work} in one transaction and returns its result; any exception rolls it back. */
    public <T> T inTransaction(TrainingWork<T> work) {
        Objects.requireNonNull(work, "work");
        return transactions.run(dsl -> work.run(new TrainingTransaction(dsl, queries, clock)));
    }

    /** {@link #inTransaction} for work without a result. */
    public void execute(TrainingAction action) {
        Objects.requireNonNull(action, "action");
        inTransaction(tx -> {
            action.run(tx);
            return null;
        });
    }
}
