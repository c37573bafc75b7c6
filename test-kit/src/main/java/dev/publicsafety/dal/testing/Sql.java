package dev.publicsafety.dal.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Plain JDBC for a test's set-up and checks (a role to create, a row to count), kept here so that no
 * test class carries a copy. {@link TestDatabase#execute} and {@link TestDatabase#count} are these,
 * as the database's owner.
 */
public final class Sql {

    private Sql() {
    }

    /** Runs {@code statements} in order on a connection of {@code dataSource}, each on its own (autocommit). */
    public static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, statements);
        }
    }

    /** Runs {@code statements} in order on {@code connection}, which stays open. */
    public static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The number {@code query} returns in the first column of its one row, read on a connection of {@code dataSource}. */
    public static long count(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return count(connection, query);
        }
    }

    /** The number {@code query} returns in the first column of its one row, read on {@code connection}, which stays open. */
    public static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from: " + query);
            }
            return rs.getLong(1);
        }
    }
}
