package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * The dispatch workload on virtual threads (Java 21+; CI's second pass runs on Java 25): many more
 * threads than pooled connections, each opening an incident and walking it to closed, reading the
 * open list in between. Every unit completes within a bound, nothing is lost, the audit chain holds,
 * and the JVM reports no virtual thread pinned to its carrier for longer than JFR's default 20 ms
 * (pinned carriers are how pgjdbc and pool code could stall all virtual threads at once).
 */
@IsolatedDatabase(rolePoolSize = 4)
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsDispatchTest {

    private static final int THREADS = 64;
    private static final int CYCLES = 3;
    private static final Actor DISPATCHER = Actor.service("virtual-dispatcher");

    @Test
    void shouldRunTheDispatchWorkloadOnVirtualThreadsWithoutPinning(Tenant tenant, TestDatabase db) throws Exception {
        FleetDatabase fleet = tenant.fleet();
        UUID org = tenant.id();
        List<Incident> closed = new ArrayList<>();
        List<RecordedEvent> pinned;
        ExecutorService threads = virtualThreadPerTask();
        // First use loads and initializes classes (pgjdbc's array reader, the JDK's I/O poller); a virtual
        // thread waiting for another to initialize one is pinned, once per class: not the stall this is about.
        threads.submit(() -> dispatch(fleet, org, -1)).get(60, TimeUnit.SECONDS);
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ofMillis(20)).withStackTrace();
            recording.start();
            try {
                List<Future<List<Incident>>> running = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    running.add(threads.submit(() -> dispatch(fleet, org, thread)));
                }
                for (Future<List<Incident>> each : running) {
                    closed.addAll(each.get(120, TimeUnit.SECONDS));
                }
            } finally {
                threads.shutdownNow();
            }
            recording.stop();
            Path events = Files.createTempFile("virtual-threads", ".jfr");
            try {
                recording.dump(events);
                pinned = RecordingFile.readAllEvents(events).stream()
                        .filter(event -> event.getEventType().getName().equals("jdk.VirtualThreadPinned")).toList();
            } finally {
                Files.delete(events);
            }
        }
        assertEquals(THREADS * CYCLES, closed.size());
        assertTrue(closed.stream().allMatch(i -> i.status() == IncidentStatus.CLOSED), "every incident walked to closed");
        assertEquals(0, fleet.read(org, tx -> tx.incidents().openByPriority(PageRequest.first(50))).items().size(),
                "nothing left open");
        assertTrue(new AuditChainVerifier(db.dataSource()).verify(Optional.of(org), List.of()).get(0).intact(), "audit chain");
        assertTrue(pinned.isEmpty(), () -> pinned.size() + " pinned virtual threads, the first for "
                + pinned.get(0).getDuration().toMillis() + " ms (" + (pinned.get(0).hasField("pinnedReason")
                ? pinned.get(0).getString("pinnedReason") : "reason not recorded") + ") at "
                + pinned.get(0).getStackTrace().getFrames().subList(0, Math.min(8, pinned.get(0).getStackTrace().getFrames().size())));
    }

    private static List<Incident> dispatch(FleetDatabase fleet, UUID org, int thread) {
        List<Incident> done = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            String number = "VT-" + thread + "-" + cycle;
            Incident opened = fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(NewIncident.of(number, "Alarm", "fire", 2)));
            fleet.read(org, tx -> tx.incidents().openByPriority(PageRequest.first(20)));
            Incident dispatched = fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().dispatch(opened.id(), opened.version()));
            Incident onScene = fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().arriveOnScene(dispatched.id(), dispatched.version()));
            Incident resolved = fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().resolve(onScene.id(), onScene.version()));
            done.add(fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().close(resolved.id(), resolved.version())));
        }
        return done;
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, called reflectively: the tests compile for Java 17. */
    private static ExecutorService virtualThreadPerTask() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
}
