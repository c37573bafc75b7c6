package dev.publicsafety.dal.migration;

import dev.publicsafety.dal.connect.OneLine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A schema with its own migration history, so an application can deploy one without the other:
 * dal's built-in {@link #FLEET} and {@link #TRAINING}, or an application's own ({@link #of},
 * {@link #inFolder}), which every {@link MigrationRunner} verb takes alike.
 *
 * @param schema            the PostgreSQL schema holding the domain's tables (and its history table)
 * @param migrationLocation where the versioned migrations ({@code V<n>__<description>.sql}) are: a
 *                          classpath folder ({@code db/migration/billing}) or {@code filesystem:<folder>}
 * @param undoLocation      where their undo scripts ({@code U<n>__<description>.sql}) are, in the same form
 * @param historyTable      the name of the history table Flyway keeps inside {@code schema}
 */
public record Domain(String schema, String migrationLocation, String undoLocation, String historyTable) {

    /** Name of the history table Flyway keeps inside each built-in domain's schema (and an application's, by default). */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    /** The prefix of a location that is a folder rather than a classpath folder (Flyway's). */
    public static final String FILESYSTEM = "filesystem:";

    private static final String CLASSPATH = "classpath:";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final List<String> BUILT_IN = List.of("fleet", "training");
    private static final Set<String> RESERVED = Set.of("public", "information_schema");

    public static final Domain FLEET = dalLayout("fleet");
    public static final Domain TRAINING = dalLayout("training");

    /**
     * Checks the declaration: lower-case identifiers, and for an application a schema and classpath
     * locations of its own, as a built-in domain's migrations run only from dal's files.
     */
    public Domain {
        requireIdentifier("schema", schema);
        requireIdentifier("history table", historyTable);
        migrationLocation = withoutClasspathPrefix("migration location", migrationLocation);
        undoLocation = withoutClasspathPrefix("undo location", undoLocation);
        if (RESERVED.contains(schema) || schema.startsWith("pg_")) {
            throw new IllegalArgumentException("schema " + schema + " cannot be a domain: clean and undo drop a domain's schema");
        }
        if (BUILT_IN.contains(schema)) {
            if (!migrationLocation.equals("db/migration/" + schema) || !undoLocation.equals("db/undo/" + schema)
                    || !historyTable.equals(HISTORY_TABLE)) {
                throw new IllegalArgumentException("schema " + schema + " is dal's built-in domain: declare an application's"
                        + " domain with a schema of its own");
            }
        } else {
            for (String location : List.of(migrationLocation, undoLocation)) {
                for (String builtIn : BUILT_IN) {
                    for (String own : List.of("db/migration/" + builtIn, "db/undo/" + builtIn)) {
                        if ((own + "/").startsWith(location + "/") || location.startsWith(own + "/")) {
                            throw new IllegalArgumentException("location " + location + " overlaps " + own + ", which holds the"
                                    + " built-in domain " + builtIn + "'s migrations: give domain " + schema + " a folder of its own");
                        }
                    }
                }
            }
        }
    }

    /**
     * An application's domain laid out as dal lays out its own: migrations on the classpath under
     * {@code db/migration/<schema>}, undo scripts under {@code db/undo/<schema>}, history in
     * {@code <schema>.flyway_schema_history}.
     */
    public static Domain of(String schema) {
        return dalLayout(schema);
    }

    /**
     * An application's domain read from folders, as {@code dal --domain <schema>=<root>} declares it:
     * {@code <root>/db/migration/<schema>} and {@code <root>/db/undo/<schema>} (a resources folder of
     * the application holds them so, and {@link #of} then finds them on its classpath).
     */
    public static Domain inFolder(String schema, Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return new Domain(schema, FILESYSTEM + absolute.resolve("db/migration/" + schema),
                FILESYSTEM + absolute.resolve("db/undo/" + schema), HISTORY_TABLE);
    }

    /** True for dal's own fleet and training domains. */
    public boolean isBuiltIn() {
        return BUILT_IN.contains(schema);
    }

    /**
     * True for the tables of this domain's audit trail, which an undo or clean drops only with a
     * consent of its own ({@link DropConsent#dropAuditTrail()}).
     */
    public boolean isAuditTable(String table) {
        return equals(FLEET) && table.startsWith("audit_");
    }

    /** dal's built-in domains, in the order {@link MigrationRunner#migrateAll()} migrates them. */
    public static Domain[] values() {
        return new Domain[] {FLEET, TRAINING};
    }

    /** Resolves a built-in domain's name as typed by a user ({@code fleet}, {@code training}, {@code all}). */
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

    private static Domain dalLayout(String schema) {
        return new Domain(schema, "db/migration/" + schema, "db/undo/" + schema, HISTORY_TABLE);
    }

    private static void requireIdentifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("a domain's " + what + " must be a lower-case identifier (a-z, 0-9, _), was '"
                    + (name == null ? "" : OneLine.escape(name)) + "'");
        }
    }

    private static String withoutClasspathPrefix(String what, String location) {
        if (location == null || location.isBlank() || location.equals(FILESYSTEM)) {
            throw new IllegalArgumentException("a domain's " + what + " is missing");
        }
        String bare = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
        return bare.startsWith(FILESYSTEM) ? bare : bare.replaceAll("^/+|/+$", "");
    }
}
