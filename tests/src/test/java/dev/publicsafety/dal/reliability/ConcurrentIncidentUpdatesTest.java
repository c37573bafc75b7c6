package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.ConcurrentUpdateException;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many dispatchers editing one incident at once, each the way a user interface does it: read the
 * incident (one transaction), then send the change with the version it read (another). Optimistic
 * locking must turn every stale edit into a {@link ConcurrentUpdateException} and lose none: the
 * final version counts exactly the winners, and the audit trail shows every winner's change, in
 * order, each built on the one before.
 */
@IsolatedDatabase
class ConcurrentIncidentUpdatesTest {

    private static final int EDITORS = 8;
    private static final int ROUNDS = 25;
    private static final int CYCLES = 25;
    private static final Actor SETUP = Actor.service("concurrency-setup");

    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID org;

    @BeforeAll
    static void setUp(TestDatabase db) {
        app = ApplicationRole.create(db, EDITORS + 2);
        fleet = new FleetDatabase(app.dataSource());
        org = fleet.createOrganization(SETUP, NewOrganization.of("Concurrent dispatch", "concurrent-dispatch")).id();
    }

    @AfterAll
    static void tearDown() throws Exception {
        app.close();
    }

    /**
     * In each round every editor reads the incident, all wait until everyone has read the same
     * version, then all send their change at once: exactly one per round may win.
     */
    @Test
    void shouldLetExactlyOneEditorWinEachRoundAndGiveEveryOtherAConflict() throws Exception {
        Incident incident = open("RACE-ROUNDS");
        CyclicBarrier allRead = new CyclicBarrier(EDITORS);
        CyclicBarrier roundDone = new CyclicBarrier(EDITORS);
        List<Edit> edits = runEditors(editor -> {
            List<Edit> mine = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                int read = read(incident.id()).version();
                allRead.await(30, TimeUnit.SECONDS);
                mine.add(edit(incident.id(), editor, round, read));
                roundDone.await(30, TimeUnit.SECONDS);
            }
            return mine;
        });

        for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            List<Edit> ofRound = edits.stream().filter(e -> e.cycle() == r).toList();
            assertEquals(1, ofRound.stream().filter(Edit::won).count(), "round " + round + ": " + ofRound);
            assertEquals(1, ofRound.stream().map(Edit::readVersion).distinct().count(), "everyone read the same version: " + ofRound);
        }
        assertNoLostUpdate(incident, edits);
        report("rounds", edits);
    }

    /** No coordination at all: each editor reads and updates as fast as it can. */
    @Test
    void shouldLoseNoUpdateWhenEditorsRaceFreely() throws Exception {
        Incident incident = open("RACE-FREE");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Edit>>> started = new ArrayList<>();
        List<Edit> edits;
        ExecutorService threads = Executors.newFixedThreadPool(EDITORS);
        try {
            for (int e = 0; e < EDITORS; e++) {
                int editor = e;
                started.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<Edit> mine = new ArrayList<>();
                    for (int cycle = 0; cycle < CYCLES; cycle++) {
                        mine.add(edit(incident.id(), editor, cycle, read(incident.id()).version()));
                    }
                    return mine;
                }));
            }
            start.countDown();
            edits = collect(started);
        } finally {
            threads.shutdownNow();
        }
        assertTrue(edits.stream().anyMatch(e -> !e.won()), "no edit ever conflicted: the race proved nothing");
        assertNoLostUpdate(incident, edits);
        report("free race", edits);
    }

    private interface Editor {
        List<Edit> run(int editor) throws Exception;
    }

    private static List<Edit> runEditors(Editor body) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(EDITORS);
        try {
            List<Future<List<Edit>>> started = new ArrayList<>();
            for (int e = 0; e < EDITORS; e++) {
                int editor = e;
                started.add(threads.submit(() -> body.run(editor)));
            }
            return collect(started);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Edit> collect(List<Future<List<Edit>>> started) throws Exception {
        List<Edit> all = new ArrayList<>();
        for (Future<List<Edit>> editor : started) {
            all.addAll(editor.get(60, TimeUnit.SECONDS));
        }
        return all;
    }

    private static Incident open(String number) {
        return fleet.inTransaction(org, SETUP, tx -> tx.incidents().open(NewIncident.of(number, "initial", "fire", 3)));
    }

    private static Incident read(UUID id) {
        return fleet.inTransaction(org, SETUP, tx -> tx.incidents().get(id));
    }

    /** Sends one change with the version read; a conflict is the only failure an editor may see. */
    private static Edit edit(UUID id, int editor, int cycle, int readVersion) {
        String title = "editor " + editor + " cycle " + cycle;
        try {
            Incident after = fleet.inTransaction(org, Actor.service("editor-" + editor),
                    tx -> tx.incidents().describe(id, readVersion, title, "read version " + readVersion));
            return new Edit(editor, cycle, title, readVersion, true, after.version());
        } catch (ConcurrentUpdateException conflict) {
            assertEquals(readVersion, conflict.expectedVersion(), conflict.getMessage());
            assertTrue(conflict.actualVersion() != null && conflict.actualVersion() > readVersion, conflict.getMessage());
            return new Edit(editor, cycle, title, readVersion, false, conflict.actualVersion());
        }
    }

    /**
     * The incident's version is 1 plus the number of winners; its audit trail holds one change per
     * winner, in the order of the versions they produced, each starting from the state the previous
     * one left; the incident shows the last winner's change.
     */
    private static void assertNoLostUpdate(Incident incident, List<Edit> edits) {
        List<Edit> winners = edits.stream().filter(Edit::won).sorted(Comparator.comparing(Edit::resultVersion)).toList();
        Incident stored = read(incident.id());
        assertEquals(1 + winners.size(), stored.version(), "every applied change raised the version once");
        assertEquals(winners.get(winners.size() - 1).title(), stored.title());
        for (int i = 0; i < winners.size(); i++) {
            assertEquals(2 + i, winners.get(i).resultVersion(), "winners produced consecutive versions: " + winners);
            assertEquals(1 + i, winners.get(i).readVersion(), "each winner edited the version it read");
        }
        List<AuditEntry> history = fleet.inTransaction(org, SETUP,
                tx -> tx.auditLogs().forEntity("incidents", incident.id(), PageRequest.first(PageRequest.MAX_SIZE)).items());
        List<AuditEntry> changes = history.subList(1, history.size());
        assertEquals(winners.stream().map(Edit::title).toList(),
                changes.stream().map(e -> e.afterState().get("title").asText()).toList(),
                "the audit trail shows each winner's change, in order, and nothing else");
        assertEquals(List.of(), AuditChain.breaks(history, "title"));
    }

    private static void report(String mode, List<Edit> edits) {
        long won = edits.stream().filter(Edit::won).count();
        System.out.println("concurrent incident updates (" + mode + "): " + EDITORS + " editors, " + edits.size()
                + " attempts, " + won + " applied, " + (edits.size() - won) + " ConcurrentUpdateException, 0 lost");
    }
}
