package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.connect.DatabaseUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts the benchmark JVMs and the PostgreSQL server on fixed CPUs with {@code taskset}.
 *
 * <p>Unpinned, on the 2-core VM this project is measured on, a one-row round trip took either about
 * 20 µs (client and server backend on one CPU) or about 100 µs (on two CPUs, where each message
 * wakes the other, halted, virtual CPU), and the scheduler moved between the two from one JMH fork
 * to the next: the same JDBC baseline measured 10,000 to 13,000 op/s in consecutive runs, and a
 * ratio taken across two forks meant little. Pinned, each layout is repeatable:
 * {@link Layout#SPLIT} (the default) is an application and its database on different cores, as in
 * production; {@link Layout#SAME} shares one core, so that every microsecond of client CPU shows.
 */
final class CpuPinning {

    enum Layout {
        SPLIT, SAME, NONE;

        static Layout parse(String value) {
            for (Layout layout : values()) {
                if (layout.name().equalsIgnoreCase(value)) {
                    return layout;
                }
            }
            throw new IllegalArgumentException("--pin takes split, same or none, not '" + value + "'");
        }
    }

    private CpuPinning() {
    }

    /**
     * Pins this JVM (and so every JMH fork it starts) to CPU 0 and the server to CPU 1 or 0. Returns
     * what was done, or why nothing was, for the report.
     */
    static String apply(Layout layout, DatabaseUrl server) {
        if (layout == Layout.NONE) {
            return "not pinned (--pin none)";
        }
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return "not pinned: one CPU";
        }
        Optional<Long> postmaster = localPostmaster(server);
        if (postmaster.isEmpty()) {
            return "not pinned: the server's processes are not on this machine";
        }
        int serverCpu = layout == Layout.SPLIT ? 1 : 0;
        List<Long> serverProcesses = new ArrayList<>(List.of(postmaster.get()));
        ProcessHandle.of(postmaster.get()).ifPresent(p -> p.children().forEach(child -> serverProcesses.add(child.pid())));
        try {
            taskset(0, ProcessHandle.current().pid());
            for (long pid : serverProcesses) {
                taskset(serverCpu, pid);
            }
        } catch (IOException e) {
            return "not pinned: " + e.getMessage();
        }
        return "pinned: benchmark JVMs on CPU 0, PostgreSQL on CPU " + serverCpu + " (--pin " + layout.name().toLowerCase() + ")";
    }

    /** The postmaster is the parent of our own backend, if that backend runs on this machine. */
    private static Optional<Long> localPostmaster(DatabaseUrl server) {
        try {
            if (!InetAddress.getByName(server.host()).isLoopbackAddress()) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        try (Connection connection = server.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            Path status = Path.of("/proc", rs.getString(1), "status");
            if (!Files.exists(status)) {
                return Optional.empty();
            }
            return Files.readAllLines(status).stream().filter(line -> line.startsWith("PPid:"))
                    .map(line -> Long.parseLong(line.substring(5).trim())).findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Every thread of {@code pid}; threads and processes it starts later inherit the mask. */
    private static void taskset(int cpu, long pid) throws IOException {
        Process process = new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(cpu), Long.toString(pid))
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException("taskset on process " + pid + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning process " + pid, e);
        }
    }
}
