package dev.publicsafety.dal.chaos;

import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * After a chaos run, with every client stopped: compares what the clients were acknowledged with
 * what the database holds, as its owner; looks for half units over all rows, acknowledged or not;
 * verifies every organization's audit chain with the library's {@link AuditChainVerifier}; and
 * measures how long each surviving client took to complete a unit after each fault.
 */
final class ChaosChecker {

    /** A client slot's organization, acknowledgements and process lifetimes. */
    record ClientRecord(int index, UUID org, List<Ack> acks, List<ClientProcess.Life> lives) {
    }

    private final DataSource owner;

    private final Map<UUID, UUID> transmissionOrg = new HashMap<>();
    private final Set<UUID> transcribed = new HashSet<>();
    private final Map<UUID, Versioned> incidents = new HashMap<>();
    private final Map<UUID, Versioned> tasks = new HashMap<>();
    private final Map<UUID, Boolean> checklistCompleted = new HashMap<>();
    private final Set<String> auditedVersions = new HashSet<>();
    private final Set<UUID> auditedCompletions = new HashSet<>();
    private final Set<UUID> auditedTranscriptions = new HashSet<>();
    private final Map<String, Long> ingestedRows = new HashMap<>();
    private final Map<String, Long> auditedIngests = new HashMap<>();

    private record Versioned(UUID org, int version) {
    }

    ChaosChecker(DataSource owner) {
        this.owner = owner;
    }

    ChaosReport check(long seed, List<ClientRecord> clients, List<Fault> faults, int clientStarts, int unexpectedExits) throws SQLException {
        load();
        List<String> lost = new ArrayList<>();
        List<String> half = new ArrayList<>();
        Map<String, Long> acknowledged = new TreeMap<>();
        long rowsRead = 0;
        long crossTenant = 0;
        for (ClientRecord client : clients) {
            for (Ack ack : client.acks()) {
                acknowledged.merge(ack.kind().name(), 1L, Long::sum);
                rowsRead += ack.rows();
                crossTenant += ack.foreign();
                String missing = missing(client.org(), ack);
                if (missing != null) {
                    lost.add("client " + client.index() + " " + ack.kind() + " " + missing);
                }
                if ((ack.kind() == Ack.Kind.INCIDENT || ack.kind() == Ack.Kind.TASK)
                        && !auditedVersions.contains(ack.ids().get(0) + ":" + ack.version())) {
                    half.add(ack.kind() + " " + ack.ids().get(0) + " version " + ack.version() + " acknowledged without its audit row");
                }
            }
        }
        halfUnits(half);
        List<AuditChainVerifier.Result> chains = new AuditChainVerifier(owner).verify(Optional.empty(), List.of());
        int breaks = (int) chains.stream().filter(r -> !r.intact()).count();
        Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
        faults.forEach(f -> injected.merge(f.kind(), 1, Integer::sum));
        return new ChaosReport(seed, injected, acknowledged, rowsRead, lost, half, breaks, chains.size(), crossTenant,
                reconnects(clients, faults, Fault::start), reconnects(clients, faults, Fault::end), clientStarts, unexpectedExits);
    }

    /** What of an acknowledged unit the database lacks, or null if it holds all of it. */
    private String missing(UUID org, Ack ack) {
        switch (ack.kind()) {
            case INGEST:
                long absent = ack.ids().stream().filter(id -> !org.equals(transmissionOrg.get(id))).count();
                return absent == 0 ? null : absent + " of " + ack.ids().size() + " transmissions, first " + ack.ids().get(0);
            case TRANSCRIBE:
                return transcribed.contains(ack.ids().get(0)) ? null : "transcript of " + ack.ids().get(0);
            case INCIDENT:
                return versionMissing(incidents.get(ack.ids().get(0)), org, ack);
            case TASK:
                String task = versionMissing(tasks.get(ack.ids().get(0)), org, ack);
                if (task != null) {
                    return task;
                }
                return ack.ids().stream().skip(1).allMatch(checklistCompleted::containsKey) ? null : "checklist items of task " + ack.ids().get(0);
            case TICK:
                return Boolean.TRUE.equals(checklistCompleted.get(ack.ids().get(0))) ? null : "completion of checklist item " + ack.ids().get(0);
            default:
                return null;
        }
    }

    private static String versionMissing(Versioned row, UUID org, Ack ack) {
        if (row == null || !row.org().equals(org)) {
            return ack.ids().get(0) + " (no such row in its organization)";
        }
        return row.version() >= ack.version() ? null : ack.ids().get(0) + " at version " + row.version() + ", acknowledged " + ack.version();
    }

