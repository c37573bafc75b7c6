package dev.publicsafety.dal.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Statements a transaction must run before its first query, such as a fleet transaction's tenant
 * set-up, sent in the same flight as that query when it runs directly
 * ({@link RenderedQuery#fetchAfter}): one round trip instead of two. Its last statement returns one
 * row, which {@code reader} reads. Internal: not part of the library's API.
 */
public final class Preamble {

    /** Reads the preamble's row. */
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private final String sql;
    private final Object[] values;
    private final RowReader reader;

    /** {@code sql} is one or more statements separated by {@code ;}, its parameters filled with {@code values} in order. */
    public Preamble(String sql, Object[] values, RowReader reader) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.values = values.clone();
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    String sql() {
        return sql;
    }

    /** Binds the preamble's values from the first parameter on; returns the index of the next parameter. */
    int bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return values.length + 1;
    }

    /**
     * Reads the preamble's results from {@code statement}, just executed ({@code resultSet} is what
     * {@code execute()} returned): skips its statements' update counts, then reads its row.
     */
    void read(Statement statement, boolean resultSet) throws SQLException {
        while (!resultSet) {
            if (statement.getUpdateCount() == -1) {
                throw new IllegalStateException("the transaction's set-up returned no row: " + sql);
            }
            resultSet = statement.getMoreResults();
        }
        try (ResultSet row = statement.getResultSet()) {
            if (!row.next()) {
                throw new IllegalStateException("the transaction's set-up returned no row: " + sql);
            }
            reader.read(row);
        }
    }

    /** Runs the preamble on its own, on {@code ctx}'s connection: one round trip. */
    public void run(DSLContext ctx) {
        ctx.connection(connection -> {
            UnitOfWork.Timing timing = UnitOfWork.start(sql, connection);
            Throwable failure = null;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement);
                read(statement, statement.execute());
            } catch (SQLException | RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                if (timing != null) {
                    timing.end(failure);
                }
            }
        });
    }
}
