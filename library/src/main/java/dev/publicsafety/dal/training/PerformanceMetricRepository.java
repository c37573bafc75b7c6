package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static dev.publicsafety.dal.generated.training.Tables.PERFORMANCE_METRICS;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;

import dev.publicsafety.dal.error.InvalidInputException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/** Operator performance measurements, recorded per session and summarized per operator. */
public final class PerformanceMetricRepository {

    private final DSLContext ctx;

    /** Works inside whatever transaction {@code ctx} is in; {@link TrainingDatabase} is the usual way to get one. */
    public PerformanceMetricRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Records {@code value} for {@code metricName} in a session, measured now. */
    public UUID record(UUID sessionId, String metricName, double value) {
        if (metricName == null || metricName.isBlank()) {
            throw new InvalidInputException("metricName", "metricName is required");
        }
        if (metricName.length() > 100) {
            throw new InvalidInputException("metricName", "metricName is longer than 100 characters");
        }
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("value", "metric '" + metricName + "' must be a finite number, was " + value);
        }
        return ctx.insertInto(PERFORMANCE_METRICS)
                .set(PERFORMANCE_METRICS.SESSION_ID, sessionId)
                .set(PERFORMANCE_METRICS.METRIC_NAME, metricName)
                .set(PERFORMANCE_METRICS.METRIC_VALUE, value)
                .returning(PERFORMANCE_METRICS.ID)
                .fetchOne(PERFORMANCE_METRICS.ID);
    }

    /**
     * Per metric, the count, average, minimum and maximum of one operator's measurements taken in
     * {@code [from, to)}, by metric name.
     */
    public List<MetricAggregate> operatorAggregates(String operatorId, OffsetDateTime from, OffsetDateTime to) {
        return ctx.select(PERFORMANCE_METRICS.METRIC_NAME, count(), avg(PERFORMANCE_METRICS.METRIC_VALUE),
                        min(PERFORMANCE_METRICS.METRIC_VALUE), max(PERFORMANCE_METRICS.METRIC_VALUE))
                .from(PERFORMANCE_METRICS)
                .join(CALL_SESSIONS).on(CALL_SESSIONS.ID.eq(PERFORMANCE_METRICS.SESSION_ID))
                .where(CALL_SESSIONS.OPERATOR_ID.eq(operatorId))
                .and(PERFORMANCE_METRICS.MEASURED_AT.ge(from))
                .and(PERFORMANCE_METRICS.MEASURED_AT.lt(to))
                .groupBy(PERFORMANCE_METRICS.METRIC_NAME)
                .orderBy(PERFORMANCE_METRICS.METRIC_NAME)
                .fetch(r -> new MetricAggregate(r.value1(), r.value2(), r.value3().doubleValue(), r.value4(), r.value5()));
    }
}
