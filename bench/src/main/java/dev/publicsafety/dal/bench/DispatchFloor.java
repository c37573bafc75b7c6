package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.PgBouncer;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.workload.DalDispatchDesk;
import dev.publicsafety.dal.workload.DispatchDesk;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * The dispatch-floor workload: each worker is one dispatch centre (its own organization, with a
 * history of 20,000 transmissions) running the same cycle of 22 transactions over and over, with
 * 1, 2, 4 and 8 workers at once, through the data layer's public entry points and through
 * hand-written JDBC ({@link RawJdbcDispatchDesk}), the two alternating in slices of a few seconds
 * after a warm-up of both.
 * Every transaction's latency goes into an HdrHistogram; throughput is transactions per second.
 *
 * <p>One cycle: a recorder batch of 5 transmissions; 5 transcriptions (one transaction each);
 * an incident opened and walked through dispatched, on scene, resolved, closed; a task created
 * with two checklist items, assigned, started, both items ticked, completed; the open-incident
 * list, the dispatcher's task list, a plate search, a transcript search and the last ten minutes
 * of a channel (first pages of 20).
 */
final class DispatchFloor {

    static final Actor RECORDER = DalDispatchDesk.RECORDER;
    static final Actor TRANSCRIBER = DalDispatchDesk.TRANSCRIBER;
    static final int[] WORKERS = {1, 2, 4, 8};
    static final int TRANSACTIONS_PER_CYCLE = 22;
    /** {@link #measureThroughPgBouncer}: workers (service instances), and connections in each one's pool. */
    static final int POOLED_WORKERS = 8;
    static final int CONNECTIONS_PER_WORKER = 8;
    private static final int HISTORY = 20_000;
    private static final AtomicLong NUMBERS = new AtomicLong();

    /** One side's figures at one worker count. */
    record Result(String side, int workers, double transactionsPerSecond, Histogram latency, Map<String, Histogram> byStep) {

