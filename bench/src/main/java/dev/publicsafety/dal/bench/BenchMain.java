package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.PgBouncer;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark against a fresh database and prints, for each target of the performance
 * issue, the baseline and data-layer figures measured in this run and their ratio.
 *
 * <pre>java -jar bench/target/bench.jar [--url postgresql://…] [--quick] [--skip-demo] [--pin split|same|none] [--keep-awake] [include regex]</pre>
 *
 * The include regex selects JMH benchmarks by name, and the interleaved comparisons
 * ("TranscriptIngest", "TransmissionIngest", "PointRead", "SingleInsert", "EntryPoint…", "ObservedRead"), the dispatch
 * floor ("DispatchFloor"), the floor through PgBouncer ("PgBouncerFloor") and the demo ("DemoGeneration")
 * by those names.
 *
 * Without {@code --url} (or {@code DAL_BENCH_URL}) it starts an embedded PostgreSQL.
 */
public final class BenchMain {

    /**
     * Issue #28's "above 1.0x" (the audited write, the floor's throughput), as a minimum ratio: the
     * smallest double above 1, so that a tie is MISSED.
     */
    static final double ABOVE_PAR = Math.nextUp(1.0);

    static final List<Comparison> COMPARISONS = List.of(
            new Comparison("transcript ingest (5000 rows/op)", "TranscriptIngest.rawCopy",
                    "TranscriptIngest.dalAppendAll", 0.95, ">= 0.95x raw COPY"),
            new Comparison("transmission ingest, JSONB (5000/op)", "TransmissionIngest.rawBinaryCopy",
                    "TransmissionIngest.dalBulkIngest", 0.95, ">= 0.95x raw binary COPY"),
            new Comparison("  same, vs raw CSV COPY", "TransmissionIngest.rawCopy",
                    "TransmissionIngest.dalBulkIngest", 0.0, "(runs 1-8's baseline)"),
            new Comparison("  same, as the RLS-bound app role", "TransmissionIngest.rawBinaryCopy",
                    "TransmissionIngest.dalBulkIngestApplicationRole", 0.0, "(staging: see docs)"),
            new Comparison("  raw CSV COPY vs raw binary COPY", "TransmissionIngest.rawBinaryCopy",
                    "TransmissionIngest.rawCopy", 0.0, "(the two baselines)"),
            new Comparison("keyset page 1000 vs page 1", "KeysetPaginationBenchmark.page1", "KeysetPaginationBenchmark.page1000",
                    1 / 1.5, "time <= 1.5x page 1"),
            new Comparison("entity search, 1M vs 100k rows", "TransmissionQueryScalingBenchmark.entitySearch[rows=100000]",
                    "TransmissionQueryScalingBenchmark.entitySearch[rows=1000000]", 0.5, "time <= 2x at 10x rows"),
            new Comparison("transcript search, 1M vs 100k rows", "TransmissionQueryScalingBenchmark.transcriptSearch[rows=100000]",
                    "TransmissionQueryScalingBenchmark.transcriptSearch[rows=1000000]", 0.5, "time <= 2x at 10x rows"),
            new Comparison("one-hour time range, 1M vs 100k rows", "TransmissionQueryScalingBenchmark.timeRange[rows=100000]",
                    "TransmissionQueryScalingBenchmark.timeRange[rows=1000000]", 0.0, "(cost growth)"),
            new Comparison("point read by primary key", "PointRead.jdbc", "PointRead.dalRepository", 0.9,
                    ">= 0.9x JDBC"),
            new Comparison("  same query rendered on every call", "PointRead.jdbc", "PointRead.jooqQueryPerCall",
                    0.0, "(for comparison)"),
            new Comparison("single insert, autocommit", "SingleInsert.jdbc", "SingleInsert.dalRepository", 0.9,
                    ">= 0.9x JDBC"),
            new Comparison("  same insert rendered on every call", "SingleInsert.jdbc",
                    "SingleInsert.jooqQueryPerCall", 0.0, "(for comparison)"),
            new Comparison("training point read, README entry point", "EntryPointRead.training.jdbc",
                    "EntryPointRead.training.dal", 0.9, ">= 0.9x JDBC, a tx/call"),
            new Comparison("  same, issue #28's target", "EntryPointRead.training.jdbc",
                    "EntryPointRead.training.dal", 1.0, ">= 1.0x JDBC"),
            new Comparison("training single insert, README entry", "EntryPointInsert.training.jdbc",
                    "EntryPointInsert.training.dal", 0.9, ">= 0.9x JDBC, a tx/call"),
            new Comparison("fleet point read, README entry point", "EntryPointRead.fleet.jdbc",
                    "EntryPointRead.fleet.dal", 0.9, ">= 0.9x JDBC, a tx/call"),
            new Comparison("  same, issue #28's target", "EntryPointRead.fleet.jdbc",
                    "EntryPointRead.fleet.dal", 1.0, ">= 1.0x JDBC"),
            new Comparison("fleet audited insert, README entry", "EntryPointInsert.fleet.jdbc",
                    "EntryPointInsert.fleet.dal", 0.9, ">= 0.9x JDBC, a tx/call"),
            new Comparison("  same, issue #28's target", "EntryPointInsert.fleet.jdbc",
                    "EntryPointInsert.fleet.dal", ABOVE_PAR, "> 1.0x JDBC"),
            new Comparison("fleet read, instrumentation on", "ObservedRead.fleet.jdbc",
                    "ObservedRead.fleet.dal", 0.9, ">= 0.9x JDBC, same spans"),
            new Comparison("  same, vs instrumentation off", "ObservedRead.fleet.dalOff",
                    "ObservedRead.fleet.dal", 0.0, "(what observing costs)"));

    /**
     * How far a --quick ratio may lie from the full run's (docs/benchmarks.md, "--quick and the full
     * run"); a quick verdict that close to its target is flagged as not settled by the quick run.
     */
    static final double QUICK_SPREAD = 0.08;

    private BenchMain() {
    }

    private static String value(String[] args, int at) {
        if (at >= args.length) {
            usageError(args[at - 1] + " needs a value");
        }
        return args[at];
    }

    private static void usageError(String what) {
        System.err.println("bench: " + what + "; usage: bench.jar [--url postgresql://…] [--quick] [--skip-demo] [--pin split|same|none] [--keep-awake] [include regex]");
        System.exit(2);
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv("DAL_BENCH_URL");
        boolean quick = false;
        boolean skipDemo = false;
        boolean keepAwake = false;
        CpuPinning.Layout pin = CpuPinning.Layout.SPLIT;
        Pattern include = Pattern.compile(".*");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = value(args, ++i);
                case "--quick" -> quick = true;
                case "--skip-demo" -> skipDemo = true;
                case "--keep-awake" -> keepAwake = true;
                case "--pin" -> {
                    try {
                        pin = CpuPinning.Layout.parse(value(args, ++i));
                    } catch (IllegalArgumentException e) {
                        usageError(e.getMessage());
                    }
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        // a misspelt option would otherwise be taken for the include pattern and start a run of nothing or of everything
                        usageError("unknown option " + args[i]);
                    }
                    include = Pattern.compile(args[i]);
                }
            }
        }
        int cores = Runtime.getRuntime().availableProcessors(); // before pinning narrows it to one
        EmbeddedServer embedded = null;
        AwakeCpus awake = null;
        DatabaseUrl admin;
        if (url == null) {
            embedded = EmbeddedServer.startTemporary();
            admin = embedded.url("postgres");
        } else {
            admin = DatabaseUrl.parse(url);
        }
        try {
            DatabaseUrl bench = prepare(admin);
            String pinning = CpuPinning.apply(pin, bench);
            if (keepAwake) {
                awake = AwakeCpus.start(cores);
                pinning += "; " + awake.describe();
            }
            System.out.println(pinning);
            System.setProperty(BenchDatabase.URL_PROPERTY, urlProperty(bench));
            Map<String, Double> scores = jmh(bench, include.pattern(), quick);
            List<Interleaved.Score> paired = interleaved(include, quick);
            paired.forEach(score -> scores.put(score.name(), score.opsPerSecond()));
            report(scores, server(bench) + ", " + cores + " cores; " + pinning, quick);
            reportSpread(paired);
            if (include.matcher("DispatchFloor").find()) {
                reportDispatchFloor(quick);
            }
            if (include.matcher("PgBouncerFloor").find()) {
                reportPgBouncerFloor(quick);
            }
            if (!skipDemo && include.matcher("DemoGeneration").find()) {
                reportDemo(bench, quick);
            }
        } finally {
            if (awake != null) {
                awake.close();
            }
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static String urlProperty(DatabaseUrl bench) {
        return "postgresql://" + (bench.user() == null ? "" : bench.user()
                + (bench.password() == null ? "" : ":" + bench.password()) + "@") + bench.host() + ":" + bench.port() + "/" + bench.database();
    }

    /** The JMH benchmarks' scores by "Class.method[param=value]"; none if the include pattern matches none. */
    private static Map<String, Double> jmh(DatabaseUrl bench, String include, boolean quick) throws RunnerException {
        Collection<RunResult> results;
        try {
            results = new Runner(options(bench, include, quick).build()).run();
        } catch (NoBenchmarksException e) {
            return new HashMap<>();
        }
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
            List<String> params = result.getParams().getParamsKeys().stream()
                    .map(key -> key + "=" + result.getParams().getParam(key)).toList();
            scores.put(params.isEmpty() ? label : label + params.toString().replace(", ", ","), result.getPrimaryResult().getScore());
        }
        return scores;
    }

    /** A set of paths measured together, and how: rounds and operations per block, full and --quick. */
    private record Interleaving(String name, Function<HikariDataSource, PathSet> fixture, int rounds, int blockSize, int quickRounds,
                                int quickBlockSize) {
    }

    private static final List<Interleaving> INTERLEAVED = List.of(
            new Interleaving("TranscriptIngest", TranscriptIngestPaths::new, 30, 4, 6, 2),
            new Interleaving("TransmissionIngest", TransmissionIngestPaths::new, 30, 4, 6, 2),
            new Interleaving("PointRead", PointReadPaths::new, 60, 1000, 10, 500),
            new Interleaving("SingleInsert", SingleInsertPaths::new, 60, 1000, 10, 500),
            new Interleaving("EntryPointRead.training", TrainingEntryPointPaths::reads, 40, 500, 10, 250),
            new Interleaving("EntryPointInsert.training", TrainingEntryPointPaths::inserts, 40, 500, 10, 250),
            new Interleaving("EntryPointRead.fleet", FleetEntryPointPaths::reads, 40, 500, 10, 250),
            new Interleaving("EntryPointInsert.fleet", FleetEntryPointPaths::inserts, 40, 500, 10, 250),
            new Interleaving("ObservedRead.fleet", FleetEntryPointPaths::observedReads, 40, 500, 10, 250));

    /** Every path measured against its baseline in alternating blocks (see {@link Interleaved}). */
    private static List<Interleaved.Score> interleaved(Pattern include, boolean quick) throws Exception {
        // 10 s in --quick: with 5 s the first paths measured ran before the JIT had compiled the data layer's side (0.7x against 0.9x in a full run)
        Duration warmup = Duration.ofSeconds(quick ? 10 : 20);
        List<Interleaved.Score> scores = new ArrayList<>();
        try (HikariDataSource pool = BenchDatabase.pool()) {
            for (Interleaving run : INTERLEAVED) {
                if (include.matcher(run.name()).find()) {
                    try (PathSet paths = run.fixture().apply(pool)) {
                        scores.addAll(Interleaved.measure(paths, warmup, quick ? run.quickRounds() : run.rounds(),
                                quick ? run.quickBlockSize() : run.blockSize()));
                    }
                }
            }
        }
        return scores;
    }

    private static ChainedOptionsBuilder options(DatabaseUrl bench, String include, boolean quick) {
        String property = "-D" + BenchDatabase.URL_PROPERTY + "=" + urlProperty(bench);
        return new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(quick ? 2 : 5))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 3 : 5))
                .jvmArgsAppend(property, "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    }

    /** A fresh, migrated, seeded database {@code dal_bench} on the server. */
    private static DatabaseUrl prepare(DatabaseUrl admin) throws Exception {
        try (Connection connection = admin.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS dal_bench WITH (FORCE)");
            statement.execute("CREATE DATABASE dal_bench");
        }
        DatabaseUrl bench = admin.withDatabase("dal_bench");
        MigrationRunner runner = new MigrationRunner(bench.dataSource());
        runner.migrateAll();
        new ScenarioSeeder(bench.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        try (Connection connection = bench.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            // Autovacuum waking up under one benchmark and not its baseline skewed ratios by 20 % or
            // more; the benchmarks ANALYZE what they load themselves.
            for (String table : List.of("fleet.transmissions", "fleet.audit_logs", "training.call_sessions",
                    "training.call_transcripts")) {
                BenchDatabase.disableAutovacuum(statement, table);
            }
        }
        return bench;
    }

    private static String server(DatabaseUrl bench) throws Exception {
        try (Connection connection = bench.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " at " + bench.host() + ":" + bench.port();
        }
    }

    /** The dispatch-floor workload: throughput and p99 latency against raw JDBC at every worker count. */
    private static void reportDispatchFloor(boolean quick) throws Exception {
        Duration slice = Duration.ofSeconds(quick ? 3 : 10);
        int rounds = quick ? 2 : 3;
        List<DispatchFloor.Result> results;
        Duration warmup = Duration.ofSeconds(quick ? 20 : 60);
        try (HikariDataSource owner = BenchDatabase.pool()) {
            results = DispatchFloor.measure(owner, warmup, slice, rounds);
        }
        System.out.println();
        System.out.println("== dispatch floor: " + DispatchFloor.TRANSACTIONS_PER_CYCLE + " transactions per cycle, one organization per worker,"
                + " as the application role; " + warmup.toSeconds() + " s warm-up, then per worker count a warm-up slice and " + rounds
                + " rounds of " + slice.toSeconds() + " s per side");
        // the first verdict of each pair is the floor's first target, the second issue #28's
        System.out.printf("%-8s %12s %12s %7s %-8s %-8s %12s %12s %12s %12s %7s %-8s %s%n", "workers", "raw tx/s", "dal tx/s",
                "ratio", ">= 0.9x", "> 1.0x", "raw p50 µs", "dal p50 µs", "raw p99 µs", "dal p99 µs", "p99", "<= 1.2x", "<= 1.0x");
        for (int i = 0; i < results.size(); i += 2) {
            DispatchFloor.Result raw = results.get(i);
            DispatchFloor.Result dal = results.get(i + 1);
            double throughput = dal.transactionsPerSecond() / raw.transactionsPerSecond();
            double p99 = dal.p99Micros() / raw.p99Micros();
            // p99 <= 1.2x raw is the same test as raw / dal >= 1 / 1.2
            System.out.printf("%-8d %12.0f %12.0f %6.2fx %-8s %-8s %12.0f %12.0f %12.0f %12.0f %6.2fx %-8s %s%n", raw.workers(),
                    raw.transactionsPerSecond(), dal.transactionsPerSecond(), throughput, verdict(throughput, 0.9, quick),
                    verdict(throughput, ABOVE_PAR, quick), raw.p50Micros(), dal.p50Micros(), raw.p99Micros(), dal.p99Micros(), p99,
                    verdict(1 / p99, 1 / 1.2, quick), verdict(1 / p99, 1.0, quick));
        }
        System.out.println("where the time goes, one worker: median µs per transaction of each kind (raw JDBC / dal)");
        DispatchFloor.Result raw = results.get(0);
        DispatchFloor.Result dal = results.get(1);
        raw.byStep().forEach((step, latency) -> System.out.printf("  %-20s %8.0f %8.0f%n", step,
                latency.getValueAtPercentile(50) / 1000.0, dal.byStep().get(step).getValueAtPercentile(50) / 1000.0));
    }

    /** The dispatch floor through PgBouncer against direct (README, "Many instances"); no target, a figure. */
    private static void reportPgBouncerFloor(boolean quick) throws Exception {
        System.out.println();
        if (!PgBouncer.installed()) {
            System.out.println("== dispatch floor through PgBouncer: NOT RUN, PgBouncer is not installed (Debian: apt-get install pgbouncer)");
            return;
        }
        Duration slice = Duration.ofSeconds(quick ? 3 : 10);
        int rounds = quick ? 2 : 3;
        Duration warmup = Duration.ofSeconds(quick ? 20 : 60);
        List<DispatchFloor.Result> results;
        try (HikariDataSource owner = BenchDatabase.pool()) {
            results = DispatchFloor.measureThroughPgBouncer(owner, warmup, slice, rounds);
        }
        DispatchFloor.Result direct = results.get(0);
        System.out.println("== dispatch floor through PgBouncer (transaction pooling, " + DispatchFloor.POOLED_WORKERS
                + " server connections, prepareThreshold=0) against direct: " + DispatchFloor.POOLED_WORKERS + " workers, "
                + DispatchFloor.POOLED_WORKERS * DispatchFloor.CONNECTIONS_PER_WORKER + " client connections per side, through the data"
                + " layer as the application role; " + warmup.toSeconds() + " s warm-up, a warm-up slice and " + rounds + " rounds of "
                + slice.toSeconds() + " s per side; ratios against direct");
        System.out.printf("%-28s %8s %7s %9s %9s %7s%n", "side", "tx/s", "ratio", "p50 µs", "p99 µs", "p99");
        for (DispatchFloor.Result side : results) {
            System.out.printf("%-28s %8.0f %6.2fx %9.0f %9.0f %6.2fx%n", side.side(), side.transactionsPerSecond(),
                    side.transactionsPerSecond() / direct.transactionsPerSecond(), side.p50Micros(), side.p99Micros(),
                    side.p99Micros() / direct.p99Micros());
        }
    }

    /** Demo generation's transmissions rate against raw COPY of as many rows into the same empty table, loaded just before and just after it. */
    private static void reportDemo(DatabaseUrl bench, boolean quick) throws Exception {
        double scale = quick ? 2 : 20;
        System.out.println();
        long transmissions = (long) (50_000 * scale);
        System.out.println("== demo generation at scale " + scale + " (about " + transmissions + " transmissions), as the application role,"
                + " against raw COPY of as many rows");
        // Raw COPY before and after the demo: consecutive 1M-row loads on the same server differed by
        // up to 20 %, so the demo is compared with the two loads that bracket it.
        DemoGenerationRate.Result before = DemoGenerationRate.rawCopy(transmissions);
        DemoGenerationRate.Result demo = DemoGenerationRate.measure(bench, scale);
        DemoGenerationRate.Result after = DemoGenerationRate.rawCopy(transmissions);
        double copyRate = (before.transmissions() + after.transmissions()) / (before.seconds() + after.seconds());
        double ratio = demo.rowsPerSecond() / copyRate;
        System.out.printf("%-40s %14.0f %14.0f %7.2fx  %-26s %s%n", "demo transmissions, rows/s", copyRate,
                demo.rowsPerSecond(), ratio, ">= 0.8x COPY rate", verdict(ratio, 0.8, quick));
        System.out.printf("(raw COPY: %d rows in %.1f s before the demo, %.1f s after; demo: %d transmissions in %.1f s)%n",
                before.transmissions(), before.seconds(), after.seconds(), demo.transmissions(), demo.seconds());
    }

    private static void report(Map<String, Double> scores, String server, boolean quick) {
        System.out.println();
        System.out.println("== DAL vs baseline, measured in this run (" + server + (quick ? "; --quick" : "") + ")");
        System.out.printf("%-40s %14s %14s %8s  %-26s %s%n", "measure", "baseline op/s", "dal op/s", "ratio", "target", "");
        for (Comparison c : COMPARISONS) {
            Double base = scores.get(c.baseline());
            Double dal = scores.get(c.dal());
            if (base == null || dal == null) {
                continue;
            }
            double ratio = dal / base;
            System.out.printf("%-40s %14.1f %14.1f %7.2fx  %-26s %s%n", c.name(), base, dal, ratio, c.target(),
                    c.minimumRatio() <= 0 ? "" : verdict(ratio, c.minimumRatio(), quick));
        }
    }

    /** MET or MISSED; in --quick, flagged when the ratio is within the quick run's spread of the target. */
    static String verdict(double ratio, double minimum, boolean quick) {
        String verdict = ratio >= minimum ? "MET" : "MISSED";
        if (quick && Math.abs(ratio - minimum) < QUICK_SPREAD * minimum) {
            verdict += " (within --quick spread: confirm with a full run)";
        }
        return verdict;
    }

    private static void reportSpread(List<Interleaved.Score> scores) {
        if (scores.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("== each round's ratio to its baseline (quartiles over the rounds); the client's CPU time and allocation"
                + " per operation, on the measuring thread");
        for (Interleaved.Score score : scores) {
            System.out.printf("%-40s q1 %.2fx  median %.2fx  q3 %.2fx  client %6.1f us %8.0f B%n", score.name(), score.q1Ratio(),
                    score.medianRatio(), score.q3Ratio(), score.clientCpuMicros(), score.clientBytes());
        }
    }
}
