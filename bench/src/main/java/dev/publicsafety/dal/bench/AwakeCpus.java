package dev.publicsafety.dal.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every CPU of this machine from halting while the bench runs ({@code --keep-awake}): one
 * busy loop per CPU at the lowest scheduling class ({@code chrt -i 0}, SCHED_IDLE), which runs only
 * when nothing else wants the CPU and yields to any thread that wakes.
 *
 * <p>Why: on the VM this project is measured on, a thread waiting on a socket lets its virtual CPU
 * halt, and a path that waits once for 250 µs (the audited insert's one statement) measured slower
 * than one waiting four times for 100 µs, though it sends fewer messages and does less work on both
 * sides; with the CPUs kept awake it measured faster. The likely cause, inferred and not traced: the
 * hypervisor polls a halted CPU for a short while (KVM's {@code halt_poll_ns}, 200 µs by default)
 * and then really sleeps it. Kept awake, every path wakes as on an application server busy with
 * other requests (docs/benchmarks.md, "Awake CPUs").
 */
final class AwakeCpus implements AutoCloseable {

    private final List<Process> loops;

    private AwakeCpus(List<Process> loops) {
        this.loops = loops;
    }

    /** One idle-class loop pinned to each of {@code cpus} CPUs; fails if {@code chrt} or {@code taskset} cannot start it. */
    static AwakeCpus start(int cpus) throws IOException, InterruptedException {
        List<Process> loops = new ArrayList<>();
        AwakeCpus awake = new AwakeCpus(loops);
        try {
            for (int cpu = 0; cpu < cpus; cpu++) {
                loops.add(new ProcessBuilder("chrt", "-i", "0", "taskset", "-c", Integer.toString(cpu), "sh", "-c", "while :; do :; done")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            Thread.sleep(200);
            if (!loops.stream().allMatch(Process::isAlive)) {
                throw new IOException("a busy loop exited at once");
            }
        } catch (IOException e) {
            awake.close();
            throw new IOException("--keep-awake needs chrt and taskset (util-linux): " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(awake::close));
        return awake;
    }

    /** What the report says about it. */
    String describe() {
        return loops.size() + " CPUs kept awake by idle-class busy loops (--keep-awake)";
    }

    @Override
    public void close() {
        loops.forEach(Process::destroy);
    }
}
