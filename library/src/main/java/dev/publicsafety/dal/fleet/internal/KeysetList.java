package dev.publicsafety.dal.fleet.internal;

import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.internal.RenderedQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.SelectConditionStep;
import org.jooq.SortOrder;
import org.jooq.impl.DSL;

/**
 * A {@link Keyset} list on a hot path, declared once as a constant and rendered once per
 * {@code FleetDatabase} (per page size, and with and without a cursor) in its
 * {@link dev.publicsafety.dal.internal.StatementCache} rather than on every call: its filter is written with named parameters
 * ({@link DSL#param(String, Field)}), which each call fills in order. A dispatch screen refreshes
 * such lists all day; rendering them was the larger part of the data layer's own time on them.
 */
public final class KeysetList<R extends Record> {

    /** Builds the filter anew for each rendering: jOOQ's query steps change the query they are called on. */
    private final Function<DSLContext, SelectConditionStep<R>> filter;
    private final List<String> parameters;
    private final SortOrder order;
    private final Field<?>[] keys;

    /**
     * @param filter builds the list's query on the database's renderer, its values as named parameters
     * @param parameters their names in the order the SQL holds them, which is the order of the values each call passes
     * @param keys the sort key, all in {@code order}; the combination must be unique
     */
    public KeysetList(Function<DSLContext, SelectConditionStep<R>> filter, List<String> parameters, SortOrder order, Field<?>... keys) {
        this.filter = filter;
        this.parameters = List.copyOf(parameters);
        this.order = order;
        this.keys = keys.clone();
    }

    /** One rendering of this list: the key of its statement in the database's cache. */
    private record Rendering(KeysetList<?> list, int size, boolean seek) {}

    /**
     * The page {@code request} asks for, with {@code values} for the filter's parameters.
     *
     * @param kind the list and its filter's values, stored in the cursor so that a cursor of another list is rejected
     */
    public <T> Page<T> page(TenantContext tx, PageRequest request, String kind, RecordMapper<? super R, T> mapper, Object... values) {
        int size = request.size();
        boolean seek = request.after() != null;
        RenderedQuery<R> query = tx.queries().statements().rendered(new Rendering(this, size, seek), renderer -> render(renderer, size, seek));
        List<R> rows;
        if (!seek) {
            rows = tx.fetch(query, values);
        } else {
            Object[] sought = Keyset.decode(request.after(), kind, keys);
            Object[] bound = Arrays.copyOf(values, values.length + sought.length);
            System.arraycopy(sought, 0, bound, values.length, sought.length);
            rows = tx.fetch(query, bound);
        }
        return Keyset.page(rows, request, kind, mapper, keys);
    }

    private RenderedQuery<R> render(DSLContext renderer, int size, boolean seek) {
        List<Field<?>> sought = new ArrayList<>();
        List<String> names = new ArrayList<>(parameters);
        for (Field<?> key : keys) {
            sought.add(DSL.param("after_" + key.getName(), key));
            names.add("after_" + key.getName());
        }
        var ordered = Keyset.ordered(filter.apply(renderer), order, keys);
        Param<Integer> rows = Keyset.limit(size);
        return RenderedQuery.of(renderer, seek ? ordered.seek(sought.toArray(Field<?>[]::new)).limit(rows) : ordered.limit(rows))
                .requireParameters("a keyset list", seek ? names : parameters);
    }
}
