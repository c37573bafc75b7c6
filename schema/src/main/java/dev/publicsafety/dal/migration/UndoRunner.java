package dev.publicsafety.dal.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Reverts applied migrations, which Flyway Community cannot do. Every versioned migration
 * {@code V<n>__<name>.sql} has an undo script {@code U<n>__<name>.sql} in the domain's undo
 * folder. One call runs all the undo scripts it needs and removes their history rows in a single
 * transaction: PostgreSQL DDL is transactional, so an undo either completes or changes nothing.
 * When nothing remains applied, the history table goes too, and the schema if Flyway created it
 * and it is empty, so that "downgrade base" leaves the database as it was before the first migrate.
 * Before it commits, it works out what the undo drops ({@link DropPlan}) and refuses, changing
 * nothing, what the caller's {@link DropConsent} does not cover.
 */
public final class UndoRunner {

    private record HistoryRow(int installedRank, MigrationVersion version, String script, String type, boolean success) {
        boolean isSqlMigration() {
            return "SQL".equals(type);
        }
    }

    private final DataSource dataSource;
    private final MigrationRunner migrations;
    private final ClassLoader classLoader;

    UndoRunner(DataSource dataSource, MigrationRunner migrations, ClassLoader classLoader) {
        this.dataSource = dataSource;
        this.migrations = migrations;
        this.classLoader = classLoader;
    }