        double p99Micros() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        double p50Micros() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }
    }

    private DispatchFloor() {
    }

    /** Raw JDBC against the data layer at every worker count, as {@link #compare} measures two sides. */
    static List<Result> measure(HikariDataSource owner, Duration warmup, Duration slice, int rounds) throws Exception {
        List<DispatchDesk.Centre> centres = centres(owner);
        try (ApplicationRole role = ApplicationRole.create(new TestDatabase(BenchDatabase.url()), WORKERS[WORKERS.length - 1])) {
            DataSource app = role.dataSource();
            return compare(List.of(new RawJdbcDispatchDesk(app), new DalDispatchDesk(new FleetDatabase(app))), List.of("raw JDBC", "dal"),
                    centres, WORKERS, warmup, slice, rounds);
        }
    }

    /**
     * The floor through the data layer with {@link #POOLED_WORKERS} workers, each standing for a
     * service instance with a pool of {@link #CONNECTIONS_PER_WORKER} connections (one pool of
     * their product per side): directly with the driver's defaults; directly with
     * {@code prepareThreshold=0}, which is the planning cost alone; and through a PgBouncer in
     * transaction pooling mode with one server connection per worker and {@code prepareThreshold=0},
     * as README "Many instances" says. Measured as {@link #measure} measures its sides.
     */
    static List<Result> measureThroughPgBouncer(HikariDataSource owner, Duration warmup, Duration slice, int rounds) throws Exception {
        List<DispatchDesk.Centre> centres = centres(owner);
        int connections = POOLED_WORKERS * CONNECTIONS_PER_WORKER;
        try (PgBouncer bouncer = PgBouncer.start(BenchDatabase.url(), POOLED_WORKERS);
             ApplicationRole role = ApplicationRole.create(new TestDatabase(BenchDatabase.url()), connections);
             HikariDataSource unprepared = BenchDatabase.pool(withoutServerPrepare(role.url()), connections);
             HikariDataSource pooled = BenchDatabase.pool(bouncer.route(role.url()), connections)) {
            return compare(List.of(new DalDispatchDesk(new FleetDatabase(role.dataSource())), new DalDispatchDesk(new FleetDatabase(unprepared)),
                            new DalDispatchDesk(new FleetDatabase(pooled))),
                    List.of("direct", "direct, prepareThreshold=0", "PgBouncer"), centres, new int[] {POOLED_WORKERS}, warmup, slice, rounds);
        }
    }

    private static DatabaseUrl withoutServerPrepare(DatabaseUrl url) {
        Map<String, String> parameters = new HashMap<>(url.parameters());
        parameters.put("prepareThreshold", "0");
        return new DatabaseUrl(url.host(), url.port(), url.database(), url.user(), url.password(), parameters);
    }

    /** One centre per worker of the largest worker count. */
    private static List<DispatchDesk.Centre> centres(HikariDataSource owner) {
        List<DispatchDesk.Centre> centres = new ArrayList<>();
        FleetDatabase ownerFleet = new FleetDatabase(owner);
        for (int i = 0; i < WORKERS[WORKERS.length - 1]; i++) {
            centres.add(centre(ownerFleet, i));
        }
        // Autovacuum is off on the benchmark tables, so statistics and the plans cached from them are
        // what the last ANALYZE saw (run 12: a partition analyzed empty, then a sequential scan of it
        // to lock one transmission by id, growing with every cycle).
        DalDsl.using(owner).execute("ANALYZE fleet.transmissions, fleet.transmission_mentions");
        return centres;
    }

    /**
     * The desks (sides) at each worker count, after {@code warmup} of all with two workers: a
     * warm-up slice each, then {@code rounds} rounds of one slice per side, the first side rotating.
     */
    private static List<Result> compare(List<DispatchDesk> desks, List<String> sides, List<DispatchDesk.Centre> centres, int[] workerCounts,
                                        Duration warmup, Duration slice, int rounds) throws Exception {
        List<Result> results = new ArrayList<>();
        // jOOQ's code paths are many times longer than the raw side's: until the JIT has compiled
        // them, the data layer measured a third of its compiled throughput.
        for (long end = System.nanoTime() + warmup.toNanos(); System.nanoTime() < end; ) {
            for (DispatchDesk desk : desks) {
                slice(desk, centres.subList(0, 2), slice, new Latencies());
            }
        }
        for (int workers : workerCounts) {
            for (DispatchDesk desk : desks) {
                slice(desk, centres.subList(0, workers), slice, new Latencies());
            }
            int n = desks.size();
            Latencies[] latency = new Latencies[n];
            Arrays.setAll(latency, i -> new Latencies());
            long[] transactions = new long[n];
            long[] nanos = new long[n];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < n; k++) {
                    int side = (round + k) % n;
                    long start = System.nanoTime();
                    transactions[side] += slice(desks.get(side), centres.subList(0, workers), slice, latency[side]);
                    nanos[side] += System.nanoTime() - start;
                }
            }
            for (int side = 0; side < n; side++) {
                results.add(new Result(sides.get(side), workers, transactions[side] / (nanos[side] / 1e9), latency[side].all,
                        latency[side].byStep));
            }
        }
        return results;
    }

    /** One organization with two channels, a dispatcher, and a history of recorder traffic. */
    private static DispatchDesk.Centre centre(FleetDatabase owner, int index) {
        FleetBenchData data = new FleetBenchData(owner, "floor-" + index + "-" + Long.toHexString(System.nanoTime()), 2);
        String name = "Dispatcher " + index;
        UUID dispatcher = owner.inTransaction(data.org, RECORDER, tx -> tx.users().create(
                NewUser.of("floor-" + data.org, "dispatcher" + index + "@floor.invalid", name, "dispatcher"))).id();
        Random random = new Random(index);
        // The history leads up to now, one a second, in the partition the floor then writes to: a history
        // in January left this month's partition empty when analyzed, and a plan cached then read it whole.
        OffsetDateTime historyStart = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(HISTORY + 60);
        for (int first = 0; first < HISTORY; first += 5000) {
            int start = first;
            owner.execute(data.org, RECORDER,
                    tx -> tx.transmissions().bulkIngest(data.transmissions(start, 5000, random, historyStart, Duration.ofSeconds(1))));
        }
        return new DispatchDesk.Centre(data.org, List.copyOf(data.channels), dispatcher, name);
    }

    /** Every centre runs cycles until the slice is over (a cycle under way is finished); returns the transactions run. */
    private static long slice(DispatchDesk desk, List<DispatchDesk.Centre> centres, Duration length, Latencies into) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(centres.size());
        try {
            List<Future<Latencies>> running = new ArrayList<>();
            for (DispatchDesk.Centre centre : centres) {
                running.add(pool.submit(() -> {
                    Latencies latency = new Latencies();
                    Random random = new Random();
                    while (System.nanoTime() < end) {
                        cycle(desk, centre, random, latency);
                    }
                    return latency;
                }));
            }
            long transactions = 0;
            for (Future<Latencies> worker : running) {
                Latencies latency = worker.get();
                into.add(latency);
                transactions += latency.all.getTotalCount();
            }
            return transactions;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    /** One worker's latencies: all transactions, and each kind of transaction apart. */
    static final class Latencies {
        final Histogram all = new Histogram(3);
        final Map<String, Histogram> byStep = new TreeMap<>();

        <T> T timed(String name, Step<T> step) throws Exception {
            long start = System.nanoTime();
            T result = step.run();
            long nanos = System.nanoTime() - start;
            all.recordValue(nanos);
            byStep.computeIfAbsent(name, n -> new Histogram(3)).recordValue(nanos);
            return result;
        }

        void add(Latencies other) {
            all.add(other.all);
            other.byStep.forEach((name, h) -> byStep.computeIfAbsent(name, n -> new Histogram(3)).add(h));
        }
    }

    /** The {@value #TRANSACTIONS_PER_CYCLE} transactions of one cycle, in a dispatch centre's order. */
    private static void cycle(DispatchDesk desk, DispatchDesk.Centre c, Random random, Latencies latency) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OffsetDateTime started = now.minusSeconds(5 - i);
            batch.add(NewTransmission.of(c.channels().get(i % c.channels().size()), started, started.plusSeconds(4))
                    .withAudio("s3://floor/" + UUID.randomUUID() + ".opus"));
        }
        List<UUID> received = latency.timed("ingest", () -> desk.ingest(c, batch));
        for (UUID transmission : received) {
            String plate = random.nextInt(FleetBenchData.HOT_PLATE_EVERY) == 0 ? FleetBenchData.HOT_PLATE : "F" + (100000 + random.nextInt(900000));
            String text = "Medic " + (1 + random.nextInt(9)) + ", plate " + plate
                    + (random.nextInt(FleetBenchData.COMMON_WORD_EVERY) == 0 ? ", patient is " + FleetBenchData.COMMON_WORD : ", on scene");
            List<TransmissionEntity> entities = List.of(TransmissionEntity.of("PLATE", plate), TransmissionEntity.of("UNIT", text.substring(0, 7)));
            latency.timed("transcribe", () -> {
                desk.transcribe(c, transmission, text, entities);
                return null;
            });
        }
        String number = "F-" + NUMBERS.incrementAndGet() + "-" + Long.toHexString(random.nextLong() & 0xffffff);
        DispatchDesk.Versioned incident = latency.timed("incident open", () -> desk.openIncident(c, number, "Unconscious person", 1 + random.nextInt(3)));
        int incidentVersion = latency.timed("incident move", () -> desk.moveIncident(c, incident.id(), incident.version(), IncidentStatus.DISPATCHED));
        DispatchDesk.NewTaskRef task = latency.timed("task create", () -> desk.createTask(c, incident.id(), "Send second unit", now.plusMinutes(15)));
        int taskVersion = latency.timed("task assign", () -> desk.assignTask(c, task.id(), task.version()));
        int onScene = incidentVersion;
        incidentVersion = latency.timed("incident move", () -> desk.moveIncident(c, incident.id(), onScene, IncidentStatus.ON_SCENE));
        int assigned = taskVersion;
        taskVersion = latency.timed("task move", () -> desk.moveTask(c, task.id(), assigned, TaskStatus.IN_PROGRESS));
        for (UUID item : task.items()) {
            latency.timed("checklist tick", () -> {
                desk.tick(c, item);
                return null;
            });
        }
        int started = taskVersion;
        latency.timed("task move", () -> desk.moveTask(c, task.id(), started, TaskStatus.COMPLETED));
        int resolving = incidentVersion;
        int resolved = latency.timed("incident move", () -> desk.moveIncident(c, incident.id(), resolving, IncidentStatus.RESOLVED));
        latency.timed("incident move", () -> desk.moveIncident(c, incident.id(), resolved, IncidentStatus.CLOSED));
        latency.timed("list incidents", () -> desk.openIncidents(c));
        latency.timed("list tasks", () -> desk.dispatcherTasks(c));
        latency.timed("search plate", () -> desk.mentioning(c, FleetBenchData.HOT_PLATE));
        latency.timed("search transcripts", () -> desk.transcriptSearch(c, FleetBenchData.COMMON_WORD));
        latency.timed("list channel", () -> desk.channelTraffic(c, c.channels().get(0), now.minusMinutes(10), now.plusMinutes(1)));
    }
}
