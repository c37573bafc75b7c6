package dev.publicsafety.dal.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.TableRecord;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DataException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.exception.NoDataFoundException;
import org.jooq.impl.DSL;

/**
 * A repository query on a hot path: written with jOOQ's DSL, rendered by jOOQ once, then run many
 * times with new bind values.
 *
 * <p>Internal to the data layer, not part of its API: {@code FleetDatabase} and
 * {@code TrainingDatabase} render their hot queries once, when they are built, and run them in
 * every transaction they open.
 *
 * <p>Rendering is about two thirds of what jOOQ adds to a one-row query, and its execution
 * lifecycle most of the rest (docs/benchmarks.md); jOOQ's manual suggests caching the SQL it
 * generates on such paths. So each call prepares the cached SQL on the connection of the context it
 * is given (inside its transaction, if any), binds plain values through JDBC, and reads the rows back
 * through jOOQ ({@link DSLContext#fetchOptional(ResultSet, Field[])}), so converters and enums map
 * as everywhere else; SQL errors become the same {@link DataAccessException} subclasses jOOQ throws.
 *
 * <p>Where a short cut would change what an application sees, the query runs through jOOQ's normal
 * execution instead, with the same SQL: when the context has execute listeners (tracing, logging,
 * the plan test's capture), a query timeout, max-rows or fetch-size setting, or when a parameter
 * needs a jOOQ binding or converter (JSONB, custom types).
 *
 * @param <R> the record of the template's fields: build it with {@code select(fields…)} or
 *     {@code returningResult(fields…)}, not from a table's record
 */
public final class RenderedQuery<R extends Record> {

    /** Types pgjdbc binds exactly as jOOQ's default binding would. */
    private static final Set<Class<?>> JDBC_TYPES = Set.of(UUID.class, String.class, Long.class, Integer.class, Short.class,
            Double.class, Float.class, Boolean.class, BigDecimal.class, OffsetDateTime.class, LocalDate.class);

    private final String sql;
    private final List<Param<?>> params;
    private final Field<?>[] fields;
    private final boolean plainParams;

    private RenderedQuery(String sql, List<Param<?>> params, Field<?>[] fields, boolean plainParams) {
        this.sql = sql;
        this.params = params;
        this.fields = fields;
        this.plainParams = plainParams;
    }

    /**
     * Renders {@code template} with {@code ctx}'s dialect and settings (schema mapping included).
     * Its parameters, made with {@link DSL#param(String, Field)}, are filled in order by each call.
     */
    public static <R extends Record> RenderedQuery<R> of(DSLContext ctx, ResultQuery<R> template) {
        if (TableRecord.class.isAssignableFrom(template.getRecordType())) {
            throw new IllegalArgumentException("a rendered query selects fields, not a table's record: use select(fields…)");
        }
        List<Param<?>> params = List.copyOf(template.getParams().values());
        boolean plainParams = params.stream().allMatch(RenderedQuery::bindsThroughJdbc);
        return new RenderedQuery<>(ctx.render(template), params, template.fields(), plainParams);
    }

    /** The SQL every call sends. */
    public String sql() {
        return sql;
    }

    /** Whether calls on {@code ctx} skip jOOQ's execution lifecycle (see the class comment for when they cannot). */
    boolean runsDirectly(DSLContext ctx) {
        return plainParams && runsDirectly(ctx.configuration());
    }

    /**
     * Runs the query on {@code ctx} (and in its transaction) with {@code values} for its
     * parameters, in order; at most one row may come back ({@link org.jooq.exception.TooManyRowsException}
     * otherwise).
     */
    @SuppressWarnings("unchecked") // the rows are read with the template's fields, so they are its record type
    public Optional<R> fetchOptional(DSLContext ctx, Object... values) {
        check(values);
        if (!runsDirectly(ctx)) {
            Object[] bound = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                bound[i] = DSL.val(values[i], params.get(i).getDataType());
            }
            return (Optional<R>) ctx.resultQuery(sql, bound).coerce(fields).fetchOptional();
        }
        return (Optional<R>) ctx.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    bind(statement, i + 1, params.get(i), values[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return ctx.fetchOptional(rows, fields);
                }
            } catch (SQLException e) {
                throw translate(e);
            }
        });
    }

    /** Runs the query with {@code values}; exactly one row must come back, as from an insert … returning. */
    public R fetchSingle(DSLContext ctx, Object... values) {
        return fetchOptional(ctx, values).orElseThrow(() -> new NoDataFoundException("no row from: " + sql));
    }

    private void check(Object[] values) {
        if (values.length != params.size()) {
            throw new IllegalArgumentException("query takes " + params.size() + " values, got " + values.length + ": " + sql);
        }
        for (int i = 0; i < values.length; i++) {
            Param<?> param = params.get(i);
            if (values[i] != null && !param.getType().isInstance(values[i])) {
                throw new IllegalArgumentException("parameter " + (i + 1) + " (" + param.getParamName() + ") takes "
                        + param.getType().getSimpleName() + ", got " + values[i].getClass().getSimpleName());
            }
        }
    }

    private static boolean runsDirectly(Configuration configuration) {
        Settings settings = configuration.settings();
        return configuration.executeListenerProviders().length == 0 && isUnset(settings.getQueryTimeout())
                && isUnset(settings.getMaxRows()) && isUnset(settings.getFetchSize());
    }

    private static boolean isUnset(Integer setting) {
        return setting == null || setting == 0;
    }

    private static boolean bindsThroughJdbc(Param<?> param) {
        Class<?> type = param.getType();
        boolean noConverter = param.getDataType().getConverter().fromType() == type;
        return noConverter && (JDBC_TYPES.contains(type) || EnumType.class.isAssignableFrom(type));
    }

    private static void bind(PreparedStatement statement, int index, Param<?> param, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, param.getDataType().getSQLType());
        } else if (value instanceof EnumType literal) {
            // jOOQ renders enum parameters with a cast to the enum type, so the literal's text is what it expects.
            statement.setString(index, literal.getLiteral());
        } else {
            statement.setObject(index, value);
        }
    }

    /** As jOOQ translates a failed statement, so that callers catch the same exceptions either way. */
    private DataAccessException translate(SQLException e) {
        String message = "SQL [" + sql + "]; " + e.getMessage();
        return switch (DataAccessException.sqlStateClass(e)) {
            case C22_DATA_EXCEPTION -> new DataException(message, e);
            case C23_INTEGRITY_CONSTRAINT_VIOLATION -> new IntegrityConstraintViolationException(message, e);
            default -> new DataAccessException(message, e);
        };
    }
}
