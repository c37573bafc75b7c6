package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.fleet.demo.FleetDemoGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the demo fleet at a scale and reads the transmissions rate its progress bar reports
 * ("in 38.2 s, 26,178/s"): the demo's own code path, as the RLS-bound application role, exactly as
 * {@code dal demo} runs it. JMH is the wrong tool for a single multi-minute run.
 */
final class DemoGenerationRate {

    private static final Pattern RATE = Pattern.compile("transmissions .*? in ([0-9.]+) s, ([0-9,]+)/s");

    record Result(long transmissions, double seconds, double rowsPerSecond) {
    }

    private DemoGenerationRate() {
    }

    static Result measure(DatabaseUrl owner, double scale) {
        String role = "dal_bench_demo";
        if (!FleetRoles.exists(owner.dataSource(), role)) {
            FleetRoles.createApplicationRole(owner.dataSource(), role, "bench");
        }
        DatabaseUrl app = new DatabaseUrl(owner.host(), owner.port(), owner.database(), role, "bench", owner.parameters());
        StringWriter progress = new StringWriter();
        new FleetDemoGenerator(new FleetDatabase(app.dataSource()), 42, scale, OffsetDateTime.now(ZoneOffset.UTC),
                new PrintWriter(progress, true)).generate();
        Matcher matcher = RATE.matcher(progress.toString());
        if (!matcher.find()) {
            throw new IllegalStateException("the demo generator reported no transmissions rate: " + progress);
        }
        double seconds = Double.parseDouble(matcher.group(1));
        double rate = Double.parseDouble(matcher.group(2).replace(",", ""));
        return new Result(Math.round(rate * seconds), seconds, rate);
    }
}
