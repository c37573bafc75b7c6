package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.partition.PartitionMaintenance;
import dev.publicsafety.dal.partition.PartitionMaintenance.Retention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
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
 *     [--rows N] [--big] [--generic] [--parallel P] [--until 2026-12-07T01:00:00Z] [--reuse]
 *     [--no-retention | --retention-only]</pre>
 *
 * Default 1,000,000 rows over four organizations (the measured one has about half; 10M rows are forty
 * organizations, the measured one as large as at 1M), over the year
 * that ends at the start of the current hour ({@code --until} pins its end, a whole hour, for a
 * reproducible run); {@code --reuse} measures databases a previous run loaded, over the year they
 * hold (the hours up to the one after their newest transmission; with {@code --until}, it must be
 * that one). Retention changes them: run it last, or with {@code --no-retention};
 * {@code --retention-from M} starts it at month M of the months the year touches (0, the default, is the
 * first, partial unless the year starts on the 1st; every older month must be gone already), and
 * {@code --retention-only} skips the queries. {@code --generic} adds the monthly database once more through connections with
 * {@code plan_cache_mode=force_generic_plan} (each prepared statement planned once per connection). The
 * loader connects as the URL's user, which must be a superuser. Without
 * {@code --url} (or {@code DAL_BENCH_URL}) it starts an embedded PostgreSQL.
 */
public final class PartitionBenchmark {

    private static final int QUERIES = 400;
    private static final int BLOCK = 20;
    private static final int WARMUP = 40;
    /**
     * A group of four organizations per million transmissions: at every size the measured one holds the
     * same traffic (480,000 a year), so that a larger database is more tenants, not a busier tenant whose
     * pages, open incidents and tasks grow with it.
     */
    private static final long ROWS_PER_GROUP = 1_000_000;

    /** One database: its layout, size, the year it holds and the fixture's measured organization. */
    private record Layout(String name, long rows, DatabaseUrl url, HikariDataSource pool, FleetDatabase fleet,
                          YearOfTraffic.Year year, YearOfTraffic.Organization org, List<UUID> incidents) {

        /** The start of the q-th call's one-hour window: the same hours of the year for every layout and run. */
        OffsetDateTime window(int q) {
            return year.hour(WINDOWS.get(q));
        }
    }

    /** A dispatch-screen query; {@code q} picks the window or the entity of the q-th call. */
    private record DispatchQuery(String name, QueryCall call) {
    }

    @FunctionalInterface
    private interface QueryCall {
        void run(Layout layout, int q);
    }

    private static final List<Integer> WINDOWS = new Random(11).ints(QUERIES, 0, YearOfTraffic.HOURS).boxed().toList();

