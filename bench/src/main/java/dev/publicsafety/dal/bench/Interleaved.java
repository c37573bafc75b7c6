package dev.publicsafety.dal.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures data-layer paths and their baseline in alternating blocks of operations in one JVM.
 *
 * <p>Used for every ratio against a raw baseline. Measured one JMH fork after another, throughput
 * drifted by 15 % between iterations of the same fork on this VM (JIT and GC sharing the client's
 * CPU, checkpoints on the server's), more than the few per cent being compared. Alternating blocks
 * (each round runs every path once, the first path rotating) puts the same drift on every path,
 * and the spread of the per-round ratios shows how far to trust the result.
 *
 * <p>Each path's CPU time and allocation on the measuring thread are reported too: the client's
 * share of an operation (the rest is the server's work and the round trips), and what it leaves
 * the garbage collector, whose pauses fall on the operations but not on their thread's CPU time.
 */
final class Interleaved {

    interface Operation {
        void run() throws Exception;
    }

    record Path(String name, Operation operation) {
    }

    /**
     * Throughput over all rounds, each round's ratio to the first path (the baseline) as quartiles,
     * and the measuring thread's CPU time (microseconds) and allocation (bytes) per operation.
     */
    record Score(String name, double opsPerSecond, double q1Ratio, double medianRatio, double q3Ratio, double clientCpuMicros,
                 double clientBytes) {
    }

    /** HotSpot's thread bean, which also counts allocated bytes; the bench runs on HotSpot JVMs only. */
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Interleaved() {
    }

    static List<Score> measure(PathSet set, Duration warmup, int rounds, int blockSize) throws Exception {
        List<Path> paths = set.paths();
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < warmupEnd) {
            set.beforeRound();
            for (Path path : paths) {
                block(path, blockSize);
            }
        }
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
        long[][] nanos = new long[paths.size()][rounds];
        long[] cpuNanos = new long[paths.size()];
        long[] bytes = new long[paths.size()];
        for (int round = 0; round < rounds; round++) {
            set.beforeRound();
            for (int k = 0; k < paths.size(); k++) {
                int p = (round + k) % paths.size();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long bytesStart = THREADS.getCurrentThreadAllocatedBytes();
                nanos[p][round] = block(paths.get(p), blockSize);
                cpuNanos[p] += THREADS.getCurrentThreadCpuTime() - cpuStart;
                bytes[p] += THREADS.getCurrentThreadAllocatedBytes() - bytesStart;
            }
        }
        List<Score> scores = new ArrayList<>();
        for (int p = 0; p < paths.size(); p++) {
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = (double) nanos[0][round] / nanos[p][round];
            }
            Arrays.sort(ratios);
            double opsPerSecond = (double) rounds * blockSize / (Arrays.stream(nanos[p]).sum() / 1e9);
            double operations = (double) rounds * blockSize;
            scores.add(new Score(paths.get(p).name(), opsPerSecond, ratios[rounds / 4], ratios[rounds / 2], ratios[3 * rounds / 4],
                    cpuNanos[p] / 1e3 / operations, bytes[p] / operations));
        }
        return scores;
    }

    private static long block(Path path, int size) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < size; i++) {
            path.operation().run();
        }
        return System.nanoTime() - start;
    }
}
