package dev.publicsafety.dal.bench;

/**
 * One target of the performance issue: the data layer's benchmark against its baseline, measured
 * in the same run. Scores are throughput (operations per second, from JMH or {@link Interleaved}); {@code minimumRatio} is the
 * lowest acceptable dal ÷ baseline, 0 for figures reported without a target. A latency target
 * ("page 1000 takes at most 1.5x page 1") is the throughput ratio's inverse (at least 1/1.5).
 */
record Comparison(String name, String baseline, String dal, double minimumRatio, String target) {
}
