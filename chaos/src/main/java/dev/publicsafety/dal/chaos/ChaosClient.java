package dev.publicsafety.dal.chaos;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.workload.DalDispatchDesk;
import dev.publicsafety.dal.workload.DispatchDesk;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One client process of the chaos run: a dispatch centre running the dispatch cycle through
 * {@link DalDispatchDesk} (that is, {@code FleetDatabase}) for as long as it lives, recording each
 * unit the library acknowledged in its {@link AckLog}. A unit that fails (a cut connection, a
 * restarting server) is not retried: the cycle is abandoned and a new one begins, on the same pool,
 * so reconnecting is the pool's and the library's job, never a restart of the process.
 *
 * <p>Usage: {@code ChaosClient <settings file> <acknowledgement file> <seed>}.
 */
public final class ChaosClient {

    /** At least the library's COPY threshold, so that every batch is a COPY a proxy cut can interrupt. */
    static final int BATCH = 64;
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 50;

    private final DispatchDesk desk;
    private final FleetDatabase fleet;
    private final DispatchDesk.Centre centre;
    private final AckLog log;
    private final Clock clock;
    private final Random random;

    ChaosClient(FleetDatabase fleet, DispatchDesk.Centre centre, AckLog log, Clock clock, Random random) {
        this.desk = new DalDispatchDesk(fleet);
        this.fleet = fleet;
        this.centre = centre;
        this.log = log;
        this.clock = clock;
        this.random = random;
    }

    public static void main(String[] args) throws InterruptedException {
        ClientSettings settings = ClientSettings.load(Path.of(args[0]));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setInitializationFailTimeout(-1); // the server may be restarting when this process starts
        // Hikari otherwise reads the default level once, from its first connection; when that read
        // failed in a restart (08xxx), it kept -1 and refused every later connection
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setPoolName("chaos-client");
        try (HikariDataSource pool = new HikariDataSource(config); AckLog log = AckLog.append(Path.of(args[1]))) {
            new ChaosClient(new FleetDatabase(pool), settings.centre(), log, Clock.systemUTC(), new Random(Long.parseLong(args[2])))
                    .runUntilKilled();
        }
    }

    private void runUntilKilled() throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                cycle();
            } catch (RuntimeException e) {
                Thread.sleep(PAUSE_AFTER_FAILURE_MILLIS);
            } catch (Exception e) {
                throw new IllegalStateException("the dispatch desk failed outside the data layer: " + e.getMessage(), e);
            }
        }
    }

    private void ack(Ack.Kind kind, List<UUID> ids, int version) {
        log.record(Ack.write(clock.millis(), kind, ids, version));
    }

    /** The bench floor's cycle with a batch of {@value #BATCH} (a COPY) and two transcriptions, one acknowledged unit after another. */
    void cycle() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            OffsetDateTime started = now.minusSeconds(BATCH - i);
            batch.add(NewTransmission.of(centre.channels().get(i % centre.channels().size()), started, started.plusSeconds(4))
                    .withAudio("s3://chaos/" + UUID.randomUUID() + ".opus"));
        }
        List<UUID> received = desk.ingest(centre, batch);
        ack(Ack.Kind.INGEST, received, 0);
        for (UUID transmission : received.subList(0, 2)) {
            String plate = "C" + (100000 + random.nextInt(900000));
            desk.transcribe(centre, transmission, "Medic 3, plate " + plate, List.of(TransmissionEntity.of("PLATE", plate)));
            ack(Ack.Kind.TRANSCRIBE, List.of(transmission), 0);
        }
        String number = "X-" + Long.toHexString(random.nextLong());
        DispatchDesk.Versioned incident = desk.openIncident(centre, number, "Unconscious person", 1 + random.nextInt(3));
        ack(Ack.Kind.INCIDENT, List.of(incident.id()), incident.version());
        int incidentVersion = moveIncident(incident.id(), incident.version(), IncidentStatus.DISPATCHED);
        DispatchDesk.NewTaskRef task = desk.createTask(centre, incident.id(), "Send second unit", now.plusMinutes(15));
        ack(Ack.Kind.TASK, Stream.concat(Stream.of(task.id()), task.items().stream()).toList(), task.version());
        int taskVersion = desk.assignTask(centre, task.id(), task.version());
        ack(Ack.Kind.TASK, List.of(task.id()), taskVersion);
        incidentVersion = moveIncident(incident.id(), incidentVersion, IncidentStatus.ON_SCENE);
        taskVersion = moveTask(task.id(), taskVersion, TaskStatus.IN_PROGRESS);
        for (UUID item : task.items()) {
            desk.tick(centre, item);
            ack(Ack.Kind.TICK, List.of(item), 0);
        }
        moveTask(task.id(), taskVersion, TaskStatus.COMPLETED);
        incidentVersion = moveIncident(incident.id(), incidentVersion, IncidentStatus.RESOLVED);
        moveIncident(incident.id(), incidentVersion, IncidentStatus.CLOSED);
        readOwnOrganization(now);
    }

    private int moveIncident(UUID incident, int version, IncidentStatus to) throws Exception {
        int moved = desk.moveIncident(centre, incident, version, to);
        ack(Ack.Kind.INCIDENT, List.of(incident), moved);
        return moved;
    }

    private int moveTask(UUID task, int version, TaskStatus to) throws Exception {
        int moved = desk.moveTask(centre, task, version, to);
        ack(Ack.Kind.TASK, List.of(task), moved);
        return moved;
    }

    /**
     * The dispatch screen's lists, as the application role under row-level security: every row
     * returned is checked to belong to this centre's organization.
     */
    private void readOwnOrganization(OffsetDateTime now) {
        Actor dispatcher = Actor.user(centre.dispatcher(), centre.dispatcherName());
        List<UUID> owners = fleet.inTransaction(centre.org(), dispatcher, tx -> {
            List<UUID> orgs = new ArrayList<>();
            tx.incidents().openByPriority(PageRequest.first(DalDispatchDesk.PAGE)).items().forEach(i -> orgs.add(i.orgId()));
            tx.tasks().openFor(centre.dispatcher(), PageRequest.first(DalDispatchDesk.PAGE)).items().forEach(t -> orgs.add(t.orgId()));
            tx.transmissions().channelTraffic(centre.channels().get(0), now.minusMinutes(10), now.plusMinutes(1),
                    PageRequest.first(DalDispatchDesk.PAGE)).items().forEach(t -> orgs.add(t.orgId()));
            return orgs;
        });
        int foreign = (int) owners.stream().filter(org -> !org.equals(centre.org())).count();
        log.record(Ack.read(clock.millis(), owners.size(), foreign));
    }
}