    /** Over every row, acknowledged or not: each committed change has its audit row, each batch is whole. */
    private void halfUnits(List<String> half) {
        incidents.forEach((id, row) -> {
            if (!auditedVersions.contains(id + ":" + row.version())) {
                half.add("incident " + id + " at version " + row.version() + " without its audit row");
            }
        });
        tasks.forEach((id, row) -> {
            if (!auditedVersions.contains(id + ":" + row.version())) {
                half.add("task " + id + " at version " + row.version() + " without its audit row");
            }
        });
        checklistCompleted.forEach((id, completed) -> {
            if (completed && !auditedCompletions.contains(id)) {
                half.add("checklist item " + id + " completed without its audit row");
            }
        });
        for (UUID id : transcribed) {
            if (!auditedTranscriptions.contains(id)) {
                half.add("transmission " + id + " transcribed without its audit row");
            }
        }
        Set<String> batches = new HashSet<>(ingestedRows.keySet());
        batches.addAll(auditedIngests.keySet());
        for (String batch : batches) {
            long rows = ingestedRows.getOrDefault(batch, 0L);
            long audited = auditedIngests.getOrDefault(batch, 0L);
            if (rows != audited) {
                half.add("ingest transaction " + batch + ": " + rows + " transmissions, its audit row says " + audited);
            }
        }
    }

    private void load() throws SQLException {
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            query(statement, "SELECT id, org_id, transcription IS NOT NULL FROM fleet.transmissions", rs -> {
                UUID id = rs.getObject(1, UUID.class);
                transmissionOrg.put(id, rs.getObject(2, UUID.class));
                if (rs.getBoolean(3)) {
                    transcribed.add(id);
                }
            });
            query(statement, "SELECT id, org_id, version FROM fleet.incidents",
                    rs -> incidents.put(rs.getObject(1, UUID.class), new Versioned(rs.getObject(2, UUID.class), rs.getInt(3))));
            query(statement, "SELECT id, org_id, version FROM fleet.tasks",
                    rs -> tasks.put(rs.getObject(1, UUID.class), new Versioned(rs.getObject(2, UUID.class), rs.getInt(3))));
            query(statement, "SELECT id, is_completed FROM fleet.task_checklists",
                    rs -> checklistCompleted.put(rs.getObject(1, UUID.class), rs.getBoolean(2)));
            query(statement, "SELECT entity_id, action, after_state->>'version' FROM fleet.audit_logs", rs -> {
                UUID entity = rs.getObject(1, UUID.class);
                String version = rs.getString(3);
                if (version != null) {
                    auditedVersions.add(entity + ":" + version);
                }
                switch (rs.getString(2)) {
                    case "complete" -> auditedCompletions.add(entity);
                    case "transcribe" -> auditedTranscriptions.add(entity);
                    default -> {
                    }
                }
            });
            // One bulk ingest is one transaction: its rows and its audit row share the transaction's now().
            query(statement, "SELECT org_id || ' ' || created_at, count(*) FROM fleet.transmissions GROUP BY 1",
                    rs -> ingestedRows.put(rs.getString(1), rs.getLong(2)));
            query(statement, "SELECT org_id || ' ' || created_at, sum((after_state->>'count')::bigint) FROM fleet.audit_logs"
                    + " WHERE action = 'bulk_ingest' GROUP BY 1", rs -> auditedIngests.put(rs.getString(1), rs.getLong(2)));
        }
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Statement statement, String sql, Row row) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    /**
     * Per fault kind, the longest time from a fault's {@code start} or {@code end} (a restarted server
     * accepting again) to a client's next acknowledged unit, over
     * client processes alive at the fault and not killed before that unit. A process that never
     * completed another unit counts until it was stopped, so a client that never reconnects shows.
     */
    static Map<FaultKind, Long> reconnects(List<ClientRecord> clients, List<Fault> faults, ToLongFunction<Fault> from) {
        Map<FaultKind, Long> longest = new EnumMap<>(FaultKind.class);
        for (ClientRecord client : clients) {
            long[] acked = client.acks().stream().mapToLong(Ack::at).sorted().toArray();
            long[] killed = faults.stream().filter(f -> f.kind() == FaultKind.KILL_CLIENT && f.client() == client.index())
                    .mapToLong(Fault::start).sorted().toArray();
            for (Fault fault : faults) {
                long at = from.applyAsLong(fault);
                Optional<ClientProcess.Life> life = client.lives().stream().filter(l -> l.covers(at)).findFirst();
                if (life.isEmpty() || fault.kind() == FaultKind.KILL_CLIENT && fault.client() == client.index()) {
                    continue;
                }
                long next = firstAtOrAfter(acked, at);
                long answered = next < life.get().end() ? next : life.get().end();
                if (firstAtOrAfter(killed, at) <= answered) {
                    continue; // killed before it completed a unit: its successor is a restart, not a reconnect
                }
                longest.merge(fault.kind(), answered - at, Math::max);
            }
        }
        return longest;
    }

    private static long firstAtOrAfter(long[] sorted, long at) {
        int i = Arrays.binarySearch(sorted, at);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && sorted[i - 1] == at) {
                i--;
            }
        }
        return i < sorted.length ? sorted[i] : Long.MAX_VALUE;
    }
}
