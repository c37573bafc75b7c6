package dev.publicsafety.dal.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One client slot: a {@link ChaosClient} JVM, started again after it is killed. Remembers every
 * process's lifetime, so the checker can tell a reconnect from a restart.
 */
final class ClientProcess {

    /** When one process of this slot ran (epoch milliseconds); {@code end} is {@code Long.MAX_VALUE} while it runs. */
    record Life(long start, long end) {
        boolean covers(long at) {
            return start <= at && at < end;
        }
    }

    private static final long EXIT_TIMEOUT_SECONDS = 30;

    final int index;
    final Path settings;
    final Path acks;
    private final Path log;
    private final long seed;
    private final Clock clock;
    private final List<Life> lives = new ArrayList<>();
    private Process process;
    private int unexpectedExits;

    ClientProcess(int index, Path directory, long seed, Clock clock) {
        this.index = index;
        this.settings = directory.resolve("client-" + index + ".properties");
        this.acks = directory.resolve("client-" + index + ".acks");
        this.log = directory.resolve("client-" + index + ".log");
        this.seed = seed;
        this.clock = clock;
    }

    void start() {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), ChaosClient.class.getName(),
                settings.toString(), acks.toString(), String.valueOf(seed + 7919L * lives.size())));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start chaos client " + index + ": " + e.getMessage(), e);
        }
        lives.add(new Life(clock.millis(), Long.MAX_VALUE));
    }

    /** {@code kill -9}, then a new process in its place. */
    void killAndRestart() throws InterruptedException {
        stop(true);
        start();
    }

    /** Starts a process that ended on its own (which no client should) again, and counts it. */
    void restartIfExited() {
        if (!process.isAlive()) {
            unexpectedExits++;
            ended();
            start();
        }
    }

    /** Ends the process: SIGKILL if {@code kill}, else SIGTERM; waits for it. */
    void stop(boolean kill) throws InterruptedException {
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        ended();
    }

    private void ended() {
        Life last = lives.remove(lives.size() - 1);
        lives.add(new Life(last.start(), clock.millis()));
    }

    List<Life> lives() {
        return List.copyOf(lives);
    }

    int unexpectedExits() {
        return unexpectedExits;
    }

    int starts() {
        return lives.size();
    }
}
