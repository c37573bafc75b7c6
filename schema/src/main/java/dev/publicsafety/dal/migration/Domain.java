package dev.publicsafety.dal.migration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A schema with its own migration history, so an application can deploy one without the other.
 */
public enum Domain {
    FLEET("fleet"),
    TRAINING("training");

    /** Name of the history table Flyway keeps inside each domain's schema. */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private final String schema;

    Domain(String schema) {
        this.schema = schema;
    }

    /** The PostgreSQL schema holding this domain's tables. */
    public String schema() {
        return schema;
    }

    /** Classpath folder of the versioned migrations ({@code V<n>__<description>.sql}). */
    public String migrationLocation() {
        return "db/migration/" + schema;
    }

    /** Classpath folder of the undo scripts ({@code U<n>__<description>.sql}, one per migration). */
    public String undoLocation() {
        return "db/undo/" + schema;
    }

    /**
     * True for the tables of this domain's audit trail, which an undo or clean drops only with a
     * consent of its own ({@link DropConsent#dropAuditTrail()}).
     */
    public boolean isAuditTable(String table) {
        return this == FLEET && table.startsWith("audit_");
    }

    /** Resolves a name as typed by a user ({@code fleet}, {@code training}, {@code all}). */
    public static List<Domain> parse(String name) {
        String normalized = name == null ? "all" : name.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(values())
                .filter(d -> d.schema.equals(normalized))
                .map(List::of)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown domain '" + name + "': expected one of "
                        + Arrays.stream(values()).map(Domain::schema).collect(Collectors.joining(", ")) + " or all"));
    }
}
