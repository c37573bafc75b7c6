package dev.publicsafety.dal.bench;

/**
 * One target of the performance issue: the data layer's benchmark against its baseline, measured
 * in the same run. Scores are JMH throughput (operations per second); {@code minimumRatio} is
 * dal ÷ baseline. For "no slower than" targets on latency the baseline is the fast case.
 */
record Comparison(String name, String baseline, String dal, double minimumRatio, String target) {
}
