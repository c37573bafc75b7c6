package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedReplicaPair;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The read-replica path's cost against the primary for a point read: starts its own primary and
 * streaming standby ({@link EmbeddedReplicaPair}) on this machine, so it measures what routing adds
 * on the client and the round trips it makes, not what a replica on its own hardware takes off the
 * primary.
 *
 * <pre>java -cp bench/target/bench.jar dev.publicsafety.dal.bench.ReplicaReadBench [--quick]</pre>
 */
public final class ReplicaReadBench {

    private static final String DATABASE = "dal_replica_bench";
    private static final String ROLE = "dal_bench_app";
    private static final String PASSWORD = "bench";

    private ReplicaReadBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        try (EmbeddedReplicaPair pair = EmbeddedReplicaPair.start()) {
            try (Connection connection = pair.primary("postgres").dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            new MigrationRunner(pair.primary(DATABASE).dataSource()).migrateAll();
            FleetRoles.createApplicationRole(pair.primary(DATABASE).dataSource(), ROLE, PASSWORD);
            try (HikariDataSource primary = pool(pair.primary(DATABASE), "primary");
                 HikariDataSource replica = pool(pair.replica(DATABASE), "replica");
                 ReplicaReadPaths paths = new ReplicaReadPaths(primary, replica)) {
                pair.awaitCaughtUp();
                List<Interleaved.Score> scores = Interleaved.measure(paths, Duration.ofSeconds(quick ? 5 : 20),
                        quick ? 10 : 40, quick ? 200 : 500);
                report(scores, quick);
            }
        }
    }

    private static HikariDataSource pool(DatabaseUrl superuser, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(superuser.jdbcUrl());
        config.setUsername(ROLE);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(1000); // a replica that is down must not hold a read for long
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    private static void report(List<Interleaved.Score> scores, boolean quick) {
        System.out.println();
        System.out.println("== fleet point read by id, as the application role; ratio to inTransaction on the primary,"
                + " measured in this run" + (quick ? " (--quick)" : ""));
        System.out.printf("%-45s %10s %8s   %s%n", "path", "op/s", "ratio", "per-round ratio q1 / median / q3");
        double baseline = scores.get(0).opsPerSecond();
        for (Interleaved.Score score : scores) {
            System.out.printf("%-45s %10.1f %7.2fx   %.2fx / %.2fx / %.2fx%n", score.name(), score.opsPerSecond(),
                    score.opsPerSecond() / baseline, score.q1Ratio(), score.medianRatio(), score.q3Ratio());
        }
    }
}
