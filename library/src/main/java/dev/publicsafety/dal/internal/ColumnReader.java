package dev.publicsafety.dal.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.Converter;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.JSONB;

/**
 * Reads one column of a {@link RenderedQuery}'s rows with plain JDBC, the way jOOQ's default
 * binding for its type reads it, then applies the field's converter: without jOOQ's per-query
 * execution context, which costs more than the row itself on a one-row query.
 *
 * <p>Only types whose JDBC reading is the same as jOOQ's are taken; {@link #of} returns null for any
 * other, and the query then reads its rows through jOOQ.
 */
@FunctionalInterface
interface ColumnReader {

    /** The column's value at {@code index} of the current row, as the field's Java type. */
    Object read(ResultSet row, int index) throws SQLException;

    /**
     * The reader for {@code field}, or null if jOOQ must read it. {@code offsetDateTimeAsObject} is
     * the context's {@code bindOffsetDateTimeType} setting: only with it does jOOQ read a timestamp
     * with {@code getObject(OffsetDateTime)} (otherwise it parses the text itself).
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // the converter's database type is the type read
    static ColumnReader of(Field<?> field, boolean offsetDateTimeAsObject) {
        Converter converter = field.getDataType().getConverter();
        ColumnReader stored = stored(converter.fromType(), offsetDateTimeAsObject);
        if (stored == null || converter.fromType() == converter.toType()) {
            return stored;
        }
        return (row, index) -> converter.from(stored.read(row, index));
    }

    private static ColumnReader stored(Class<?> type, boolean offsetDateTimeAsObject) {
        if (type == String.class) {
            return ResultSet::getString;
        } else if (type == UUID.class) {
            return (row, index) -> row.getObject(index, UUID.class);
        } else if (type == Integer.class) {
            return (row, index) -> orNull(row, row.getInt(index));
        } else if (type == Long.class) {
            return (row, index) -> orNull(row, row.getLong(index));
        } else if (type == Short.class) {
            return (row, index) -> orNull(row, row.getShort(index));
        } else if (type == Double.class) {
            return (row, index) -> orNull(row, row.getDouble(index));
        } else if (type == Boolean.class) {
            return (row, index) -> orNull(row, row.getBoolean(index));
        } else if (type == BigDecimal.class) {
            return ResultSet::getBigDecimal;
        } else if (type == OffsetDateTime.class && offsetDateTimeAsObject) {
            return (row, index) -> row.getObject(index, OffsetDateTime.class);
        } else if (type == OffsetDateTime.class && TimestampText.PARSER != null) {
            return (row, index) -> {
                String text = row.getString(index);
                try {
                    return text == null ? null : (OffsetDateTime) TimestampText.PARSER.invokeExact(text);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot read timestamp '" + text + "'", e);
                }
            };
        } else if (type == JSONB.class) {
            return (row, index) -> JSONB.jsonbOrNull(row.getString(index));
        } else if (type == String[].class) {
            return (row, index) -> {
                Array array = row.getArray(index);
                return array == null ? null : array.getArray();
            };
        } else if (type.isEnum() && EnumType.class.isAssignableFrom(type)) {
            Map<String, Object> byLiteral = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                byLiteral.put(((EnumType) constant).getLiteral(), constant);
            }
            return (row, index) -> {
                String literal = row.getString(index);
                return literal == null ? null : byLiteral.get(literal);
            };
        }
        return null;
    }

    private static Object orNull(ResultSet row, Object value) throws SQLException {
        return row.wasNull() ? null : value;
    }

    /**
     * The parser jOOQ's default binding reads a timestamp's text with (the offset as the session's
     * time zone printed it, which {@code getObject} would normalize to UTC): the same values without
     * a parser of our own. Internal to jOOQ, so null where it cannot be reached (another jOOQ
     * version, or jOOQ on the module path): timestamps are then read through jOOQ.
     */
    final class TimestampText {

        static final MethodHandle PARSER = find();

        private TimestampText() {
        }

        private static MethodHandle find() {
            try {
                Method parse = Class.forName("org.jooq.impl.DefaultBinding$OffsetDateTimeParser")
                        .getDeclaredMethod("offsetDateTime", String.class);
                parse.setAccessible(true);
                return MethodHandles.lookup().unreflect(parse);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
