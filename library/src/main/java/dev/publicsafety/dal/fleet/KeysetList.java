package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.internal.RenderedQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.SelectConditionStep;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.impl.DSL;

/**
 * A {@link Keyset} list on a hot path, rendered once per {@link FleetDatabase} (per page size, and
 * with and without a cursor) rather than on every call: its filter is written with named parameters
 * ({@link DSL#param(String, Field)}), which each call fills in order. A dispatch screen refreshes
 * such lists all day; rendering them was the larger part of the data layer's own time on them.
 */
final class KeysetList<R extends Record> {

    private final DSLContext renderer;
    /** Builds the filter anew for each rendering: jOOQ's query steps change the query they are called on. */
    private final Supplier<SelectConditionStep<R>> filter;
    private final List<String> parameters;
    private final SortOrder order;
    private final Field<?>[] keys;
    private final Map<Integer, RenderedQuery<R>> first = new ConcurrentHashMap<>();
    private final Map<Integer, RenderedQuery<R>> after = new ConcurrentHashMap<>();

    /**
     * @param filter builds the list's query on {@code renderer}, its values as named parameters
     * @param parameters their names in the order the SQL holds them, which is the order of the values each call passes
     * @param keys the sort key, all in {@code order}; the combination must be unique
     */
    KeysetList(DSLContext renderer, Supplier<SelectConditionStep<R>> filter, List<String> parameters, SortOrder order, Field<?>... keys) {
        this.renderer = renderer;
        this.filter = filter;
        this.parameters = List.copyOf(parameters);
        this.order = order;
        this.keys = keys.clone();
    }

    /**
     * The page {@code request} asks for, with {@code values} for the filter's parameters.
     *
     * @param kind the list and its filter's values, stored in the cursor so that a cursor of another list is rejected
     */
    <T> Page<T> page(DSLContext tx, PageRequest request, String kind, RecordMapper<? super R, T> mapper, Object... values) {
        int limit = request.size() + 1;
        List<R> rows;
        if (request.after() == null) {
            rows = first.computeIfAbsent(limit, l -> render(l, false)).fetch(tx, values);
        } else {
            Object[] sought = Keyset.decode(request.after(), kind, keys);
            Object[] bound = Arrays.copyOf(values, values.length + sought.length);
            System.arraycopy(sought, 0, bound, values.length, sought.length);
            rows = after.computeIfAbsent(limit, l -> render(l, true)).fetch(tx, bound);
        }
        return Keyset.page(rows, request, kind, mapper, keys);
    }

    private RenderedQuery<R> render(int limit, boolean seek) {
        List<SortField<?>> sort = new ArrayList<>();
        List<Field<?>> sought = new ArrayList<>();
        List<String> names = new ArrayList<>(parameters);
        for (Field<?> key : keys) {
            sort.add(key.sort(order));
            sought.add(DSL.param("after_" + key.getName(), key));
            names.add("after_" + key.getName());
        }
        var ordered = filter.get().orderBy(sort);
        Param<Integer> rows = DSL.inline(limit);
        RenderedQuery<R> query = RenderedQuery.of(renderer,
                seek ? ordered.seek(sought.toArray(Field<?>[]::new)).limit(rows) : ordered.limit(rows));
        List<String> expected = seek ? names : parameters;
        if (!query.parameterNames().equals(expected)) {
            // the values are passed by position: another order would filter on the wrong columns
            throw new IllegalStateException("jOOQ rendered the list's parameters as " + query.parameterNames() + ", not " + expected);
        }
        return query;
    }
}
