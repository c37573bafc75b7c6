package dev.publicsafety.dal.chaos;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a chaos run found. {@code lost}: acknowledged units the database does not hold.
 * {@code half}: units partly there (a versioned change or a completion without its audit row, an
 * ingest batch whose row count differs from its audit row's). {@code chainBreaks}: organizations
 * whose audit hash chain does not verify. {@code crossTenant}: rows of another organization among
 * those a client read. {@code reconnectMillis}: per fault kind, the longest time from a fault's
 * start to a client's next acknowledged unit, over the clients that were not restarted meanwhile;
 * {@code recoveryMillis} the same from the fault's end (for a restart: the server accepting again).
 */
public record ChaosReport(long seed, Map<FaultKind, Integer> faults, Map<String, Long> acknowledged, long rowsRead,
                          List<String> lost, List<String> half, int chainBreaks, int organizations, long crossTenant,
                          Map<FaultKind, Long> reconnectMillis, Map<FaultKind, Long> recoveryMillis, int clientStarts, int unexpectedClientExits) {

    public long lostCount() {
        return lost.size();
    }

    public long halfCount() {
        return half.size();
    }

    public long acknowledgedUnits() {
        return acknowledged.values().stream().mapToLong(Long::longValue).sum();
    }

    public long maxReconnectMillis() {
        return reconnectMillis.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public long maxRecoveryMillis() {
        return recoveryMillis.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public int faultCount(FaultKind kind) {
        return faults.getOrDefault(kind, 0);
    }

    public boolean clean() {
        return lost.isEmpty() && half.isEmpty() && chainBreaks == 0 && crossTenant == 0 && unexpectedClientExits == 0;
    }

    /** The report as printed by {@code ChaosMain}: one fact per line, the first few lost or half units named. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("seed ").append(seed).append('\n');
        Map<FaultKind, Integer> byKind = new EnumMap<>(FaultKind.class);
        byKind.putAll(faults);
        byKind.forEach((kind, n) -> out.append("faults ").append(kind).append(' ').append(n)
                .append(", longest from fault to next unit ").append(reconnectMillis.getOrDefault(kind, 0L))
                .append(" ms, from its end ").append(recoveryMillis.getOrDefault(kind, 0L)).append(" ms\n"));
        out.append("acknowledged units ").append(acknowledgedUnits()).append(' ').append(acknowledged).append('\n');
        out.append("rows read ").append(rowsRead).append(", of another organization ").append(crossTenant).append('\n');
        out.append("lost ").append(lost.size()).append('\n');
        lost.stream().limit(10).forEach(l -> out.append("  lost: ").append(l).append('\n'));
        out.append("half ").append(half.size()).append('\n');
        half.stream().limit(10).forEach(h -> out.append("  half: ").append(h).append('\n'));
        out.append("audit chains ").append(organizations).append(", broken ").append(chainBreaks).append('\n');
        out.append("client processes started ").append(clientStarts).append(", exited on their own ").append(unexpectedClientExits).append('\n');
        out.append("longest from a fault to a client's next unit ").append(maxReconnectMillis()).append(" ms, from a fault's end ")
                .append(maxRecoveryMillis()).append(" ms\n");
        out.append(clean() ? "CLEAN" : "NOT CLEAN").append('\n');
        return out.toString();
    }
}
