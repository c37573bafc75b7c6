package dev.publicsafety.dal.training;

/** One metric of one operator summarized over a time window. */
public record MetricAggregate(String metricName, int samples, double average, double minimum, double maximum) {
}
