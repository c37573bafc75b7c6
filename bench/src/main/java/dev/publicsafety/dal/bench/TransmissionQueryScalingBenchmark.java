package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.radio.Transmission;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How search cost grows with data, at 100k and 1M transmissions one second apart: the newest 50
 * mentioning a plate (as common as the demo's: one transmission in 140), the newest 50 whose
 * transcript says a word (as common as the demo tour's "breathing": one in 7), and a one-hour
 * time range on one channel
 * ({@code -p rows=10000000} for 10M, outside CI).
 */
@State(Scope.Benchmark)
public class TransmissionQueryScalingBenchmark {

    @Param({"100000", "1000000"})
    public int rows;

    private HikariDataSource pool;
    private FleetDatabase fleet;
    private FleetBenchData data;
    private OffsetDateTime hourStart;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        pool = BenchDatabase.pool();
        BenchDatabase.truncate(pool, "fleet.transmissions");
        fleet = new FleetDatabase(pool);
        data = new FleetBenchData(fleet, "scaling-" + rows + "-" + Long.toHexString(System.nanoTime()), 8);
        Random random = new Random(5);
        for (int first = 0; first < rows; first += 20_000) {
            int start = first;
            int count = Math.min(20_000, rows - first);
            fleet.execute(data.org, FleetBenchData.RECORDER, tx -> tx.transmissions().bulkIngest(data.transmissions(start, count, random)));
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE fleet.transmissions");
        }
        hourStart = FleetBenchData.T0.plusSeconds(rows / 2);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        BenchDatabase.truncate(pool, "fleet.transmissions"); // leave no million-row table to the next benchmark
        pool.close();
    }

    @Benchmark
    public Page<Transmission> entitySearch() {
        return fleet.inTransaction(data.org, FleetBenchData.RECORDER,
                tx -> tx.transmissions().mentioning("PLATE", FleetBenchData.HOT_PLATE, PageRequest.first(50)));
    }

    @Benchmark
    public Page<Transmission> transcriptSearch() {
        return fleet.inTransaction(data.org, FleetBenchData.RECORDER,
                tx -> tx.transmissions().searchTranscripts(FleetBenchData.COMMON_WORD, PageRequest.first(50)));
    }

    @Benchmark
    public Page<Transmission> timeRange() {
        return fleet.inTransaction(data.org, FleetBenchData.RECORDER,
                tx -> tx.transmissions().channelTraffic(data.channels.get(0), hourStart, hourStart.plusHours(1), PageRequest.first(50)));
    }
}
