package dev.publicsafety.dal.training.adopt;

import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationException;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Brings a database made by the simulator's own Alembic migrations (tables in {@code public},
 * {@code alembic_version} 001 or 002) under dal: moves its five tables and three enum types into
 * schema {@code training}, aligns them with training version 1, records version 1 in the training
 * history, gives every scenario a {@code scenario_key} and migrates to head. All of it runs in one
 * transaction (Flyway joins it through {@link SingleConnectionDataSource}): it completes, or the
 * database is as it was. A dry run does the same and rolls back, so its plan is what would happen.
 */
public final class SimulatorAdoption {

    /** Simulator revisions whose tables this class knows: 002 only adds rows to 001's tables. */
    public static final List<String> KNOWN_REVISIONS = List.of("001", "002");
    static final List<String> TABLES = List.of("training_scenarios", "call_sessions", "call_transcripts",
            "extracted_entities", "performance_metrics");
    static final List<String> TYPES = List.of("difficulty_level_enum", "call_session_status_enum", "speaker_enum");
    /** The training version the aligned tables are at; recorded as the history's baseline. */
    static final String ADOPTED_VERSION = "1";
    /** The version that adds {@code scenario_key}; keys are derived there, before V4's updated_at trigger exists. */
    static final String KEY_VERSION = "2";

    private static final String ALIGNMENT = "adopt/simulator-to-training-v1.sql";
    private static final String SCENARIO_TIMESTAMPS = "adopt/scenario-timestamps.sql";
    private static final String TRAINING_V1 = Domain.TRAINING.migrationLocation() + "/V1__training_initial_schema.sql";
    private static final String UNCHANGED = "; the database is unchanged";
    /** How long to wait for the simulator's tables; a running simulator holds locks on them. */
    private static final int LOCK_TIMEOUT_SECONDS = 10;

    /** What an adoption did (or, on a dry run, would do), one step per line, and the version it reached. */
    public record Report(String revision, List<String> steps, String version, boolean dryRun) {
    }

    private final DataSource dataSource;

