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
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A channel's traffic, 50 per page, newest first: page 1 against page 1000 (keyset, so both should cost the same). */
@State(Scope.Benchmark)
public class KeysetPaginationBenchmark {

    static final int PAGE = 50;
    private static final int ROWS = 60_000;

    private HikariDataSource pool;
    private FleetDatabase fleet;
    private FleetBenchData data;
    private UUID channel;
    private OffsetDateTime from;
    private OffsetDateTime to;
    private PageRequest page1000;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        pool = BenchDatabase.pool();
        fleet = new FleetDatabase(pool);
        data = new FleetBenchData(fleet, "paging-" + Long.toHexString(System.nanoTime()), 1);
        channel = data.channels.get(0);
        Random random = new Random(3);
        for (int first = 0; first < ROWS; first += 10_000) {
            int start = first;
            fleet.execute(data.org, FleetBenchData.RECORDER, tx -> tx.transmissions().bulkIngest(data.transmissions(start, 10_000, random)));
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE fleet.transmissions");
        }
        from = FleetBenchData.T0.minusDays(1);
        to = FleetBenchData.T0.plusDays(2);
        PageRequest request = PageRequest.first(PAGE);
        for (int page = 1; page < 1000; page++) {
            PageRequest current = request;
            request = fleet.inTransaction(data.org, FleetBenchData.RECORDER,
                    tx -> tx.transmissions().channelTraffic(channel, from, to, current)).nextRequest().orElseThrow();
        }
        page1000 = request;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public Page<Transmission> page1() {
        return fleet.inTransaction(data.org, FleetBenchData.RECORDER,
                tx -> tx.transmissions().channelTraffic(channel, from, to, PageRequest.first(PAGE)));
    }

    @Benchmark
    public Page<Transmission> page1000() {
        return fleet.inTransaction(data.org, FleetBenchData.RECORDER, tx -> tx.transmissions().channelTraffic(channel, from, to, page1000));
    }
}
