package dev.publicsafety.dal.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.chaos.ChaosReport;
import dev.publicsafety.dal.chaos.ChaosRun;
import dev.publicsafety.dal.chaos.ChaosSettings;
import dev.publicsafety.dal.chaos.FaultKind;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The chaos run at CI size (docs/reliability.md, Chaos under the dispatch workload): three client
 * processes run the dispatch workload through {@code FleetDatabase} against a server of the run's
 * own while three faults of each kind hit them (kill -9 of a client, fast and immediate restarts,
 * pg_terminate_backend, proxy drops, a proxy cut inside a COPY). Nothing acknowledged is lost,
 * nothing is half there, every audit chain verifies, no client reads another organization's row,
 * and every surviving client completes a unit again within {@link #RECOVERY_BOUND} of a fault's
 * end, without a restart. The seed is printed; a failing run is repeated with
 * {@code java -jar chaos/target/chaos.jar --seed S ...}.
 */
class ChaosUnderDispatchLoadTest {

    private static final int FAULTS_PER_KIND = 3;
    /**
     * The bound this test holds clients to: generous, because a loaded 2-core machine stretched a
     * reconnect to 21 s once (SCRAM logins and JVMs starved of CPU); docs/reliability.md gives the
     * figures measured. A client that never reconnects exceeds it: the run waits up to 120 s for
     * every client's unit after the last fault.
     */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    /**
     * Skipped under libfaketime: run alone with the clock moved a year on (2026-12-07), every fault
     * was injected and nothing was lost or half there, but clients took 140 to 183 s after a fault to
     * complete a unit, past {@link #RECOVERY_BOUND}; the server's own timers are the suspect, the cause
     * was not isolated.
     */
    @Test
    @NeedsServerTimers
    void shouldLoseNoAcknowledgedUnitUnderEveryKindOfFault() throws Exception {
        long seed = System.nanoTime();
        // kept under target/, whatever the outcome: a client's log and the fault log are what explains a failure
        Path directory = Path.of("target", "chaos-" + seed).toAbsolutePath();
        ChaosReport report = new ChaosRun(new ChaosSettings(FAULTS_PER_KIND, 3, seed, Duration.ofSeconds(30), directory),
                System.out, Clock.systemUTC()).run();
        System.out.print(report.text());

        for (FaultKind kind : FaultKind.values()) {
            assertEquals(FAULTS_PER_KIND, report.faultCount(kind), kind + " faults injected (seed " + seed + ")");
        }
        assertTrue(report.acknowledgedUnits() > 0 && report.rowsRead() > 0, "the clients did work and read rows (seed " + seed + ")");
        assertEquals(0, report.lostCount(), "acknowledged units lost (seed " + seed + "): " + report.lost());
        assertEquals(0, report.halfCount(), "half units (seed " + seed + "): " + report.half());
        assertEquals(0, report.chainBreaks(), "broken audit chains (seed " + seed + ")");
        assertEquals(3, report.organizations(), "one audit chain per client organization");
        assertEquals(0, report.crossTenant(), "rows of another organization read (seed " + seed + ")");
        assertEquals(0, report.unexpectedClientExits(), "clients that died without being killed (seed " + seed + ")");
        assertTrue(report.maxRecoveryMillis() < RECOVERY_BOUND.toMillis(),
                "a client took " + report.maxRecoveryMillis() + " ms after a fault ended to complete a unit (seed " + seed
                        + "; the clients' logs and the fault log are in " + directory + ")");
    }
}
