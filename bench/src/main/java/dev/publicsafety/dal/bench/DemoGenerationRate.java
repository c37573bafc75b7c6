package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.cli.demo.FleetDemoGenerator;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the demo fleet at a scale and reads the transmissions rate its progress bar reports
 * ("in 38.2 s, 26,178/s"): the demo's own code path, as the RLS-bound application role, exactly as
 * {@code dal demo} runs it. Its baseline is raw COPY of as many transmissions into the same empty
 * table, batch by batch: index upkeep grows with the table, so a rate measured on a 5,000-row table
 * is not the rate of loading a million. JMH is the wrong tool for single multi-minute runs.
 */
final class DemoGenerationRate {

    private static final Pattern RATE = Pattern.compile("transmissions .*? in ([0-9.]+) s, ([0-9,]+)/s");

    record Result(long transmissions, double seconds, double rowsPerSecond) {
    }

    private static final int BATCH = 5000;

    private DemoGenerationRate() {
    }

    /** Raw COPY of {@code count} transmissions in batches of 5,000 into the emptied table, then emptied again. */
    static Result rawCopy(long count) throws Exception {
        try (HikariDataSource pool = BenchDatabase.pool()) {
            BenchDatabase.truncate(pool, "fleet.transmissions");
            FleetBenchData data = new FleetBenchData(new FleetDatabase(pool), "copy-" + Long.toHexString(System.nanoTime()), 8);
            Random random = new Random(11);
            long start = System.nanoTime();
            long copied = 0;
            while (copied < count) {
                int size = (int) Math.min(BATCH, count - copied);
                copied += RawTransmissionCopy.copy(pool, data.org, data.transmissions((int) copied, size, random));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            BenchDatabase.truncate(pool, "fleet.transmissions");
            return new Result(copied, seconds, copied / seconds);
        }
    }

    static Result measure(DatabaseUrl owner, double scale) {
        StringWriter progress = new StringWriter();
        // A pool of 4, as dal demo has: without one, every batch paid for a new connection and a cold backend.
        try (ApplicationRole app = ApplicationRole.create(new TestDatabase(owner), 4)) {
            new FleetDemoGenerator(new FleetDatabase(app.dataSource()), 42, scale, OffsetDateTime.now(ZoneOffset.UTC),
                    new PrintWriter(progress, true)).generate();
        }
        Matcher matcher = RATE.matcher(progress.toString());
        if (!matcher.find()) {
            throw new IllegalStateException("the demo generator reported no transmissions rate: " + progress);
        }
        double seconds = Double.parseDouble(matcher.group(1));
        double rate = Double.parseDouble(matcher.group(2).replace(",", ""));
        return new Result(Math.round(rate * seconds), seconds, rate);
    }
}
