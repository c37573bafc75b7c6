package dev.publicsafety.dal.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One acknowledged unit of work: when it returned (epoch milliseconds), what it was, the ids it
 * wrote and, for a versioned row, the version the library returned. A read records the rows it
 * returned and how many of them carried another organization's id.
 */
record Ack(long at, Kind kind, List<UUID> ids, int version, int rows, int foreign) {

    enum Kind {
        /** A recorder batch: every transmission id. */
        INGEST,
        TRANSCRIBE,
        /** An incident opened or moved: its id and new version. */
        INCIDENT,
        /** A task created (its id, then its checklist items) or changed: its new version. */
        TASK,
        /** A checklist item completed. */
        TICK,
        /** The dispatch screen's reads: rows returned, and rows of another organization among them. */
        READ
    }

    static Ack write(long at, Kind kind, List<UUID> ids, int version) {
        return new Ack(at, kind, List.copyOf(ids), version, 0, 0);
    }

    static Ack read(long at, int rows, int foreign) {
        return new Ack(at, Kind.READ, List.of(), 0, rows, foreign);
    }

    String line() {
        String idList = ids.isEmpty() ? "-" : ids.stream().map(UUID::toString).collect(Collectors.joining(","));
        return at + " " + kind + " " + idList + " " + version + " " + rows + " " + foreign;
    }

    static Ack parse(String line) {
        String[] f = line.trim().split(" ");
        List<UUID> ids = f[2].equals("-") ? List.of() : Arrays.stream(f[2].split(",")).map(UUID::fromString).toList();
        return new Ack(Long.parseLong(f[0]), Kind.valueOf(f[1]), ids, Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]));
    }
}
