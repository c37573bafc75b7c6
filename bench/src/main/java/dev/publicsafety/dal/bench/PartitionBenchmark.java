package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dispatch screens' queries on monthly partitions against the same schema with one partition
 * (the DEFAULT one, holding every row: nothing to prune, one index per index), over a year of
 * traffic from {@link YearOfTraffic}, measured in one run in alternating blocks; with {@code --big}
 * also monthly partitions at 10,000,000 transmissions, against their cost at the smaller size.
 * Then where the time goes (planning against execution, from pg_stat_statements when the server
 * preloads it with track_planning on), and retention of a month: DELETE against DETACH
 * CONCURRENTLY against DETACH, with the longest wait of a concurrent write.
 *
 * <pre>java -cp bench/target/bench.jar dev.publicsafety.dal.bench.PartitionBenchmark [--url postgresql://…]
 *     [--rows N] [--big] [--generic] [--parallel P] [--reuse] [--no-retention | --retention-only]</pre>
 *
 * Default 1,000,000 rows over four organizations (the measured one has about half); {@code --reuse}
 * measures databases a previous run loaded (retention changes them: run it last, or with
 * {@code --no-retention}; {@code --retention-from M} starts it at month M, 0-11, of the year, and
 * {@code --retention-only} skips the queries). {@code --generic} adds the monthly database once more through connections with
 * {@code plan_cache_mode=force_generic_plan} (each prepared statement planned once per connection). The
 * loader connects as the URL's user, which must be a superuser. Without
 * {@code --url} (or {@code DAL_BENCH_URL}) it starts an embedded PostgreSQL.
 */
public final class PartitionBenchmark {

    private static final int QUERIES = 400;
    private static final int BLOCK = 20;
    private static final int WARMUP = 40;
    private static final int ORGANIZATIONS = 4;
    private static final OffsetDateTime END = FleetBenchData.T0.plusYears(1);

    /** One database: its layout, size and the fixture's measured organization. */
    private record Layout(String name, long rows, DatabaseUrl url, HikariDataSource pool, FleetDatabase fleet,
                          YearOfTraffic.Organization org, List<UUID> incidents) {
    }

    /** A dispatch-screen query; {@code q} picks the window or the entity of the q-th call. */
    private record DispatchQuery(String name, QueryCall call) {
    }

    @FunctionalInterface
    private interface QueryCall {
        void run(Layout layout, int q);
    }

    private static final List<OffsetDateTime> HOURS = new ArrayList<>();

    static {
        Random windows = new Random(11);
        for (int q = 0; q < QUERIES; q++) {
            HOURS.add(FleetBenchData.T0.plusHours(windows.nextInt(YearOfTraffic.HOURS)));
        }
    }

    private static final List<DispatchQuery> DISPATCH_SCREEN = List.of(
            new DispatchQuery("channel's newest page (last 24 h)", (l, q) -> l.fleet().inTransaction(l.org().id(), FleetBenchData.RECORDER,
                    tx -> tx.transmissions().channelTraffic(l.org().channels().get(0), END.minusHours(24), END, PageRequest.first(50)))),
            new DispatchQuery("channel, one-hour window", (l, q) -> l.fleet().inTransaction(l.org().id(), FleetBenchData.RECORDER,
                    tx -> tx.transmissions().channelTraffic(l.org().channels().get(0), HOURS.get(q), HOURS.get(q).plusHours(1),
                            PageRequest.first(50)))),
            new DispatchQuery("open incidents", (l, q) -> l.fleet().inTransaction(l.org().id(), FleetBenchData.RECORDER,
                    tx -> tx.incidents().openByPriority(PageRequest.first(50)))),
            new DispatchQuery("a dispatcher's open tasks", (l, q) -> l.fleet().inTransaction(l.org().id(), FleetBenchData.RECORDER,
                    tx -> tx.tasks().openFor(l.org().dispatchers().get(q % 5), PageRequest.first(50)))),
            new DispatchQuery("entity search (hot plate)", (l, q) -> l.fleet().inTransaction(l.org().id(), FleetBenchData.RECORDER,
                    tx -> tx.transmissions().mentioning("PLATE", FleetBenchData.HOT_PLATE, PageRequest.first(50)))),
            new DispatchQuery("transcript search (common word)", (l, q) -> l.fleet().inTransaction(l.org().id(), FleetBenchData.RECORDER,
                    tx -> tx.transmissions().searchTranscripts(FleetBenchData.COMMON_WORD, PageRequest.first(50)))),
            new DispatchQuery("an incident's audit trail", (l, q) -> l.fleet().inTransaction(l.org().id(), FleetBenchData.RECORDER,
                    tx -> tx.auditLogs().forEntity("incidents", l.incidents().get(q % l.incidents().size()), PageRequest.first(50)))));

    private PartitionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv("DAL_BENCH_URL");
        long rows = 1_000_000;
        boolean big = false;
        boolean reuse = false;
        boolean retention = true;
        int parallel = 2;
        boolean generic = false;
        boolean queries = true;
        int retentionFrom = 0; // the first of the three months retention removes, 0 = January
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--big" -> big = true;
                case "--parallel" -> parallel = Integer.parseInt(args[++i]);
                case "--reuse" -> reuse = true;
                case "--no-retention" -> retention = false;
                case "--generic" -> generic = true;
                case "--retention-only" -> queries = false;
                case "--retention-from" -> retentionFrom = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; see the class comment");
            }
        }
        EmbeddedServer embedded = url == null ? EmbeddedServer.startTemporary() : null;
        DatabaseUrl admin = embedded != null ? embedded.url("postgres") : DatabaseUrl.parse(url);
        List<Layout> layouts = new ArrayList<>();
        try {
            layouts.add(layout(admin, "plain", rows, false, parallel, reuse, false));
            layouts.add(layout(admin, "monthly", rows, true, parallel, reuse, false));
            if (generic) {
                layouts.add(layout(admin, "monthly", rows, true, parallel, true, true));
            }
            if (big) {
                layouts.add(layout(admin, "monthly", 10_000_000, true, parallel, reuse, false));
            }
            System.out.println();
            System.out.println("== " + server(layouts.get(0)) + "; " + Runtime.getRuntime().availableProcessors() + " cores; the "
                    + "measured organization holds " + layouts.stream().map(l -> l.org().transmissions() + " (" + l.name() + ")").toList()
                    + " of the transmissions; as the owner");
            if (queries) {
                reportQueries(layouts);
                reportWhereTimeGoes(layouts);
            }
            if (retention) {
                reportRetention(layouts.get(layouts.size() - 1), retentionFrom); // the largest
            }
        } finally {
            for (Layout layout : layouts) {
                layout.pool().close();
            }
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static String label(String layout, long rows) {
        return layout + " " + (rows % 1_000_000 == 0 ? rows / 1_000_000 + "M" : rows);
    }

    /** A database of one layout, loaded with {@code rows} transmissions (or, with {@code reuse}, as a previous run loaded it). */
    private static Layout layout(DatabaseUrl admin, String name, long rows, boolean monthly, int parallel, boolean reuse,
                                 boolean genericPlans) throws Exception {
        String database = "dal_bench_" + name + "_" + rows;
        boolean exists;
        try (Connection connection = admin.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT FROM pg_database WHERE datname = '" + database + "'")) {
                exists = rs.next();
            }
            if (!(reuse && exists)) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + database);
            }
        }
        DatabaseUrl url = admin.withDatabase(database);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(Math.max(4, parallel + 1));
        if (genericPlans) {
            // what a deployment would put in its JDBC URL: every prepared statement planned once per connection
            config.addDataSourceProperty("options", "-c plan_cache_mode=force_generic_plan");
        }
        HikariDataSource pool = new HikariDataSource(config);
        FleetDatabase fleet = new FleetDatabase(pool);
        String slug = "year-" + name + "-" + rows;
        YearOfTraffic.Organization org;
        if (reuse && exists) {
            new MigrationRunner(pool).migrateAll(); // migrations added since the load (indexes) apply to the loaded rows
            org = organization(pool, slug + "-0");
            System.out.println(label(name, rows) + ": reusing " + database);
        } else {
            new MigrationRunner(pool).migrateAll();
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                for (String table : List.of("transmissions", "audit_logs")) {
                    partitionForTheYear(statement, table, monthly);
                }
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            YearOfTraffic.Loaded loaded = YearOfTraffic.load(pool, fleet, slug, rows, ORGANIZATIONS, parallel);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                BenchDatabase.disableAutovacuum(statement, "fleet.transmissions");
                BenchDatabase.disableAutovacuum(statement, "fleet.audit_logs");
            }
            org = loaded.organizations().get(0);
            System.out.printf("%s: loaded %d transmissions in %.1f s (%s partitions, %d connections):%n", label(name, rows), rows,
                    loaded.seconds(), monthly ? "monthly" : "one DEFAULT", parallel);
            loaded.phases().forEach((phase, seconds) -> System.out.printf("  %-52s %7.1f s%n", phase, seconds));
            System.out.println("  " + sizes(pool));
        }
        return new Layout(label(name, rows) + (genericPlans ? " generic" : ""), rows, url, pool, fleet, org, incidents(pool, org.id()));
    }

    /**
     * Monthly: a partition per month of the year and one below it (the migration's partitions from
     * the current month on and its DEFAULT stay). One: the DEFAULT partition alone.
     */
    private static void partitionForTheYear(Statement statement, String table, boolean monthly) throws SQLException {
        List<String> partitions = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'fleet." + table + "'::regclass AND c.relname <> '" + table + "_default'"
                + (monthly ? " AND c.relname LIKE '" + table + "\\_before\\_%'" : ""))) {
            while (rs.next()) {
                partitions.add(rs.getString(1));
            }
        }
        for (String partition : partitions) {
            statement.execute("ALTER TABLE fleet." + table + " DETACH PARTITION fleet." + partition + "; DROP TABLE fleet." + partition);
        }
        if (monthly) {
            statement.execute("SELECT fleet.create_partition('fleet." + table + "', NULL, '" + FleetBenchData.T0 + "')");
            for (OffsetDateTime m = FleetBenchData.T0; m.isBefore(END); m = m.plusMonths(1)) {
                statement.execute("SELECT fleet.create_partition('fleet." + table + "', '" + m + "', '" + m.plusMonths(1) + "')");
            }
        }
    }

    private static YearOfTraffic.Organization organization(HikariDataSource pool, String slug) throws SQLException {
        try (Connection c = pool.getConnection()) {
            UUID org = uuids(c, "SELECT id FROM fleet.organizations WHERE slug = ?", slug).get(0);
            List<UUID> channels = uuids(c, "SELECT id FROM fleet.radio_channels WHERE org_id = ?::uuid"
                    + " ORDER BY substring(name FROM '[0-9]+')::int", org.toString());
            List<UUID> dispatchers = uuids(c, "SELECT id FROM fleet.users WHERE org_id = ?::uuid"
                    + " ORDER BY substring(display_name FROM '[0-9]+')::int", org.toString());
            long count;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM fleet.transmissions WHERE org_id = ?")) {
                s.setObject(1, org);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                }
            }
            return new YearOfTraffic.Organization(org, channels, dispatchers, count);
        }
    }

    /** A sample of the organization's incidents, the same for every run of a database. */
    private static List<UUID> incidents(HikariDataSource pool, UUID org) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return uuids(c, "SELECT id FROM fleet.incidents WHERE org_id = ?::uuid ORDER BY md5(id::text) LIMIT " + QUERIES, org.toString());
        }
    }

    private static List<UUID> uuids(Connection c, String sql, String parameter) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /**
     * Each layout against the first (plain) at the same size (partitioned >= 1.0x), and a larger one
     * against the second (monthly) at the smaller size (<= 1.2x its cost).
     */
    private static void reportQueries(List<Layout> layouts) {
        System.out.println();
        System.out.println("== dispatch-screen queries: median ms (quartiles) of " + QUERIES + " calls per layout, a transaction each,"
                + " first page of 50, alternating blocks of " + BLOCK + " after " + WARMUP + " warm-up calls");
        StringBuilder header = new StringBuilder(String.format("%-36s %20s", "query", layouts.get(0).name()));
        for (Layout layout : layouts.subList(1, layouts.size())) {
            header.append(String.format(" %24s %7s %-7s", layout.name(), "ratio", layout.rows() > layouts.get(0).rows() ? "<= 1.2x" : ">= 1.0x"));
        }
        System.out.println(header);
        for (DispatchQuery query : DISPATCH_SCREEN) {
            double[][] quartiles = measure(layouts, query);
            StringBuilder line = new StringBuilder(String.format("%-36s %20s", query.name(), format(quartiles[0])));
            for (int i = 1; i < layouts.size(); i++) {
                if (layouts.get(i).rows() > layouts.get(0).rows()) {
                    double growth = quartiles[i][0] / quartiles[1][0];
                    line.append(String.format(" %24s %6.2fx %-7s", format(quartiles[i]), growth, BenchMain.verdict(1 / growth, 1 / 1.2, false)));
                } else {
                    double ratio = quartiles[0][0] / quartiles[i][0];
                    line.append(String.format(" %24s %6.2fx %-7s", format(quartiles[i]), ratio, BenchMain.verdict(ratio, 1.0, false)));
                }
            }
            System.out.println(line);
        }
        System.out.println("ratio: " + layouts.get(0).name() + " time / the layout's time (above 1: partitioned is faster); for "
                + "10M: its time / " + layouts.get(1).name() + " time");
    }

    /** Per layout: median, first and third quartile of the call's time in ms. */
    private static double[][] measure(List<Layout> layouts, DispatchQuery query) {
        for (Layout layout : layouts) {
            for (int q = 0; q < WARMUP; q++) {
                query.call().run(layout, q);
            }
        }
        int n = layouts.size();
        double[][] times = new double[n][QUERIES];
        for (int first = 0, block = 0; first < QUERIES; first += BLOCK, block++) {
            for (int k = 0; k < n; k++) {
                int i = (block + k) % n;
                for (int q = first; q < first + BLOCK; q++) {
                    long t0 = System.nanoTime();
                    query.call().run(layouts.get(i), q);
                    times[i][q] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double[][] quartiles = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] sorted = times[i].clone();
            Arrays.sort(sorted);
            quartiles[i] = new double[] {sorted[QUERIES / 2], sorted[QUERIES / 4], sorted[QUERIES * 3 / 4]};
        }
        return quartiles;
    }

    /**
     * For each query and layout, the statement that took the most time in 100 calls, from
     * pg_stat_statements: how often it was planned (fewer plans than calls: a cached plan was
     * reused) and its mean planning and execution time.
     */
    private static void reportWhereTimeGoes(List<Layout> layouts) throws SQLException {
        System.out.println();
        try (Connection c = layouts.get(0).pool().getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT pg_stat_statements_reset()").close();
            s.executeQuery("SELECT sum(total_plan_time) FROM pg_stat_statements").close();
        } catch (SQLException e) {
            System.out.println("== where the time goes: NOT MEASURED, the server does not preload pg_stat_statements with track_planning ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
            return;
        }
        System.out.println("== where the time goes: the costliest statement of 100 calls (pg_stat_statements): calls, plans, mean ms"
                + " planning + execution");
        for (DispatchQuery query : DISPATCH_SCREEN) {
            StringBuilder line = new StringBuilder(String.format("%-36s", query.name()));
            for (Layout layout : layouts) {
                try (Connection c = layout.pool().getConnection(); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT pg_stat_statements_reset()").close();
                    for (int q = 0; q < 100; q++) {
                        query.call().run(layout, q);
                    }
                    try (ResultSet rs = s.executeQuery("SELECT calls, plans, total_plan_time / greatest(plans, 1),"
                            + " total_exec_time / calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database"
                            + " WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'"
                            + " ORDER BY total_plan_time + total_exec_time DESC LIMIT 1")) {
                        if (rs.next()) {
                            line.append(String.format("  %s: %d calls, %d plans, %.3f + %.3f", layout.name(), rs.getLong(1), rs.getLong(2),
                                    rs.getDouble(3), rs.getDouble(4)));
                        }
                    }
                }
            }
            System.out.println(line);
        }
    }

    /**
     * Retention of the oldest months of the monthly layout, three ways, each while a concurrent writer
     * records a transmission into the newest month in a loop: DELETE of the first month's transmissions
     * (the mentions go with them, by trigger), DETACH … CONCURRENTLY and DROP of the second, DETACH and
     * DROP of the third (what dal partitions does). Reported: rows, seconds, the longest write meanwhile,
     * and a statement the server refused.
     */
    private static void reportRetention(Layout layout, int first) throws Exception {
        System.out.println();
        System.out.println("== retention on " + layout.name() + ": a month of transmissions, while one writer records transmissions"
                + " into the newest month");
        System.out.printf("%-44s %10s %10s %22s%n", "how", "rows", "seconds", "longest write, ms");
        OffsetDateTime from = FleetBenchData.T0.plusMonths(first);
        String[] months = {partitionSuffix(from), partitionSuffix(from.plusMonths(1)), partitionSuffix(from.plusMonths(2))};
        retain(layout, "DELETE (" + months[0] + ")", months[0], List.of("DELETE FROM fleet.transmissions WHERE started_at >= '" + from
                + "' AND started_at < '" + from.plusMonths(1) + "'"));
        retain(layout, "DETACH CONCURRENTLY + DROP (" + months[1] + ")", months[1], List.of(
                "ALTER TABLE fleet.transmissions DETACH PARTITION fleet.transmissions_" + months[1] + " CONCURRENTLY",
                "DROP TABLE fleet.transmissions_" + months[1]));
        retain(layout, "DETACH + DROP, as dal partitions (" + months[2] + ")", months[2], List.of(
                "ALTER TABLE fleet.transmissions DETACH PARTITION fleet.transmissions_" + months[2],
                "DROP TABLE fleet.transmissions_" + months[2]));
        System.out.println("(DETACH leaves the month's rows in fleet.transmission_mentions, which is not partitioned; the entity"
                + " search joins them to no transmission. DELETE removes them by trigger.)");
    }

    private static String partitionSuffix(OffsetDateTime month) {
        return String.format("%04d_%02d", month.getYear(), month.getMonthValue());
    }

    private static void retain(Layout layout, String how, String month, List<String> statements) throws Exception {
        long rows;
        try (Connection c = layout.pool().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM fleet.transmissions_" + month)) {
            rs.next();
            rows = rs.getLong(1);
        }
        AtomicBoolean done = new AtomicBoolean();
        long[] longest = new long[1];
        int[] writes = new int[2]; // done, failed
        Thread writer = new Thread(() -> {
            int i = 0;
            while (!done.get()) {
                OffsetDateTime at = END.minusMinutes(5).plusNanos(i++ * 1000L);
                long t0 = System.nanoTime();
                try {
                    layout.fleet().execute(layout.org().id(), FleetBenchData.RECORDER, tx -> tx.transmissions().record(
                            NewTransmission.of(layout.org().channels().get(0), at, at.plusSeconds(5))));
                    writes[0]++;
                } catch (RuntimeException e) {
                    writes[1]++;
                }
                longest[0] = Math.max(longest[0], System.nanoTime() - t0);
            }
        });
        writer.start();
        Thread.sleep(200);
        long t0 = System.nanoTime();
        String refused = null;
        try (Connection c = layout.pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '60s'");
            for (String sql : statements) {
                s.execute(sql);
            }
            s.execute("RESET lock_timeout");
        } catch (SQLException e) {
            refused = e.getMessage().lines().findFirst().orElse("");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(200);
        done.set(true);
        writer.join(60_000);
        System.out.printf("%-44s %10d %10.2f %22.1f   (%d writes, %d failed)%s%n", how, rows, seconds, longest[0] / 1e6, writes[0], writes[1],
                refused == null ? "" : "  REFUSED: " + refused);
    }

    private static String format(double[] quartiles) {
        return String.format("%.2f (%.2f-%.2f)", quartiles[0], quartiles[1], quartiles[2]);
    }

    private static String sizes(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database())),"
                     + " (SELECT count(*) FROM fleet.incidents), (SELECT count(*) FROM fleet.tasks), (SELECT count(*) FROM fleet.audit_logs),"
                     + " (SELECT count(*) FROM fleet.transmission_mentions)")) {
            rs.next();
            return "database " + rs.getString(1) + "; " + rs.getLong(2) + " incidents, " + rs.getLong(3) + " tasks, " + rs.getLong(4)
                    + " audit rows, " + rs.getLong(5) + " mentions";
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
