package dev.publicsafety.dal.training;

import java.time.Clock;
import org.jooq.DSLContext;

/**
 * One database transaction of the training domain, handed to the lambda of
 * {@link TrainingDatabase#inTransaction}. Its repositories work in this transaction; it is valid
 * only inside the lambda.
 */
public final class TrainingTransaction {

    private final DSLContext dsl;
    private final TrainingQueries queries;
    private final Clock clock;
    private ScenarioRepository scenarios;
    private CallSessionRepository sessions;
    private TranscriptRepository transcripts;
    private ExtractedEntityRepository entities;
    private PerformanceMetricRepository metrics;

    TrainingTransaction(DSLContext dsl, TrainingQueries queries, Clock clock) {
        this.dsl = dsl;
        this.queries = queries;
        this.clock = clock;
    }

    /** The transaction's jOOQ context, for queries the repositories do not offer. */
    public DSLContext dsl() {
        return dsl;
    }

    public ScenarioRepository scenarios() {
        return scenarios == null ? scenarios = new ScenarioRepository(dsl) : scenarios;
    }

    public CallSessionRepository sessions() {
        return sessions == null ? sessions = new CallSessionRepository(dsl, clock, queries) : sessions;
    }

    public TranscriptRepository transcripts() {
        return transcripts == null ? transcripts = new TranscriptRepository(dsl, queries) : transcripts;
    }

    public ExtractedEntityRepository entities() {
        return entities == null ? entities = new ExtractedEntityRepository(dsl) : entities;
    }

    public PerformanceMetricRepository metrics() {
        return metrics == null ? metrics = new PerformanceMetricRepository(dsl) : metrics;
    }
}
