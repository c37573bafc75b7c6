package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.fleet.NewTransmission;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Bulk ingest of transmissions with JSONB entities: the repository's bulkIngest (as the owner, and
 * as the RLS-bound application role) against a hand-written COPY of the same rows.
 */
@State(Scope.Benchmark)
public class TransmissionIngestBenchmark {

    private static final String APP_ROLE = "dal_bench_app";

    @Param("5000")
    public int rows;

    private HikariDataSource ownerPool;
    private HikariDataSource appPool;
    private FleetDatabase owner;
    private FleetDatabase application;
    private FleetBenchData data;
    private List<NewTransmission> batch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ownerPool = BenchDatabase.pool();
        owner = new FleetDatabase(ownerPool);
        data = new FleetBenchData(owner, "ingest-" + Long.toHexString(System.nanoTime()), 4);
        batch = data.transmissions(0, rows, new Random(7));
        if (!FleetRoles.exists(ownerPool, APP_ROLE)) {
            FleetRoles.createApplicationRole(ownerPool, APP_ROLE, "bench");
        }
        appPool = BenchDatabase.pool(APP_ROLE, "bench");
        application = new FleetDatabase(appPool);
    }

    @Setup(Level.Iteration)
    public void truncate() throws Exception {
        try (Connection connection = ownerPool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE fleet.transmissions");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        appPool.close();
        ownerPool.close();
    }

    @Benchmark
    public long rawCopy() throws Exception {
        return RawTransmissionCopy.copy(ownerPool, data.org, batch);
    }

    @Benchmark
    public int dalBulkIngest() {
        return owner.inTransaction(data.org, FleetBenchData.RECORDER, tx -> tx.transmissions().bulkIngest(batch)).count();
    }

    @Benchmark
    public int dalBulkIngestApplicationRole() {
        return application.inTransaction(data.org, FleetBenchData.RECORDER, tx -> tx.transmissions().bulkIngest(batch)).count();
    }
}
