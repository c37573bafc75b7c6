package dev.publicsafety.dal.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Configuration;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DataException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.exception.NoDataFoundException;
import org.jooq.exception.TooManyRowsException;
import org.jooq.impl.DSL;
import org.postgresql.util.PGobject;

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
 * is given (inside its transaction, if any), binds plain values through JDBC, and reads the row with
 * plain JDBC as jOOQ's binding for each column's type would ({@link ColumnReader}), converters and
 * enums included; a column of another type makes it read the rows through jOOQ
 * ({@link DSLContext#fetchOptional(ResultSet, Field[])}). SQL errors become the same
 * {@link DataAccessException} subclasses jOOQ throws.
 *
 * <p>Where a short cut would change what an application sees, the query runs through jOOQ's normal
 * execution instead, with the same SQL: when the context has execute listeners (tracing, logging,
 * the plan test's capture; not the data layer's own instrumentation, which times a direct call
 * itself), a query timeout, max-rows or fetch-size setting, or when a parameter's
 * stored type needs a jOOQ binding (anything but the plain JDBC types, JSONB, text arrays and enums).
 *
 * @param <R> the record of the template's fields ({@code select(fields…)}, {@code returningResult(fields…)})
 *     or of its table ({@code selectFrom(table)}, {@code returning()})
 */
public final class RenderedQuery<R extends Record> {

    /** Types pgjdbc binds exactly as jOOQ's default binding would. */
    private static final Set<Class<?>> JDBC_TYPES = Set.of(UUID.class, String.class, Long.class, Integer.class, Short.class,
            Double.class, Float.class, Boolean.class, BigDecimal.class, OffsetDateTime.class, LocalDate.class);

    /**
     * The PostgreSQL type of a null whose JDBC type pgjdbc would send as unknown ({@code setNull(i,
     * Types.OTHER)} for a uuid or jsonb, {@code Types.ARRAY}). A statement with a parameter of unknown
     * type is described by pgjdbc, and pgjdbc will not send a described statement whose rows have no
     * bounded size (any text column) in the same flight as the statements before it: a write after
     * the transaction's set-up ({@link #fetchAfter}) would cost a round trip more.
     */
    private static final Map<Class<?>, String> NULL_TYPES = Map.of(UUID.class, "uuid", JSONB.class, "jsonb",
            String[].class, "text[]", LocalDate.class, "date");

    private final String sql;
    private final List<Param<?>> params;
    private final Field<?>[] fields;
    /**
     * The field of the record a row is read into that each column sets: the table's own field where
     * the template selects a table's record, found once here. A record finds its own field by
     * identity; a column of the statement ({@code "changed"."id"} of a write and its audit row) it
     * would find by comparing names, column by column, on every row.
     */
    private final Field<?>[] targets;
    /** The table whose records the template selects ({@code selectFrom(table)}), or null for a record of its fields. */
    private final Table<?> table;
    private final boolean plainParams;
    /** How each column is read, for a context whose {@code bindOffsetDateTimeType} is false / true; null where jOOQ must read the rows. */
    private final ColumnReader[][] readers;

    private RenderedQuery(String sql, List<Param<?>> params, Field<?>[] fields, Table<?> table, boolean plainParams) {
        this.sql = sql;
        this.params = params;
        this.fields = fields;
        this.table = table;
        this.targets = table == null ? fields : targets(table, fields);
        this.plainParams = plainParams;
        this.readers = new ColumnReader[][] {readers(fields, false), readers(fields, true)};
    }

    /**
     * Renders {@code template} with {@code ctx}'s dialect and settings (schema mapping included).
     * Its parameters, made with {@link DSL#param(String, Field)}, are filled in order by each call.
     * A template of {@code selectFrom(table)} (or an insert or update returning the table's record)
     * returns that table's records, as fetched: attached, nothing changed.
     */
    public static <R extends Record> RenderedQuery<R> of(DSLContext ctx, ResultQuery<R> template) {
        // inline values are part of the SQL, not bound
        List<Param<?>> params = template.getParams().values().stream().filter(param -> !param.isInline()).toList();
        boolean plainParams = params.stream().allMatch(RenderedQuery::bindsThroughJdbc);
        // a select's own fields, not fields() (those of the query as a derived table): a record's field
        // is then found by identity, where a lookup by name is ambiguous for a join's columns of one name
        Field<?>[] fields = template instanceof Select<?> select ? select.getSelect().toArray(Field<?>[]::new) : template.fields();
        return new RenderedQuery<>(ctx.render(template), params, fields, tableOf(template.getRecordType()), plainParams);
    }

    private static Table<?> tableOf(Class<? extends Record> recordType) {
        if (!TableRecord.class.isAssignableFrom(recordType)) {
            return null;
        }
        try {
            return ((TableRecord<?>) recordType.getConstructor().newInstance()).getTable();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a record of " + recordType.getName() + " to learn its table", e);
        }
    }

    private static Field<?>[] targets(Table<?> table, Field<?>[] fields) {
        Field<?>[] targets = new Field<?>[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Field<?> own = table.field(fields[i]);
            targets[i] = own == null ? fields[i] : own;
        }
        return targets;
    }

    private static ColumnReader[] readers(Field<?>[] fields, boolean offsetDateTimeAsObject) {
        ColumnReader[] readers = new ColumnReader[fields.length];
        for (int i = 0; i < fields.length; i++) {
            readers[i] = ColumnReader.of(fields[i], offsetDateTimeAsObject);
            if (readers[i] == null) {
                return null;
            }
        }
        return readers;
    }

    /** The SQL every call sends. */
    public String sql() {
        return sql;
    }

    /** The parameters' names, in the order each call gives their values. */
    public List<String> parameterNames() {
        return params.stream().map(Param::getParamName).toList();
    }

    /**
     * This query, if jOOQ rendered its parameters in the order {@code names} gives; else fails naming
     * {@code what}: values are passed by position, so another order would bind them to the wrong
     * columns.
     */
    public RenderedQuery<R> requireParameters(String what, List<String> names) {
        if (!parameterNames().equals(names)) {
            throw new IllegalStateException("jOOQ rendered the parameters of " + what + " as " + parameterNames() + ", not " + names);
        }
        return this;
    }

    /** Whether calls on {@code ctx} skip jOOQ's execution lifecycle (see the class comment for when they cannot). */
    boolean runsDirectly(DSLContext ctx) {
        return plainParams && runsDirectly(ctx.configuration());
    }

    /**
     * Runs the query on {@code ctx} (and in its transaction) with {@code values} for its
     * parameters, in order; at most one row may come back ({@link TooManyRowsException} otherwise).
     */
    public Optional<R> fetchOptional(DSLContext ctx, Object... values) {
        return fetchOptionalAfter(ctx, null, values);
    }

    /** {@link #fetchOptional} after {@code preamble} (if not null), as {@link #fetchAfter} runs them. */
    public Optional<R> fetchOptionalAfter(DSLContext ctx, Preamble preamble, Object... values) {
        List<R> rows = fetchAfter(ctx, preamble, 1, values);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs the query with {@code values} and returns every row. */
    public List<R> fetch(DSLContext ctx, Object... values) {
        return fetchAfter(ctx, null, Integer.MAX_VALUE, values);
    }

    /**
     * Runs {@code preamble} (if not null) and then the query with {@code values}, on {@code ctx}'s
     * connection; returns the query's rows, failing with {@link TooManyRowsException} past
     * {@code most}. When the query runs directly the two go to the server in one flight, else the
     * preamble runs first on its own.
     */
    @SuppressWarnings("unchecked") // the rows are read with the template's fields, so they are its record type
    public List<R> fetchAfter(DSLContext ctx, Preamble preamble, int most, Object... values) {
        check(values);
        List<R> rows;
        if (!runsDirectly(ctx)) {
            if (preamble != null) {
                preamble.run(ctx);
            }
            Object[] bound = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                bound[i] = DSL.val(values[i], params.get(i).getDataType());
            }
            ResultQuery<Record> query = ctx.resultQuery(sql, bound);
            rows = (List<R>) (table == null ? query.coerce(fields) : query.coerce(table)).fetch();
        } else {
            ColumnReader[] columns = readers[Boolean.TRUE.equals(ctx.settings().isBindOffsetDateTimeType()) ? 1 : 0];
            String text = preamble == null ? sql : preamble.sql() + "; " + sql;
            rows = ctx.connectionResult(connection -> {
                // the set-up and the query are one flight, timed as the query's statement
                UnitOfWork.Timing timing = UnitOfWork.start(sql, connection);
                Throwable failure = null;
                try (PreparedStatement statement = connection.prepareStatement(text)) {
                    int first = preamble == null ? 1 : preamble.bind(statement);
                    for (int i = 0; i < values.length; i++) {
                        bind(statement, first + i, params.get(i), values[i]);
                    }
                    try (ResultSet result = preamble == null ? statement.executeQuery() : resultAfter(preamble, statement)) {
                        if (columns == null) {
                            return ctx.fetch(result, fields).map(row -> (R) (table == null ? row : row.into(table)));
                        }
                        List<R> read = new ArrayList<>();
                        while (result.next()) {
                            read.add(read(ctx, result, columns));
                        }
                        return read;
                    }
                } catch (SQLException e) {
                    failure = e;
                    throw translate(text, e);
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                } finally {
                    if (timing != null) {
                        timing.end(failure);
                    }
                }
            });
        }
        if (rows.size() > most) {
            throw new TooManyRowsException("more than " + most + " row from: " + sql);
        }
        return rows;
    }

    /** Executes {@code statement}, the preamble then this query, and returns the query's rows once the preamble's are read. */
    private ResultSet resultAfter(Preamble preamble, PreparedStatement statement) throws SQLException {
        preamble.read(statement, statement.execute());
        if (!statement.getMoreResults()) {
            throw new SQLException("no rows came back after the transaction's set-up from: " + sql);
        }
        return statement.getResultSet();
    }

    /** The current row as the template's record, as jOOQ would have fetched it. */
    @SuppressWarnings("unchecked") // the record is made from the template's table or fields
    private R read(DSLContext ctx, ResultSet rows, ColumnReader[] columns) throws SQLException {
        Record record = table == null ? ctx.newRecord(fields) : ctx.newRecord(table);
        for (int i = 0; i < columns.length; i++) {
            set(record, targets[i], columns[i].read(rows, i + 1));
        }
        record.changed(false);
        return (R) record;
    }

    @SuppressWarnings("unchecked") // the value was read for this field
    private static <T> void set(Record record, Field<T> field, Object value) {
        record.set(field, (T) value);
    }

    /** Runs the query with {@code values}; exactly one row must come back, as from an insert … returning. */
    public R fetchSingle(DSLContext ctx, Object... values) {
        return fetchSingleAfter(ctx, null, values);
    }

    /** {@link #fetchSingle} after {@code preamble} (if not null), as {@link #fetchAfter} runs them. */
    public R fetchSingleAfter(DSLContext ctx, Preamble preamble, Object... values) {
        return fetchOptionalAfter(ctx, preamble, values).orElseThrow(() -> new NoDataFoundException("no row from: " + sql));
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
        return onlyTheDataLayersListener(configuration.executeListenerProviders()) && isUnset(settings.getQueryTimeout())
                && isUnset(settings.getMaxRows()) && isUnset(settings.getFetchSize());
    }

    /** Whether no listener but the instrumentation's {@link StatementListener}, whose work a direct call does itself, is there. */
    private static boolean onlyTheDataLayersListener(ExecuteListenerProvider[] providers) {
        for (ExecuteListenerProvider provider : providers) {
            if (!(provider instanceof StatementListener)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnset(Integer setting) {
        return setting == null || setting == 0;
    }

    /**
     * Whether the parameter's stored type (after its converter, if any) binds through pgjdbc as jOOQ's
     * default binding would: the SQL jOOQ rendered casts it to the column's type ({@code cast(? as jsonb)},
     * {@code cast(? as text[])}, {@code cast(? as "fleet"."incident_status")}).
     */
    private static boolean bindsThroughJdbc(Param<?> param) {
        Class<?> stored = param.getDataType().getConverter().fromType();
        return JDBC_TYPES.contains(stored) || stored == JSONB.class || stored == String[].class
                || EnumType.class.isAssignableFrom(stored);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // the value was checked against the parameter's type
    private static void bind(PreparedStatement statement, int index, Param<?> param, Object value) throws SQLException {
        Converter converter = param.getDataType().getConverter();
        Object stored = value == null || converter.fromType() == converter.toType() ? value : converter.to(value);
        if (stored == null) {
            String type = NULL_TYPES.get(converter.fromType());
            if (type == null) {
                statement.setNull(index, param.getDataType().getSQLType());
            } else {
                statement.setObject(index, typedNull(type));
            }
        } else if (stored instanceof EnumType literal) {
            // jOOQ renders enum parameters with a cast to the enum type, so the literal's text is what it expects.
            statement.setString(index, literal.getLiteral());
        } else if (stored instanceof JSONB json) {
            statement.setString(index, json.data());
        } else {
            statement.setObject(index, stored);
        }
    }

    private static PGobject typedNull(String type) throws SQLException {
        PGobject value = new PGobject();
        value.setType(type);
        return value;
    }

    /** As jOOQ translates a failed statement, so that callers catch the same exceptions either way. */
    private static DataAccessException translate(String sql, SQLException e) {
        String message = "SQL [" + sql + "]; " + e.getMessage();
        return switch (DataAccessException.sqlStateClass(e)) {
            case C22_DATA_EXCEPTION -> new DataException(message, e);
            case C23_INTEGRITY_CONSTRAINT_VIOLATION -> new IntegrityConstraintViolationException(message, e);
            default -> new DataAccessException(message, e);
        };
    }
}
