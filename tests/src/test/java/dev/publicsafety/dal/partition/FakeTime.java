package dev.publicsafety.dal.partition;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves the clock of this test JVM and of the PostgreSQL server it started, together: both run
 * under libfaketime (Debian package {@code faketime}) reading the offset from the file named by
 * {@code FAKETIME_TIMESTAMP_FILE}, which the {@code calendar} Maven profile sets for the tests
 * tagged {@value #TAG}. Each process reads the file on every clock read ({@code FAKETIME_NO_CACHE}):
 * with a cache, a pooled server connection was seen to go on with the old time after a move.
 */
final class FakeTime {

    /** The tag of tests that need it; the default test run leaves them out. */
    static final String TAG = "server-clock";

    private static final Duration REREAD = Duration.ofMillis(100);

    private final Path file;
    private long offsetSeconds;

    private FakeTime(Path file) {
        this.file = file;
    }

    /** The clock of this JVM, back at the real time; fails when libfaketime is not in play. */
    static FakeTime start() {
        String file = System.getenv("FAKETIME_TIMESTAMP_FILE");
        String preload = String.valueOf(System.getenv("LD_PRELOAD"));
        if (file == null || !preload.contains("faketime")) {
            fail("tests tagged '" + TAG + "' move the server's clock with libfaketime: run them through the 'calendar' Maven"
                    + " profile (active where /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 exists: apt-get install faketime)");
        }
        FakeTime time = new FakeTime(Path.of(file));
        time.write(0);
        Instant before = Instant.now();
        time.write(86_400);
        Duration moved = Duration.between(before, Instant.now());
        assertTrue(moved.compareTo(Duration.ofHours(23)) > 0, "libfaketime did not move this JVM's clock (moved " + moved + ")");
        time.write(0);
        return time;
    }

    /** Sets both clocks to {@code target}, from where they run on. */
    void moveTo(Instant target) {
        write(offsetSeconds + Duration.between(Instant.now(), target).getSeconds());
    }

    private void write(long seconds) {
        try {
            Files.writeString(file, (seconds < 0 ? "" : "+") + seconds + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        offsetSeconds = seconds;
        try {
            Thread.sleep(REREAD.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the clocks move", e);
        }
    }
}
