package dev.publicsafety.dal.fleet.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.Cursor;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.internal.NamedStatement;
import dev.publicsafety.dal.jsonb.JsonMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Result;
import org.jooq.SelectConditionStep;
import org.jooq.SelectSeekStepN;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.impl.DSL;

/**
 * Keyset pagination with jOOQ's {@code seek()}: orders by the key columns (the last one unique, in
 * practice {@code id}), seeks past the cursor's key with a row-value comparison and fetches one row
 * more than the page to know whether another page follows. Never OFFSET.
 */
public final class Keyset {

    private Keyset() {
    }

    /**
     * @param kind a name for the query, stored in the cursor so that a cursor of another list is rejected
     * @param keys the sort key, all in {@code order}; the combination must be unique
     */
    public static <R extends Record, T> Page<T> page(SelectConditionStep<R> query, PageRequest request, String kind,
                                              RecordMapper<? super R, T> mapper, SortOrder order, Field<?>... keys) {
        SelectSeekStepN<R> ordered = ordered(query, order, keys);
        Param<Integer> limit = limit(request.size());
        Result<R> rows = request.after() == null
                ? ordered.limit(limit).fetch()
                : ordered.seek(decode(request.after(), kind, keys)).limit(limit).fetch();
        return page(rows, request, kind, mapper, keys);
    }

    /** {@code query} sorted by every key in {@code order}. */
    public static <R extends Record> SelectSeekStepN<R> ordered(SelectConditionStep<R> query, SortOrder order, Field<?>... keys) {
        List<SortField<?>> sort = new ArrayList<>();
        for (Field<?> key : keys) {
            sort.add(key.sort(order));
        }
        return query.orderBy(sort);
    }

    /**
     * One row more than a page of {@code size}, to know whether another page follows; a literal: a
     * bound limit leaves a generic plan guessing how many rows are wanted, and it may then sort them all.
     */
    public static Param<Integer> limit(int size) {
        return DSL.inline(size + 1);
    }

    /**
     * The page {@code request} asks for from a set-returning function that seeks past the cursor
     * itself, whose statement takes, in order: {@code values}, the rows wanted (one more than the
     * page), the cursor's keys (nulls for the first page) and the organization.
     */
    public static <R extends Record, T> Page<T> pageFrom(TenantContext tx, NamedStatement<R> function, PageRequest request, String kind,
                                                    RecordMapper<? super R, T> mapper, Field<?>[] keys, Object... values) {
        Object[] sought = request.after() == null ? new Object[keys.length] : decode(request.after(), kind, keys);
        Object[] bound = new Object[values.length + 1 + keys.length + 1];
        System.arraycopy(values, 0, bound, 0, values.length);
        bound[values.length] = request.size() + 1;
        System.arraycopy(sought, 0, bound, values.length + 1, keys.length);
        bound[bound.length - 1] = tx.orgId();
        return page(tx.fetch(tx.queries().hot(function), bound), request, kind, mapper, keys);
    }

    /** The page of {@code rows} (fetched with one more than the page's size, to know whether another page follows). */
    public static <R extends Record, T> Page<T> page(List<R> rows, PageRequest request, String kind, RecordMapper<? super R, T> mapper,
                                              Field<?>... keys) {
        boolean more = rows.size() > request.size();
        List<R> pageRows = more ? rows.subList(0, request.size()) : rows;
        Cursor next = more ? encode(kind, pageRows.get(pageRows.size() - 1), keys) : null;
        return new Page<>(pageRows.stream().map(mapper::map).toList(), next, request.size());
    }

    private static Cursor encode(String kind, Record last, Field<?>[] keys) {
        List<String> values = new ArrayList<>();
        values.add(kind);
        for (Field<?> key : keys) {
            Object value = last.get(key);
            if (value == null) {
                throw new IllegalStateException("keyset column " + key.getName() + " is null; keys must be NOT NULL");
            }
            values.add(value instanceof EnumType e ? e.getLiteral() : value.toString());
        }
        try {
            byte[] json = JsonMapper.shared().writeValueAsBytes(values);
            return new Cursor(Base64.getUrlEncoder().withoutPadding().encodeToString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode cursor: " + e.getMessage(), e);
        }
    }

    /** The key a cursor of {@code kind} holds (for a query that needs it before {@link #page}). */
    public static Object[] decode(Cursor cursor, String kind, Field<?>... keys) {
        List<?> values;
        try {
            byte[] json = Base64.getUrlDecoder().decode(cursor.token());
            values = JsonMapper.shared().readValue(json, List.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidInputException("cursor", "cursor '" + cursor.token() + "' is not a cursor of this data layer");
        }
        if (values.size() != keys.length + 1 || !kind.equals(values.get(0))) {
            throw new InvalidInputException("cursor", "cursor '" + cursor.token() + "' belongs to another list ("
                    + values.get(0) + "), not to " + kind + "; start again with PageRequest.first");
        }
        Object[] decoded = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            decoded[i] = parse(String.valueOf(values.get(i + 1)), keys[i].getType(), cursor);
        }
        return decoded;
    }

    private static Object parse(String text, Class<?> type, Cursor cursor) {
        try {
            if (type == OffsetDateTime.class) {
                return OffsetDateTime.parse(text);
            } else if (type == UUID.class) {
                return UUID.fromString(text);
            } else if (type == Short.class) {
                return Short.valueOf(text);
            } else if (type == Integer.class) {
                return Integer.valueOf(text);
            } else if (type == Long.class) {
                return Long.valueOf(text);
            } else if (type == String.class) {
                return text;
            } else if (EnumType.class.isAssignableFrom(type)) {
                for (Object constant : type.getEnumConstants()) {
                    if (((EnumType) constant).getLiteral().equals(text)) {
                        return constant;
                    }
                }
            }
        } catch (RuntimeException e) {
            // fall through to the error below
        }
        throw new InvalidInputException("cursor", "cursor '" + cursor.token() + "' is damaged: '" + text + "' is not a " + type.getSimpleName());
    }
}
