package dev.publicsafety.dal.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The rendered statements of one database ({@code FleetDatabase} or {@code TrainingDatabase}), for
 * both domains: each {@link NamedStatement}, each keyset list's renderings and each fleet table's
 * reads by id and writes, rendered on first use by the database's own context (its dialect and
 * settings) and kept. jOOQ's manual recommends
 * caching the SQL it renders; this is that cache, in one place.
 */
public final class StatementCache {

    private final DSLContext renderer;
    private final Map<Object, RenderedQuery<?>> rendered = new ConcurrentHashMap<>();

    public StatementCache(DSLContext renderer) {
        this.renderer = renderer;
    }

    /** The context that renders the statements. */
    public DSLContext renderer() {
        return renderer;
    }

    /** {@code statement}, rendered on first use, its parameters checked against their stated order. */
    public <R extends Record> RenderedQuery<R> of(NamedStatement<R> statement) {
        return rendered(statement, r -> RenderedQuery.of(r, statement.template().apply(r)).requireParameters(statement.what(), statement.parameters()));
    }

    /**
     * The statement known by {@code key} (compared by {@code equals}), rendered by {@code render}
     * the first time it is asked for.
     */
    @SuppressWarnings("unchecked") // each key is rendered by its own declaration, so its statement is of that declaration's record
    public <R extends Record> RenderedQuery<R> rendered(Object key, Function<DSLContext, RenderedQuery<R>> render) {
        RenderedQuery<?> query = rendered.get(key);
        return (RenderedQuery<R>) (query != null ? query : rendered.computeIfAbsent(key, k -> render.apply(renderer)));
    }
}
