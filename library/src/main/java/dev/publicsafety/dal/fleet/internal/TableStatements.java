package dev.publicsafety.dal.fleet.internal;

import dev.publicsafety.dal.internal.RenderedQuery;
import dev.publicsafety.dal.internal.StatementCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

/**
 * The statements {@link TenantRepository} sends for one tenant table on every read by id and every
 * write, rendered once per {@link FleetDatabase} into its {@link StatementCache}: the live row by id
 * (locked or not), and the insert and updates of each set of columns a write sets (a bit per column,
 * so a lookup costs no hashing of jOOQ objects). A write and its audit row are one statement
 * ({@link #audited}).
 */
public final class TableStatements<R extends UpdatableRecord<R>> {

    /** What a rendering is: its kind of statement, for which repository's table, setting which columns. */
    private record Rendering(Class<?> repository, String what, long written) {
    }

    private final StatementCache cache;
    private final DSLContext renderer;
    private final TenantRepository<R> shape;
    private final Field<?>[] columns;
    private final RenderedQuery<R> live;
    private final RenderedQuery<R> locked;

    /** {@code repository} is any repository of the table: only its table and key fields are used. */
    public TableStatements(StatementCache cache, TenantRepository<R> repository) {
        this.cache = cache;
        this.renderer = cache.renderer();
        this.shape = repository;
        this.columns = repository.table.fields();
        if (columns.length > Long.SIZE) {
            throw new IllegalStateException(repository.table.getName() + " has more than 64 columns: a write's columns no longer fit a long");
        }
        var select = renderer.selectFrom(repository.table).where(repository.idField.eq(DSL.param("id", repository.idField)))
                .and(repository.orgField.eq(DSL.param("org_id", repository.orgField)))
                .and(repository.deletedField.isNull());
        this.live = cached("live row", 0, w -> render("live row", select, List.of("id", "org_id")));
        this.locked = cached("locked row", 0, w -> render("locked row", select.forUpdate(), List.of("id", "org_id")));
    }

    /** The live row {@code id} of the transaction's organization; locked until the transaction ends if {@code lock}. */
    public Optional<R> liveById(TenantContext tx, UUID id, boolean lock) {
        return tx.fetchOptional(lock ? locked : live, id, tx.orgId());
    }

    /**
     * Inserts the columns {@code values} sets (the organization among them) and its audit row
     * ({@code action}, no before state), and returns the row as stored.
     */
    public R insert(TenantContext tx, R values, String action) {
        long written = written(values);
        RenderedQuery<R> query = cached("insert", written, w -> audited("insert",
                renderer.insertInto(shape.table).set(parameters(w)).returning(), names(w, List.of())));
        return tx.fetchSingle(query, values(values, written, tx.audit().changeValues(action, shape.entityType(), null)));
    }

    /**
     * Updates the columns {@code values} sets on row {@code before} of the transaction's organization,
     * writes its audit row ({@code action}, from {@code before} to the row as stored) and returns the
     * row as stored; with an {@code expectedVersion}, only a live row still at that version, and
     * increments the version. Empty, and nothing audited, when no row matched.
     */
    public Optional<R> update(TenantContext tx, R values, R before, Integer expectedVersion, String action) {
        long written = written(values);
        UUID id = before.get(shape.idField);
        Object[] audit = tx.audit().changeValues(action, shape.entityType(), before);
        if (expectedVersion == null) {
            RenderedQuery<R> query = cached("update", written, w -> audited("update",
                    renderer.update(shape.table).set(parameters(w))
                            .where(shape.idField.eq(DSL.param("id", shape.idField)))
                            .and(shape.orgField.eq(DSL.param("org_id", shape.orgField)))
                            .returning(), names(w, List.of("id", "org_id"))));
            return tx.fetchOptional(query, values(values, written, audit, id, tx.orgId()));
        }
        RenderedQuery<R> query = cached("versioned update", written, w -> audited("versioned update",
                renderer.update(shape.table).set(parameters(w))
                        .set(shape.versionField, shape.versionField.plus(DSL.inline(1)))
                        .where(shape.idField.eq(DSL.param("id", shape.idField)))
                        .and(shape.orgField.eq(DSL.param("org_id", shape.orgField)))
                        .and(shape.deletedField.isNull())
                        .and(shape.versionField.eq(DSL.param("expected_version", shape.versionField)))
                        .returning(), names(w, List.of("id", "org_id", "expected_version"))));
        return tx.fetchOptional(query, values(values, written, audit, id, tx.orgId(), expectedVersion));
    }

    /**
     * {@code change} and the audit row of what it returns as one statement, one round trip: {@code with
     * changed as (change returning *), audited as (insert into audit_logs … select … from changed)
     * select changed.* from changed}. PostgreSQL runs both or neither; the audit table's trigger
     * chains the row as it chains any other.
     */
    private RenderedQuery<R> audited(String what, ResultQuery<R> change, List<String> names) {
        CommonTableExpression<R> changed = DSL.name("changed").as(change);
        var audit = DSL.name("audited").as(AuditTrail.insertFor(renderer, changed, shape.idField));
        List<String> all = new ArrayList<>(names);
        all.addAll(AuditTrail.CHANGE_PARAMETERS);
        return render(what, renderer.with(changed).with(audit).select(changed.fields()).from(changed).coerce(shape.table), all);
    }

    /** The statement {@code what} setting the columns {@code written}, rendered by {@code render} on first use. */
    private RenderedQuery<R> cached(String what, long written, LongFunction<RenderedQuery<R>> render) {
        return cache.rendered(new Rendering(shape.getClass(), what, written), r -> render.apply(written));
    }

    private RenderedQuery<R> render(String what, ResultQuery<R> template, List<String> names) {
        return RenderedQuery.of(renderer, template).requireParameters("the " + what + " of " + shape.table.getName(), names);
    }

    private long written(R values) {
        long written = 0;
        for (int i = 0; i < columns.length; i++) {
            if (values.changed(i)) {
                written |= 1L << i;
            }
        }
        return written;
    }

    private Map<Field<?>, Field<?>> parameters(long written) {
        return each(written, new LinkedHashMap<Field<?>, Field<?>>(),
                (column, parameters) -> parameters.put(column, DSL.param(column.getName(), column)));
    }

    private List<String> names(long written, List<String> after) {
        List<String> names = each(written, new ArrayList<String>(), (column, list) -> list.add(column.getName()));
        names.addAll(after);
        return names;
    }

    /** The values of a write: the columns {@code values} sets, then {@code key} (the row's id…), then the audit row's {@code audit}. */
    private Object[] values(R values, long written, Object[] audit, Object... key) {
        Object[] bound = new Object[Long.bitCount(written) + key.length + audit.length];
        int at = 0;
        for (int i = 0; i < columns.length; i++) {
            if ((written & (1L << i)) != 0) {
                bound[at++] = values.get(i);
            }
        }
        System.arraycopy(key, 0, bound, at, key.length);
        System.arraycopy(audit, 0, bound, at + key.length, audit.length);
        return bound;
    }

    private <C> C each(long written, C collector, BiConsumer<Field<?>, C> add) {
        for (int i = 0; i < columns.length; i++) {
            if ((written & (1L << i)) != 0) {
                add.accept(columns[i], collector);
            }
        }
        return collector;
    }
}
