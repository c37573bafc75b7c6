package dev.publicsafety.dal.drift;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.connect.OneLine;
import dev.publicsafety.dal.migration.CatalogSnapshot;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code dal revision --autogenerate}: a development database changed by hand, diffed against head
 * (a scratch database migrated to head, as {@code dal check} does) in both directions, and the pair of
 * files written from that diff proven on the scratch database: up, down, up, comparing catalogs (but for
 * column positions) each time.
 */
public final class Autogeneration implements AutoCloseable {

    /** How the round trip went: the first step that failed (null if none) and how many catalog lines the to-dos leave different. */
    public record RoundTrip(String failure, int leftToTodos) {

        /** This step's outcome, counting the most lines the to-dos left different in any step so far. */
        private RoundTrip after(RoundTrip earlier) {
            return new RoundTrip(failure, Math.max(leftToTodos, earlier.leftToTodos));
        }
    }

    private final Domain domain;
    private final DatabaseUrl development;
    private final String head;
    private final ScratchDatabase scratch;
    private final SchemaDiff.Plan up;
    private final SchemaDiff.Plan down;

    private Autogeneration(Domain domain, DatabaseUrl development, String head, ScratchDatabase scratch) {
        this.domain = domain;
        this.development = development;
        this.head = head;
        this.scratch = scratch;
        this.up = SchemaDiff.between(domain, scratch.dataSource(), development.dataSource());
        this.down = SchemaDiff.between(domain, development.dataSource(), scratch.dataSource());
    }

    /** Diffs {@code domain} in {@code development}, which must be at head: a database behind would show the missing migrations as changes. */
    public static Autogeneration start(Domain domain, DatabaseUrl development) {
        MigrationRunner runner = new MigrationRunner(development.dataSource());
        List<String> known = runner.knownVersions(domain);
        String head = known.get(known.size() - 1);
        String current = runner.currentVersionOrBase(domain);
        if (!current.equals(head)) {
            throw new IllegalStateException(domain.schema() + " in " + development.database() + " is at version " + current + ", head is "
                    + head + ": run dal migrate on it first, so that the diff holds only what was changed by hand");
        }
        ScratchDatabase scratch = ScratchDatabase.create(development);
        try {
            scratch.migrate(development, ScratchDatabase.versionsWithBuiltIns(runner, List.of(domain)));
            return new Autogeneration(domain, development, head, scratch);
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    /** The head version the development database is diffed against. */
    public String head() {
        return head;
    }

    /** DDL turning head into the development database. */
    public SchemaDiff.Plan up() {
        return up;
    }

    /** DDL turning the development database back into head. */
    public SchemaDiff.Plan down() {
        return down;
    }

    /**
     * Runs {@code upSql}, {@code downSql} and {@code upSql} again on the scratch database, each in one
     * transaction as Flyway runs a file, and compares its catalog with the development database after
     * each up and with head after the down; differences the to-dos account for are left out.
     */
    public RoundTrip prove(String upName, String upSql, String downName, String downSql) {
        List<String> headCatalog = catalog(scratch);
        List<String> devCatalog = withoutPositions(CatalogSnapshot.of(development.dataSource(), domain.schema()));
        Set<String> todoLines = new HashSet<>(withoutPositions(List.copyOf(up.leftDifferent())));
        todoLines.addAll(withoutPositions(List.copyOf(down.leftDifferent())));
        RoundTrip proof = step(upName, upSql, devCatalog, development.database(), todoLines);
        if (proof.failure() == null) {
            proof = step(downName, downSql, headCatalog, "head", todoLines).after(proof);
        }
        if (proof.failure() == null) {
            proof = step(upName + " (again)", upSql, devCatalog, development.database(), todoLines).after(proof);
        }
        return proof;
    }

    private RoundTrip step(String name, String sql, List<String> expected, String expectedName, Set<String> todoLines) {
        try (Connection connection = scratch.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                return new RoundTrip(name + " fails on the scratch database: "
                        + OneLine.escape(String.valueOf(e.getMessage()).lines().findFirst().orElse("")), 0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the scratch database: " + e.getMessage(), e);
        }
        List<String> actual = catalog(scratch);
        List<String> differing = actual.stream().filter(line -> !expected.contains(line)).toList();
        List<String> missing = expected.stream().filter(line -> !actual.contains(line)).toList();
        List<String> unexplained = Stream.concat(differing.stream(), missing.stream())
                .filter(line -> !todoLines.contains(line)).toList();
        int left = differing.size() + missing.size() - unexplained.size();
        if (!unexplained.isEmpty()) {
            return new RoundTrip("after " + name + " the scratch database differs from " + expectedName + " in " + unexplained.size()
                    + " catalog line" + (unexplained.size() == 1 ? "" : "s") + ", first: "
                    + OneLine.escape(unexplained.get(0).lines().findFirst().orElse("")), left);
        }
        return new RoundTrip(null, left);
    }

    private List<String> catalog(ScratchDatabase database) {
        return withoutPositions(CatalogSnapshot.of(database.dataSource(), domain.schema()));
    }

    /**
     * The catalog without column positions: DDL cannot put a column back where it was, so the undo of a
     * dropped column (and a rename written as drop and add) would otherwise never match.
     */
    private static List<String> withoutPositions(List<String> catalog) {
        return catalog.stream().map(line -> line.startsWith("column ") ? line.replaceFirst(" #\\d+ ", " ") : line).toList();
    }

    @Override
    public void close() {
        scratch.close();
    }
}
