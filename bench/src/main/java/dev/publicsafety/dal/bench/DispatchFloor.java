package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.NewTransmission;
import dev.publicsafety.dal.fleet.NewUser;
import dev.publicsafety.dal.fleet.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The dispatch-floor workload: each worker is one dispatch centre (its own organization, with a
 * history of 20,000 transmissions) running the same cycle of 22 transactions over and over, with
 * 1, 2, 4 and 8 workers at once, through the data layer's public entry points and through
 * hand-written JDBC ({@link RawJdbcDispatchDesk}), the two alternating in slices of a few seconds.
 * Every transaction's latency goes into an HdrHistogram; throughput is transactions per second.
 *
 * <p>One cycle: a recorder batch of 5 transmissions; 5 transcriptions (one transaction each);
 * an incident opened and walked through dispatched, on scene, resolved, closed; a task created
 * with two checklist items, assigned, started, both items ticked, completed; the open-incident
 * list, the dispatcher's task list, a plate search, a transcript search and the last ten minutes
 * of a channel (first pages of 20).
 */
final class DispatchFloor {

    static final Actor RECORDER = Actor.service("floor-recorder");
    static final Actor TRANSCRIBER = Actor.service("floor-transcriber");
    static final int[] WORKERS = {1, 2, 4, 8};
    static final int TRANSACTIONS_PER_CYCLE = 22;
    private static final int HISTORY = 20_000;
    private static final String APP_ROLE = "dal_bench_floor";
    private static final AtomicLong NUMBERS = new AtomicLong();

    /** One side's figures at one worker count. */
    record Result(String side, int workers, double transactionsPerSecond, Histogram latency) {