    public SimulatorAdoption(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adopts the database; throws {@link MigrationException}, with the database unchanged, if it cannot. */
    public Report adopt() {
        return run(false);
    }

    /** Does everything {@link #adopt()} does, then rolls it back. */
    public Report dryRun() {
        return run(true);
    }

    private Report run(boolean dryRun) {
        try (Connection connection = dataSource.getConnection()) {
            return inOneTransaction(connection, dryRun);
        } catch (SQLException e) {
            throw new DataAccessException("cannot connect: " + firstLine(e.getMessage()), e);
        }
    }

    private Report inOneTransaction(Connection connection, boolean dryRun) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Report report = adopt(connection, dryRun);
            if (dryRun) {
                connection.rollback();
            } else {
                connection.commit();
            }
            return report;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            if (e instanceof MigrationException refused && refused.getMessage().endsWith(UNCHANGED)) {
                throw refused;
            }
            String why = e instanceof SQLException sql && "55P03".equals(sql.getSQLState())
                    ? "the simulator's tables are in use (waited " + LOCK_TIMEOUT_SECONDS
                            + " s for a lock): stop the simulator, then adopt again"
                    : firstLine(e.getMessage());
            throw new MigrationException("adoption failed and was rolled back: " + why + UNCHANGED, e);
        }
    }

    private Report adopt(Connection connection, boolean dryRun) throws SQLException {
        execute(connection, "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT_SECONDS + "s'");
        String revision = refuseUnlessAdoptable(connection);
        List<String> steps = new ArrayList<>();
        steps.add("found simulator revision " + revision + " in public.alembic_version");

        execute(connection, "LOCK TABLE " + TABLES.stream().map(t -> "public." + t).collect(Collectors.joining(", "))
                + " IN ACCESS EXCLUSIVE MODE");
        List<String> counted = new ArrayList<>();
        for (String table : TABLES) {
            counted.add(table + " (" + count(connection, "SELECT count(*) FROM public." + table) + " rows)");
        }
        long nullMetadata = count(connection, "SELECT (SELECT count(*) FROM public.call_sessions WHERE metadata IS NULL)"
                + " + (SELECT count(*) FROM public.extracted_entities WHERE metadata IS NULL)");

        execute(connection, "CREATE SCHEMA IF NOT EXISTS training");
        for (String table : TABLES) {
            execute(connection, "ALTER TABLE public." + table + " SET SCHEMA training");
        }
        steps.add("moved tables to schema training: " + String.join(", ", counted));
        for (String type : TYPES) {
            execute(connection, "ALTER TYPE public." + type + " SET SCHEMA training");
        }
        steps.add("moved types to schema training: " + String.join(", ", TYPES));

        execute(connection, resource(ALIGNMENT));
        for (String statement : versionOneCommentsAndIndexes()) {
            execute(connection, statement);
        }
        steps.add("aligned them with training version " + ADOPTED_VERSION
                + ": defaults, checks, column widths, index names, comments; " + nullMetadata + " NULL metadata set to {}");
        execute(connection, "DROP TABLE public.alembic_version");
        steps.add("dropped public.alembic_version");

        MigrationRunner migrations = new MigrationRunner(new SingleConnectionDataSource(connection));
        migrations.baseline(Domain.TRAINING, ADOPTED_VERSION);
        steps.add("recorded version " + ADOPTED_VERSION + " in training.flyway_schema_history");
        migrations.migrateTo(Domain.TRAINING, KEY_VERSION);
        steps.addAll(deriveScenarioKeys(connection));
        migrations.migrate(Domain.TRAINING);
        execute(connection, resource(SCENARIO_TIMESTAMPS));
        String version = migrations.currentVersion(Domain.TRAINING).orElseThrow();
        steps.add("migrated training to version " + version);
        return new Report(revision, List.copyOf(steps), version, dryRun);
    }

    /** The simulator's revision, after checking there is one to adopt and nowhere to conflict. */
    private static String refuseUnlessAdoptable(Connection connection) throws SQLException {
        if (exists(connection, "SELECT to_regclass('training." + Domain.HISTORY_TABLE + "') IS NOT NULL")) {
            throw new MigrationException("training is already managed by dal (it has a migration history), nothing to adopt"
                    + UNCHANGED);
        }
        List<String> inTraining = strings(connection, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'training' AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY 1");
        if (!inTraining.isEmpty()) {
            throw new MigrationException("schema training already has tables (" + String.join(", ", inTraining)
                    + "); adopt moves the simulator's tables there and needs it without them" + UNCHANGED);
        }
        if (!exists(connection, "SELECT to_regclass('public.alembic_version') IS NOT NULL")) {
            throw new MigrationException("no public.alembic_version: this database was not made by the simulator's migrations"
                    + UNCHANGED);
        }
        List<String> revisions = strings(connection, "SELECT version_num FROM public.alembic_version ORDER BY 1");
        if (revisions.size() != 1 || !KNOWN_REVISIONS.contains(revisions.get(0))) {
            throw new MigrationException("public.alembic_version is " + (revisions.isEmpty() ? "empty" : "'" + String.join("', '", revisions) + "'")
                    + ", not a simulator revision dal adopt knows (" + String.join(", ", KNOWN_REVISIONS) + ")" + UNCHANGED);
        }
        List<String> missing = new ArrayList<>();
        for (String table : TABLES) {
            if (!exists(connection, "SELECT to_regclass('public." + table + "') IS NOT NULL")) {
                missing.add("table public." + table);
            }
        }
        for (String type : TYPES) {
            if (!exists(connection, "SELECT to_regtype('public." + type + "') IS NOT NULL")) {
                missing.add("type public." + type);
            }
        }
        if (!missing.isEmpty()) {
            throw new MigrationException("revision " + revisions.get(0) + " of the simulator has them, but this database lacks "
                    + String.join(", ", missing) + UNCHANGED);
        }
        return revisions.get(0);
    }

    /** Keys for the scenarios that have none, oldest first; one step line per scenario. */
    private static List<String> deriveScenarioKeys(Connection connection) {
        DSLContext ctx = DSL.using(connection, SQLDialect.POSTGRES);
        List<ScenarioKeys.Unkeyed> unkeyed = ctx.select(TRAINING_SCENARIOS.ID, TRAINING_SCENARIOS.NAME)
                .from(TRAINING_SCENARIOS)
                .where(TRAINING_SCENARIOS.SCENARIO_KEY.isNull())
                // The simulator's created_at, set aside by the alignment until V4 (see scenario-timestamps.sql).
                .orderBy(DSL.field(DSL.name("simulator_created_at")), TRAINING_SCENARIOS.ID)
                .fetch(r -> new ScenarioKeys.Unkeyed(r.value1(), r.value2()));
        Set<String> taken = new HashSet<>(ctx.select(TRAINING_SCENARIOS.SCENARIO_KEY).from(TRAINING_SCENARIOS)
                .where(TRAINING_SCENARIOS.SCENARIO_KEY.isNotNull()).fetch(TRAINING_SCENARIOS.SCENARIO_KEY));
        Map<UUID, String> keys = ScenarioKeys.derive(unkeyed, taken);
        List<String> steps = new ArrayList<>();
        for (ScenarioKeys.Unkeyed scenario : unkeyed) {
            String key = keys.get(scenario.id());
            ctx.update(TRAINING_SCENARIOS).set(TRAINING_SCENARIOS.SCENARIO_KEY, key)
                    .where(TRAINING_SCENARIOS.ID.eq(scenario.id())).execute();
            steps.add("scenario key " + key + " for '" + scenario.name() + "'");
        }
        return steps;
    }

    /**
     * V1's comments and indexes, taken from V1 itself so the two cannot differ; indexes the alignment
     * already renamed are skipped. Applied migrations never change, so this text is fixed.
     */
    private static List<String> versionOneCommentsAndIndexes() {
        String withoutComments = Arrays.stream(resource(TRAINING_V1).split("\n"))
                .filter(line -> !line.stripLeading().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";\\s*\n"))
                .map(String::strip)
                .filter(s -> s.startsWith("COMMENT ON ") || s.startsWith("CREATE INDEX "))
                .map(s -> s.startsWith("CREATE INDEX ") ? "CREATE INDEX IF NOT EXISTS " + s.substring("CREATE INDEX ".length()) : s)
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = SimulatorAdoption.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean exists(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
