package dev.publicsafety.dal.copy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.JSONB;
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

    /** Copies {@code rows} (one value per field, in order) into {@code table}; returns the row count. */
    public static long copy(DSLContext ctx, Table<?> table, List<? extends Field<?>> fields, Iterable<Object[]> rows) {
        String columns = fields.stream().map(f -> ctx.render(f.getUnqualifiedName())).collect(Collectors.joining(", "));
        String sql = "COPY " + ctx.render(table) + " (" + columns + ") FROM STDIN (FORMAT csv)";
        return ctx.connectionResult(connection -> {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            org.postgresql.copy.CopyIn in = null;
            try {
                in = copy.copyIn(sql);
                StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 4096);
                for (Object[] row : rows) {
                    if (row.length != fields.size()) {
                        throw new IllegalArgumentException("a row for " + table.getName() + " has " + row.length
                                + " values, expected " + fields.size());
                    }
                    appendRow(buffer, fields, row);
                    if (buffer.length() >= FLUSH_BYTES) {
                        write(in, buffer);
                    }
                }
                write(in, buffer);
                return in.endCopy();
            } catch (SQLException | RuntimeException e) {
                if (in != null) {
                    cancel(in, e);
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

    private static void write(org.postgresql.copy.CopyIn in, StringBuilder buffer) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    private static void appendRow(StringBuilder out, List<? extends Field<?>> fields, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendValue(out, toDatabase(fields.get(i), row[i]));
        }
        out.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static Object toDatabase(Field<?> field, Object value) {
        if (value == null) {
            return null;
        }
        Converter<Object, Object> converter = (Converter<Object, Object>) field.getConverter();
        return converter.to(value);
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            return; // an unquoted empty field is NULL in CSV COPY
        }
        String text;
        if (value instanceof JSONB jsonb) {
            text = jsonb.data();
        } else if (value instanceof EnumType enumValue) {
            text = enumValue.getLiteral();
        } else if (value instanceof String[] array) {
            text = textArray(array);
        } else {
            text = value.toString();
        }
        // Whole-string appends: copying char by char was the largest client-side cost of a bulk ingest.
        out.append('"').append(text.indexOf('"') < 0 ? text : text.replace("\"", "\"\"")).append('"');
    }

    private static String textArray(String[] values) {
        StringBuilder array = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                array.append(',');
            }
            array.append('"').append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return array.append('}').toString();
    }
}