        double p99Micros() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        double p50Micros() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }
    }

    private DispatchFloor() {
    }

    /**
     * Measures both sides at every worker count: a warm-up slice each, then {@code rounds} rounds
     * of one slice per side, the first side alternating.
     */
    static List<Result> measure(HikariDataSource owner, Duration slice, int rounds) throws Exception {
        List<DispatchDesk.Centre> centres = new ArrayList<>();
        FleetDatabase ownerFleet = new FleetDatabase(owner);
        for (int i = 0; i < WORKERS[WORKERS.length - 1]; i++) {
            centres.add(centre(ownerFleet, i));
        }
        try (HikariDataSource app = BenchDatabase.applicationRolePool(owner, APP_ROLE, WORKERS[WORKERS.length - 1])) {
            List<DispatchDesk> desks = List.of(new RawJdbcDispatchDesk(app), new DalDispatchDesk(new FleetDatabase(app)));
            List<String> sides = List.of("raw JDBC", "dal");
            List<Result> results = new ArrayList<>();
            for (int workers : WORKERS) {
                for (DispatchDesk desk : desks) {
                    slice(desk, centres.subList(0, workers), slice, new Histogram(3));
                }
                Histogram[] latency = {new Histogram(3), new Histogram(3)};
                long[] transactions = new long[2];
                long[] nanos = new long[2];
                for (int round = 0; round < rounds; round++) {
                    for (int k = 0; k < 2; k++) {
                        int side = (round + k) % 2;
                        long start = System.nanoTime();
                        transactions[side] += slice(desks.get(side), centres.subList(0, workers), slice, latency[side]);
                        nanos[side] += System.nanoTime() - start;
                    }
                }
                for (int side = 0; side < 2; side++) {
                    results.add(new Result(sides.get(side), workers, transactions[side] / (nanos[side] / 1e9), latency[side]));
                }
            }
            return results;
        }
    }

    /** One organization with two channels, a dispatcher, and a history of recorder traffic. */
    private static DispatchDesk.Centre centre(FleetDatabase owner, int index) {
        FleetBenchData data = new FleetBenchData(owner, "floor-" + index + "-" + Long.toHexString(System.nanoTime()), 2);
        String name = "Dispatcher " + index;
        UUID dispatcher = owner.inTransaction(data.org, RECORDER, tx -> tx.users().create(
                NewUser.of("floor-" + data.org, "dispatcher" + index + "@floor.invalid", name, "dispatcher"))).id();
        Random random = new Random(index);
        for (int first = 0; first < HISTORY; first += 5000) {
            int start = first;
            owner.execute(data.org, RECORDER, tx -> tx.transmissions().bulkIngest(data.transmissions(start, 5000, random)));
        }
        return new DispatchDesk.Centre(data.org, List.copyOf(data.channels), dispatcher, name);
    }

    /** Every centre runs cycles until the slice is over (a cycle under way is finished); returns the transactions run. */
    private static long slice(DispatchDesk desk, List<DispatchDesk.Centre> centres, Duration length, Histogram into) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(centres.size());
        try {
            List<Future<Histogram>> running = new ArrayList<>();
            for (DispatchDesk.Centre centre : centres) {
                running.add(pool.submit(() -> {
                    Histogram latency = new Histogram(3);
                    Random random = new Random();
                    while (System.nanoTime() < end) {
                        cycle(desk, centre, random, latency);
                    }
                    return latency;
                }));
            }
            long transactions = 0;
            for (Future<Histogram> worker : running) {
                Histogram latency = worker.get();
                into.add(latency);
                transactions += latency.getTotalCount();
            }
            return transactions;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T timed(Histogram latency, Step<T> step) throws Exception {
        long start = System.nanoTime();
        T result = step.run();
        latency.recordValue(System.nanoTime() - start);
        return result;
    }

    /** The {@value #TRANSACTIONS_PER_CYCLE} transactions of one cycle, in a dispatch centre's order. */
    private static void cycle(DispatchDesk desk, DispatchDesk.Centre c, Random random, Histogram latency) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OffsetDateTime started = now.minusSeconds(5 - i);
            batch.add(NewTransmission.of(c.channels().get(i % c.channels().size()), started, started.plusSeconds(4))
                    .withAudio("s3://floor/" + UUID.randomUUID() + ".opus"));
        }
        List<UUID> received = timed(latency, () -> desk.ingest(c, batch));
        for (UUID transmission : received) {
            String plate = random.nextInt(FleetBenchData.HOT_PLATE_EVERY) == 0 ? FleetBenchData.HOT_PLATE : "F" + (100000 + random.nextInt(900000));
            String text = "Medic " + (1 + random.nextInt(9)) + ", plate " + plate
                    + (random.nextInt(FleetBenchData.COMMON_WORD_EVERY) == 0 ? ", patient is " + FleetBenchData.COMMON_WORD : ", on scene");
            List<TransmissionEntity> entities = List.of(TransmissionEntity.of("PLATE", plate), TransmissionEntity.of("UNIT", text.substring(0, 7)));
            timed(latency, () -> {
                desk.transcribe(c, transmission, text, entities);
                return null;
            });
        }
        String number = "F-" + NUMBERS.incrementAndGet() + "-" + Long.toHexString(random.nextLong() & 0xffffff);
        DispatchDesk.Versioned incident = timed(latency, () -> desk.openIncident(c, number, "Unconscious person", 1 + random.nextInt(3)));
        int incidentVersion = timed(latency, () -> desk.moveIncident(c, incident.id(), incident.version(), IncidentStatus.DISPATCHED));
        DispatchDesk.NewTaskRef task = timed(latency, () -> desk.createTask(c, incident.id(), "Send second unit", now.plusMinutes(15)));
        int taskVersion = timed(latency, () -> desk.assignTask(c, task.id(), task.version()));
        int onScene = incidentVersion;
        incidentVersion = timed(latency, () -> desk.moveIncident(c, incident.id(), onScene, IncidentStatus.ON_SCENE));
        int assigned = taskVersion;
        taskVersion = timed(latency, () -> desk.moveTask(c, task.id(), assigned, TaskStatus.IN_PROGRESS));
        for (UUID item : task.items()) {
            timed(latency, () -> {
                desk.tick(c, item);
                return null;
            });
        }
        int started = taskVersion;
        timed(latency, () -> desk.moveTask(c, task.id(), started, TaskStatus.COMPLETED));
        int resolving = incidentVersion;
        int resolved = timed(latency, () -> desk.moveIncident(c, incident.id(), resolving, IncidentStatus.RESOLVED));
        timed(latency, () -> desk.moveIncident(c, incident.id(), resolved, IncidentStatus.CLOSED));
        timed(latency, () -> desk.openIncidents(c));
        timed(latency, () -> desk.dispatcherTasks(c));
        timed(latency, () -> desk.mentioning(c, FleetBenchData.HOT_PLATE));
        timed(latency, () -> desk.transcriptSearch(c, FleetBenchData.COMMON_WORD));
        timed(latency, () -> desk.channelTraffic(c, c.channels().get(0), now.minusMinutes(10), now.plusMinutes(1)));
    }
}
