package dev.publicsafety.dal.copy;

import dev.publicsafety.dal.internal.UnitOfWork;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk loading with PostgreSQL's {@code COPY … FROM STDIN}, the fastest way in. Rows are given as
 * values of the generated fields' Java types (typed JSONB, enums, OffsetDateTime) and converted
 * through the fields' own converters, so a bulk load stores exactly what a jOOQ insert would. It
 * runs on the connection of {@code ctx}, inside its transaction: row-level security and
 * constraints apply, and a failure leaves nothing behind once that transaction rolls back.
 */
public final class CopyIn {

    private static final int FLUSH_BYTES = 1 << 16;

    private CopyIn() {
    }

    /**
     * Copies {@code rows} (one value per field, in order) into {@code table}; returns the row count.
     * Uses COPY's binary format when every field's type has a binary writer ({@link BinaryFormat}),
     * CSV otherwise.
     */
    public static long copy(DSLContext ctx, Table<?> table, List<? extends Field<?>> fields, Iterable<Object[]> rows) {
        CopyFormat format = BinaryFormat.forColumns(fields).orElseGet(CsvFormat::new);
        String columns = fields.stream().map(f -> ctx.render(f.getUnqualifiedName())).collect(Collectors.joining(", "));
        String sql = "COPY " + ctx.render(table) + " (" + columns + ") FROM STDIN (FORMAT " + format.option() + ")";
        return ctx.connectionResult(connection -> {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            org.postgresql.copy.CopyIn in = null;
            // jOOQ's listeners never see a COPY: it is timed and observed here, as one statement of the unit
            UnitOfWork.Timing timing = UnitOfWork.start(sql, connection);
            try {
                in = copy.copyIn(sql);
                Object[] values = new Object[fields.size()];
                for (Object[] row : rows) {
                    if (row.length != fields.size()) {
                        throw new IllegalArgumentException("a row for " + table.getName() + " has " + row.length
                                + " values, expected " + fields.size());
                    }
                    for (int i = 0; i < row.length; i++) {
                        values[i] = toDatabase(fields.get(i), row[i]);
                    }
                    format.appendRow(values);
                    if (format.buffered() >= FLUSH_BYTES) {
                        write(in, format);
                    }
                }
                format.finish();
                write(in, format);
                long copied = in.endCopy();
                if (timing != null) {
                    timing.end(null);
                }
                return copied;
            } catch (SQLException | RuntimeException e) {
                if (in != null) {
                    cancel(in, e);
                }
                if (timing != null) {
                    timing.end(e);
                }
                if (e instanceof SQLException sqlException) {
                    if (isConnectionFailure(sqlException)) {
                        revealBrokenConnection(connection);
                    }
                    throw new DataAccessException("COPY into " + table.getName() + " failed: " + sqlException.getMessage(), sqlException);
                }
                throw (RuntimeException) e;
            }
        });
    }

    private static void cancel(org.postgresql.copy.CopyIn in, Exception failure) {
        try {
            if (in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException cancelFailed) {
            failure.addSuppressed(cancelFailed); // the connection is gone; the original failure says why
        }
    }

    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"));
    }

    /**
     * COPY runs on the unwrapped driver connection, so a pool never sees its failure and would hand
     * the dead connection out again. A statement through the pool's own connection object fails the
     * same way and lets the pool evict it.
     */
    private static void revealBrokenConnection(java.sql.Connection connection) {
        try (java.sql.Statement probe = connection.createStatement()) {
            probe.execute("SELECT 1");
        } catch (SQLException expected) {
            // The point was for the pool to see this.
        }
    }

    private static void write(org.postgresql.copy.CopyIn in, CopyFormat format) throws SQLException {
        byte[] bytes = format.drain();
        in.writeToCopy(bytes, 0, bytes.length);
    }

    @SuppressWarnings("unchecked")
    private static Object toDatabase(Field<?> field, Object value) {
        if (value == null) {
            return null;
        }
        Converter<Object, Object> converter = (Converter<Object, Object>) field.getConverter();
        return converter.to(value);
    }
}