    private static final List<DispatchQuery> DISPATCH_SCREEN = List.of(
            new DispatchQuery("channel's newest page (last 24 h)", (l, q) -> l.fleet().inTransaction(l.org().id(), FleetBenchData.RECORDER,
                    tx -> tx.transmissions().channelTraffic(l.org().channels().get(0), l.year().end().minusHours(24), l.year().end(),
                            PageRequest.first(50)))),
            new DispatchQuery("channel, one-hour window", (l, q) -> l.fleet().inTransaction(l.org().id(), FleetBenchData.RECORDER,
                    tx -> tx.transmissions().channelTraffic(l.org().channels().get(0), l.window(q), l.window(q).plusHours(1),
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
        int retentionFrom = 0; // the first of the three months retention removes, 0 = the year's first
        Clock clock = Clock.systemUTC();
        boolean pinned = false;
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
                case "--until" -> {
                    clock = Clock.fixed(Instant.parse(args[++i]), ZoneOffset.UTC);
                    pinned = true;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; see the class comment");
            }
        }
        EmbeddedServer embedded = url == null ? EmbeddedServer.startTemporary() : null;
        DatabaseUrl admin = embedded != null ? embedded.url("postgres") : DatabaseUrl.parse(url);
        List<Layout> layouts = new ArrayList<>();
        try {
            // every layout holds the same year: the first one loaded or reused decides it, unless --until did
            YearOfTraffic.Year year = pinned ? YearOfTraffic.Year.endingAt(clock) : null;
            layouts.add(layout(admin, "plain", rows, false, parallel, reuse, false, year, clock));
            year = layouts.get(0).year();
            layouts.add(layout(admin, "monthly", rows, true, parallel, reuse, false, year, clock));
            if (generic) {
                layouts.add(layout(admin, "monthly", rows, true, parallel, true, true, year, clock));
            }
            if (big) {
                layouts.add(layout(admin, "monthly", 10_000_000, true, parallel, reuse, false, year, clock));
            }
            System.out.println();
            System.out.println("== " + server(layouts.get(0)) + "; " + Runtime.getRuntime().availableProcessors() + " cores; the year "
                    + year.start() + " to " + year.end() + "; the measured organization holds " + layouts.stream().map(l -> l.org().transmissions() + " (" + l.name() + ")").toList()
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

    /**
     * A database of one layout, loaded with {@code rows} transmissions of {@code year} (null: the year
     * ending at the current hour by {@code clock}), or, with {@code reuse}, as a previous run loaded it,
     * which must then hold {@code year} if one is given.
     */
    private static Layout layout(DatabaseUrl admin, String name, long rows, boolean monthly, int parallel, boolean reuse,
                                 boolean genericPlans, YearOfTraffic.Year year, Clock clock) throws Exception {
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
        YearOfTraffic.Year held;
        if (reuse && exists) {
            new MigrationRunner(pool).migrateAll(); // migrations added since the load (indexes) apply to the loaded rows
            org = organization(pool, slug + "-0");
            held = yearHeld(pool);
            if (year != null && !year.equals(held)) {
                pool.close();
                throw new IllegalStateException(database + " holds the year to " + held.end() + ", not to " + year.end()
                        + ": run without --reuse, or with --until " + held.end());
            }
            System.out.println(label(name, rows) + ": reusing " + database);
        } else {
            held = year != null ? year : YearOfTraffic.Year.endingAt(clock);
            new MigrationRunner(pool).migrateAll();
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                for (String table : List.of("transmissions", "audit_logs")) {
                    partitionForTheYear(statement, table, monthly, held);
                }
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            YearOfTraffic.Loaded loaded = YearOfTraffic.load(pool, fleet, held, slug, rows,
                    YearOfTraffic.GROUP * (int) Math.max(1, rows / ROWS_PER_GROUP), parallel);
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
        return new Layout(label(name, rows) + (genericPlans ? " generic" : ""), rows, url, pool, fleet, held, org,
                incidents(pool, org.id()));
    }

    /** The year a loaded database holds: the hours up to the one after its newest transmission. */
    private static YearOfTraffic.Year yearHeld(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT date_trunc('hour', max(started_at) AT TIME ZONE 'UTC') + interval '1 hour'"
                     + " FROM fleet.transmissions")) {
            rs.next();
            return YearOfTraffic.Year.endingAt(rs.getObject(1, LocalDateTime.class).atOffset(ZoneOffset.UTC));
        }
    }

    /**
     * Monthly: a partition per month the year touches and one below it (the migration's partitions from
     * the current month on and its DEFAULT stay). One: the DEFAULT partition alone.
     */
    private static void partitionForTheYear(Statement statement, String table, boolean monthly, YearOfTraffic.Year year)
            throws SQLException {
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
            List<OffsetDateTime> months = year.months();
            statement.execute("SELECT fleet.create_partition('fleet." + table + "', NULL, '" + months.get(0) + "')");
            for (OffsetDateTime m : months) {
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
     * records a transmission into the newest month in a loop: what {@code dal partitions retain} does
     * ({@link PartitionMaintenance#applyRetention}: the month's mentions deleted, then DETACH and DROP,
     * in one transaction) on the first month, DELETE of the second month's transmissions (the mentions
     * go with them, by trigger), DETACH … CONCURRENTLY and DROP of the third, by hand. Reported: rows,
     * seconds, the longest write meanwhile, a statement the server refused, and the month's mention rows
     * left behind.
     */
    private static void reportRetention(Layout layout, int first) throws Exception {
        System.out.println();
        System.out.println("== retention on " + layout.name() + ": a month of transmissions, while one writer records transmissions"
                + " into the newest month");
        System.out.printf("%-44s %10s %10s %22s%n", "how", "rows", "seconds", "longest write, ms");
        List<OffsetDateTime> months = layout.year().months().subList(first, first + 3);
        PartitionMaintenance maintenance = new PartitionMaintenance(layout.pool(),
                Clock.fixed(months.get(0).plusMonths(2).toInstant(), ZoneOffset.UTC));
        retain(layout, "dal partitions retain (" + partitionSuffix(months.get(0)) + ")", months.get(0),
                c -> maintenance.applyRetention(new Retention(OptionalInt.of(1), OptionalInt.empty(), false)));
        retain(layout, "DELETE (" + partitionSuffix(months.get(1)) + ")", months.get(1), c -> execute(c,
                "DELETE FROM fleet.transmissions WHERE started_at >= '" + months.get(1) + "' AND started_at < '" + months.get(2) + "'"));
        String third = "fleet.transmissions_" + partitionSuffix(months.get(2));
        retain(layout, "DETACH CONCURRENTLY + DROP (" + partitionSuffix(months.get(2)) + ")", months.get(2), c -> execute(c,
                "ALTER TABLE fleet.transmissions DETACH PARTITION " + third + " CONCURRENTLY", "DROP TABLE " + third));
        System.out.println("(by hand, DETACH leaves the month's rows in fleet.transmission_mentions, which is not partitioned;"
                + " the entity search joins them to no transmission)");
    }

    private static String partitionSuffix(OffsetDateTime month) {
        return String.format("%04d_%02d", month.getYear(), month.getMonthValue());
    }

    @FunctionalInterface
    private interface Retaining {
        void run(Connection connection) throws SQLException;
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '60s'");
            for (String sql : statements) {
                s.execute(sql);
            }
            s.execute("RESET lock_timeout");
        }
    }

    private static void retain(Layout layout, String how, OffsetDateTime month, Retaining work) throws Exception {
        String range = "started_at >= '" + month + "' AND started_at < '" + month.plusMonths(1) + "'";
        long rows = count(layout, "SELECT count(*) FROM fleet.transmissions WHERE " + range);
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean(); // the writes before retention starts warm the path up
        long[] longest = new long[1];
        int[] writes = new int[2]; // done, failed
        Thread writer = new Thread(() -> {
            int i = 0;
            while (!done.get()) {
                OffsetDateTime at = layout.year().end().minusMinutes(5).plusNanos(i++ * 1000L);
                boolean counted = measuring.get();
                long t0 = System.nanoTime();
                try {
                    layout.fleet().execute(layout.org().id(), FleetBenchData.RECORDER, tx -> tx.transmissions().record(
                            NewTransmission.of(layout.org().channels().get(0), at, at.plusSeconds(5))));
                    writes[0]++;
                } catch (RuntimeException e) {
                    writes[1]++;
                }
                if (counted) {
                    longest[0] = Math.max(longest[0], System.nanoTime() - t0);
                }
            }
        });
        writer.start();
        Thread.sleep(200);
        measuring.set(true);
        long t0 = System.nanoTime();
        String refused = null;
        try (Connection c = layout.pool().getConnection()) {
            work.run(c);
        } catch (SQLException | RuntimeException e) {
            refused = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(200);
        done.set(true);
        writer.join(60_000);
        long orphans = count(layout, "SELECT count(*) FROM fleet.transmission_mentions WHERE " + range);
        System.out.printf("%-44s %10d %10.2f %22.1f   (%d writes, %d failed; %d mention rows left)%s%n", how, rows, seconds,
                longest[0] / 1e6, writes[0], writes[1], orphans, refused == null ? "" : "  REFUSED: " + refused);
    }

    private static long count(Layout layout, String query) throws SQLException {
        try (Connection c = layout.pool().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
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