    /** Reverts the last {@code steps} migrations, or with {@code dryRun} only works out what that would drop. */
    DropPlan undo(Domain domain, int steps, DropConsent consent, boolean dryRun) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be at least 1, was " + steps);
        }
        return revert(domain, applied -> Math.min(steps, applied.size()), consent, dryRun);
    }

    /** Reverts until {@code targetVersion} ({@code base} or {@code 0}: everything) is the current version. */
    DropPlan undoTo(Domain domain, String targetVersion, DropConsent consent, boolean dryRun) {
        MigrationVersion target = MigrationRunner.isBase(targetVersion)
                ? MigrationVersion.EMPTY
                : migrations.knownVersion(domain, targetVersion);
        return revert(domain, applied -> (int) applied.stream().filter(row -> row.version.compareTo(target) > 0).count(),
                consent, dryRun);
    }

    private interface StepCount {
        int of(List<HistoryRow> appliedNewestFirst);
    }

    private DropPlan revert(Domain domain, StepCount stepCount, DropConsent consent, boolean dryRun) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                DropPlan plan = revert(connection, domain, stepCount, consent, dryRun);
                if (dryRun) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
                return plan;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MigrationException("undo of " + domain.schema() + " failed and was rolled back, nothing changed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs the undo inside a savepoint to see what it drops, rolls back to count the rows of what
     * goes, and only then, if {@code consent} covers it, runs it for real: deciding and dropping
     * happen in one transaction, so no write can slip in between.
     */
    private DropPlan revert(Connection connection, Domain domain, StepCount stepCount, DropConsent consent, boolean dryRun)
            throws SQLException {
        if (!historyExists(connection, domain)) {
            return DropPlan.nothing(domain);
        }
        try (Statement lock = connection.createStatement()) {
            // Blocks a concurrent migrate from recording a migration while we revert.
            lock.execute("LOCK TABLE " + qualifiedHistoryTable(domain) + " IN ACCESS EXCLUSIVE MODE");
        }
        List<HistoryRow> rows = readHistory(connection, qualifiedHistoryTable(domain));
        for (HistoryRow row : rows) {
            if (!row.success) {
                throw new MigrationException("migration " + row.script + " in " + domain.schema()
                        + " is recorded as failed: fix it, run 'dal repair', then undo");
            }
        }
        List<HistoryRow> applied = rows.stream()
                .filter(HistoryRow::isSqlMigration)
                .sorted(Comparator.comparing(HistoryRow::version).reversed())
                .toList();
        List<HistoryRow> reverted = applied.subList(0, stepCount.of(applied));
        if (reverted.isEmpty()) {
            return DropPlan.nothing(domain);
        }
        SchemaContents before = SchemaContents.read(connection, domain.schema());
        Savepoint trial = connection.setSavepoint();
        String sql = run(connection, domain, rows, applied, reverted);
        SchemaContents after = SchemaContents.read(connection, domain.schema());
        connection.rollback(trial);
        DropPlan plan = before.droppedIn(after, connection, domain,
                reverted.stream().map(row -> row.script).toList(), sql);
        if (dryRun) {
            return plan;
        }
        consent.check(plan);
        run(connection, domain, rows, applied, reverted);
        return plan;
    }

    /** Runs the undo scripts of {@code reverted} and forgets them in the history; returns the SQL it ran. */
    private String run(Connection connection, Domain domain, List<HistoryRow> rows, List<HistoryRow> applied,
                              List<HistoryRow> reverted) throws SQLException {
        String history = qualifiedHistoryTable(domain);
        StringBuilder sql = new StringBuilder();
        for (HistoryRow row : reverted) {
            String undoScript = undoScriptFor(domain, row.script);
            try (Statement statement = connection.createStatement()) {
                statement.execute(undoScript);
            } catch (SQLException e) {
                throw new MigrationException("undo script " + undoName(domain, row.script) + " failed: " + e.getMessage()
                        + "; the transaction was rolled back, nothing changed", e);
            }
            String forget = "DELETE FROM " + history + " WHERE installed_rank = " + row.installedRank;
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate(forget);
            }
            sql.append("-- ").append(undoName(domain, row.script)).append('\n').append(undoScript.strip()).append('\n')
                    .append(forget).append(";\n");
        }
        // A baselined schema's objects predate its history: undo stops at the baseline and keeps it.
        boolean baselined = rows.stream().anyMatch(row -> "BASELINE".equals(row.type));
        if (reverted.size() == applied.size() && !baselined) {
            sql.append(dropHistoryAndSchema(connection, domain, rows));
        }
        return sql.toString();
    }

    private static String dropHistoryAndSchema(Connection connection, Domain domain, List<HistoryRow> rows) throws SQLException {
        String sql = "DROP TABLE " + qualifiedHistoryTable(domain);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        boolean flywayCreatedSchema = rows.stream().anyMatch(row -> "SCHEMA".equals(row.type));
        if (flywayCreatedSchema && schemaIsEmpty(connection, domain)) {
            String dropSchema = "DROP SCHEMA \"" + domain.schema() + "\"";
            try (Statement statement = connection.createStatement()) {
                statement.execute(dropSchema);
            }
            sql += ";\n" + dropSchema;
        }
        return sql + ";\n";
    }

    private static boolean schemaIsEmpty(Connection connection, Domain domain) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid)
                     + (SELECT count(*) FROM pg_proc p WHERE p.pronamespace = n.oid)
                     + (SELECT count(*) FROM pg_type t WHERE t.typnamespace = n.oid)
                  FROM pg_namespace n WHERE n.nspname = ?""")) {
            query.setString(1, domain.schema());
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getLong(1) == 0;
            }
        }
    }

    private static boolean historyExists(Connection connection, Domain domain) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, qualifiedHistoryTable(domain));
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static List<HistoryRow> readHistory(Connection connection, String history) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT installed_rank, version, script, type, success FROM " + history)) {
            while (rs.next()) {
                String version = rs.getString(2);
                rows.add(new HistoryRow(rs.getInt(1),
                        version == null ? null : MigrationVersion.fromVersion(version),
                        rs.getString(3), rs.getString(4), rs.getBoolean(5)));
            }
        }
        return rows;
    }

    private String undoScriptFor(Domain domain, String migrationScript) {
        return DomainFiles.undo(domain, undoFile(migrationScript), classLoader).orElseThrow(() -> new MigrationException(
                "no undo script " + undoName(domain, migrationScript) + " for applied migration " + migrationScript
                        + ": every V<n>__name.sql needs a matching U<n>__name.sql"));
    }

    private static String undoFile(String migrationScript) {
        String file = migrationScript.substring(migrationScript.lastIndexOf('/') + 1);
        return "U" + file.substring(1);
    }

    private static String undoName(Domain domain, String migrationScript) {
        return domain.undoLocation() + "/" + undoFile(migrationScript);
    }

    private static String qualifiedHistoryTable(Domain domain) {
        return "\"" + domain.schema() + "\".\"" + domain.historyTable() + "\"";
    }
}
