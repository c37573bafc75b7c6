package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Monthly partitions (fleet V6) against the same table unpartitioned (fleet V5), measured in one run:
 * bulk ingest of N transmissions spread over the twelve months before the current one (the same
 * 20,000-row batches, alternating between the two databases), then channel queries bounded to one
 * hour and to one month (the same random windows, alternating blocks). The partitioned database
 * has one partition per month, as a year of 'dal partitions create' leaves it.
 *
 * <pre>java -cp bench/target/bench.jar dev.publicsafety.dal.bench.PartitionBenchmark [--url postgresql://…] [--rows N | --big]</pre>
 *
 * Default 1,000,000 rows; {@code --big} is 10,000,000 (outside CI: disk and time). Without
 * {@code --url} (or {@code DAL_BENCH_URL}) it starts an embedded PostgreSQL.
 */
public final class PartitionBenchmark {

    private static final int BATCH = 20_000;
    private static final int QUERIES = 400;
    private static final int BLOCK = 20;

    private record Layout(String name, DatabaseUrl url, HikariDataSource pool, FleetDatabase fleet, FleetBenchData data) {
    }

    private PartitionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv("DAL_BENCH_URL");
        int rows = 1_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--big" -> rows = 10_000_000;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; see the class comment");
            }
        }
        EmbeddedServer embedded = url == null ? EmbeddedServer.startTemporary() : null;
        DatabaseUrl admin = embedded != null ? embedded.url("postgres") : DatabaseUrl.parse(url);
        OffsetDateTime month = OffsetDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime start = month.minusMonths(12);
        Duration spacing = Duration.between(start, month).dividedBy(rows);
        try {
            Layout flat = layout(admin, "dal_bench_unpartitioned", "5", start);
            Layout monthly = layout(admin, "dal_bench_partitioned", "6", start);
            List<Layout> both = List.of(flat, monthly);
            System.out.println(server(flat) + "; " + rows + " transmissions from " + start + " to " + month + ", 8 channels");

            long[] ingestNanos = new long[2];
            Random[] randoms = {new Random(7), new Random(7)};
            for (int first = 0, batch = 0; first < rows; first += BATCH, batch++) {
                int from = first;
                int count = Math.min(BATCH, rows - first);
                for (int k = 0; k < 2; k++) {
                    int i = (batch + k) % 2; // alternate which layout goes first
                    Layout layout = both.get(i);
                    List<NewTransmission> rowsOfBatch = layout.data().transmissions(from, count, randoms[i], start, spacing);
                    long t0 = System.nanoTime();
                    layout.fleet().execute(layout.data().org, FleetBenchData.RECORDER, tx -> tx.transmissions().bulkIngest(rowsOfBatch));
                    ingestNanos[i] += System.nanoTime() - t0;
                }
            }
            for (Layout layout : both) {
                execute(layout.pool(), "VACUUM ANALYZE fleet.transmissions");
            }

            Random windows = new Random(11);
            List<OffsetDateTime> hours = new ArrayList<>();
            List<OffsetDateTime> months = new ArrayList<>();
            for (int q = 0; q < QUERIES; q++) {
                hours.add(start.plusHours(windows.nextInt(24 * 360)));
                months.add(start.plusMonths(windows.nextInt(12)));
            }
            double[][] hour = measure(both, hours, Duration.ofHours(1));
            double[][] wholeMonth = measure(both, months, null);

            System.out.printf("%-32s %14s %14s %10s%n", "", flat.name(), monthly.name(), "ratio");
            System.out.printf("%-32s %14.0f %14.0f %9.2fx%n", "bulk ingest, rows/s", rows / (ingestNanos[0] / 1e9),
                    rows / (ingestNanos[1] / 1e9), ingestNanos[0] / (double) ingestNanos[1]);
            report("one-hour channel query, ms", hour);
            report("one-month channel query, ms", wholeMonth);
            System.out.println("ratio: unpartitioned time / partitioned time (above 1: partitioned is faster);"
                    + " query times are medians (quartiles) of " + QUERIES + " queries, first page of 50");
            for (Layout layout : both) {
                layout.pool().close();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** A fresh database migrated to {@code fleetVersion}; at V6, one partition per month from {@code start} on. */
    private static Layout layout(DatabaseUrl admin, String database, String fleetVersion, OffsetDateTime start) throws SQLException {
        try (Connection connection = admin.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        DatabaseUrl url = admin.withDatabase(database);
        new MigrationRunner(url.dataSource()).migrateTo(Domain.FLEET, fleetVersion);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(2);
        HikariDataSource pool = new HikariDataSource(config);
        if (fleetVersion.equals("6")) {
            String before;
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                         + " WHERE i.inhparent = 'fleet.transmissions'::regclass AND c.relname LIKE 'transmissions\\_before\\_%'")) {
                rs.next();
                before = rs.getString(1);
            }
            execute(pool, "ALTER TABLE fleet.transmissions DETACH PARTITION fleet." + before + "; DROP TABLE fleet." + before
                    + "; SELECT fleet.create_partition('fleet.transmissions', NULL, '" + start + "')");
            for (OffsetDateTime m = start; m.isBefore(start.plusMonths(12)); m = m.plusMonths(1)) {
                execute(pool, "SELECT fleet.create_partition('fleet.transmissions', '" + m + "', '" + m.plusMonths(1) + "')");
            }
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            BenchDatabase.disableAutovacuum(statement, "fleet.transmissions"); // both ANALYZEd after the load
        }
        FleetDatabase fleet = new FleetDatabase(pool);
        String name = fleetVersion.equals("6") ? "partitioned" : "unpartitioned";
        return new Layout(name, url, pool, fleet, new FleetBenchData(fleet, "partitions-" + name, 8));
    }

    /** Per layout: median, first and third quartile of the query time in ms, in alternating blocks. */
    private static double[][] measure(List<Layout> both, List<OffsetDateTime> windows, Duration length) {
        Function<OffsetDateTime, OffsetDateTime> end = from -> length == null ? from.plusMonths(1) : from.plus(length);
        for (Layout layout : both) { // warm-up: plans, caches
            for (int q = 0; q < 50; q++) {
                query(layout, windows.get(q), end.apply(windows.get(q)));
            }
        }
        double[][] times = new double[2][windows.size()];
        for (int first = 0, block = 0; first < windows.size(); first += BLOCK, block++) {
            for (int k = 0; k < 2; k++) {
                int i = (block + k) % 2;
                for (int q = first; q < Math.min(first + BLOCK, windows.size()); q++) {
                    long t0 = System.nanoTime();
                    query(both.get(i), windows.get(q), end.apply(windows.get(q)));
                    times[i][q] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double[][] quartiles = new double[2][];
        for (int i = 0; i < 2; i++) {
            double[] sorted = times[i].clone();
            Arrays.sort(sorted);
            quartiles[i] = new double[] {sorted[sorted.length / 2], sorted[sorted.length / 4], sorted[sorted.length * 3 / 4]};
        }
        return quartiles;
    }

    private static void query(Layout layout, OffsetDateTime from, OffsetDateTime to) {
        layout.fleet().inTransaction(layout.data().org, FleetBenchData.RECORDER,
                tx -> tx.transmissions().channelTraffic(layout.data().channels.get(0), from, to, PageRequest.first(50)));
    }

    private static void report(String what, double[][] quartiles) {
        System.out.printf("%-32s %14s %14s %9.2fx%n", what, format(quartiles[0]), format(quartiles[1]), quartiles[0][0] / quartiles[1][0]);
    }

    private static String format(double[] quartiles) {
        return String.format("%.2f (%.2f-%.2f)", quartiles[0], quartiles[1], quartiles[2]);
    }

    private static void execute(javax.sql.DataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String server(Layout layout) throws SQLException {
        try (Connection connection = layout.pool().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " at " + layout.url().host() + ":" + layout.url().port();
        }
    }
}
