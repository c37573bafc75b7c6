package dev.publicsafety.dal.training;

import dev.publicsafety.dal.internal.StatementCache;
import java.time.Clock;
import org.jooq.DSLContext;

/**
 * One database transaction of the training domain, handed to the lambda of
 * {@link TrainingDatabase#inTransaction}. Its repositories work in this transaction; it is valid
 * only inside the lambda.
 */
public final class TrainingTransaction {

    private final TrainingSetUp setUp;
    private final StatementCache queries;
    private final Clock clock;
    private ScenarioRepository scenarios;
    private CallSessionRepository sessions;
    private TranscriptRepository transcripts;
    private ExtractedEntityRepository entities;
    private PerformanceMetricRepository metrics;

    TrainingTransaction(TrainingSetUp setUp, StatementCache queries, Clock clock) {
        this.setUp = setUp;
        this.queries = queries;
        this.clock = clock;
    }

    /** The transaction's jOOQ context, for queries the repositories do not offer (its set-up sent first). */
    public DSLContext dsl() {
        return setUp.dsl();
    }

    public ScenarioRepository scenarios() {
        return scenarios == null ? scenarios = new ScenarioRepository(setUp.dsl()) : scenarios;
    }

    public CallSessionRepository sessions() {
        return sessions == null ? sessions = new CallSessionRepository(setUp, clock, queries) : sessions;
    }

    public TranscriptRepository transcripts() {
        return transcripts == null ? transcripts = new TranscriptRepository(setUp, queries) : transcripts;
    }

    public ExtractedEntityRepository entities() {
        return entities == null ? entities = new ExtractedEntityRepository(setUp.dsl()) : entities;
    }

    public PerformanceMetricRepository metrics() {
        return metrics == null ? metrics = new PerformanceMetricRepository(setUp.dsl()) : metrics;
    }
}
