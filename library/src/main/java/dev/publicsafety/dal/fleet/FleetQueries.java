package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.Tables.USERS;

import dev.publicsafety.dal.internal.RenderedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

/**
 * The fleet repositories' hot statements, rendered once per {@link FleetDatabase} and run in every
 * transaction it opens (see {@link RenderedQuery}): a live row of a tenant table by id, locked or
 * not, the insert of a new row and the updates of a row (once per table and set of columns
 * written), the audit row every write adds, and whether a user is active.
 */
final class FleetQueries {

    /** What a cached statement does to which table, and which columns it writes. */
    private record Shape(String kind, Table<?> table, List<Field<?>> written) {
    }

    private final DSLContext renderer;
    private final Map<Shape, RenderedQuery<?>> statements = new ConcurrentHashMap<>();

    private final RenderedQuery<Record1<UUID>> auditInsert;
    private final RenderedQuery<Record1<UUID>> activeUser;

    /** {@code renderer} is the database's own context: its dialect and settings render the SQL. */
    FleetQueries(DSLContext renderer) {
        this.renderer = renderer;
        this.auditInsert = RenderedQuery.of(renderer, AuditTrail.insertTemplate(renderer));
        this.activeUser = RenderedQuery.of(renderer, renderer.select(USERS.ID).from(USERS)
                .where(USERS.ID.eq(DSL.param("id", USERS.ID))).and(USERS.ORG_ID.eq(DSL.param("org_id", USERS.ORG_ID)))
                .and(USERS.DELETED_AT.isNull()).and(USERS.IS_ACTIVE));
    }

    /** Whether {@code userId} is a live, active user of organization {@code orgId}, read on {@code tx}. */
    boolean isActiveUser(DSLContext tx, UUID userId, UUID orgId) {
        return activeUser.fetchOptional(tx, userId, orgId).isPresent();
    }

    /** The audit row's INSERT ({@link AuditTrail#insertTemplate}), which every write sends. */
    RenderedQuery<Record1<UUID>> auditInsert() {
        return auditInsert;
    }

    /** The row {@code id} of {@code repository}'s table in organization {@code orgId}, unless soft-deleted; locked until the transaction ends if {@code lock}. */
    <R extends UpdatableRecord<R>> Optional<R> liveById(DSLContext tx, TenantRepository<R> repository, UUID id, UUID orgId, boolean lock) {
        Table<R> table = repository.table;
        RenderedQuery<R> query = statement(new Shape(lock ? "lock live" : "live", table, List.of()), () -> {
            var select = renderer.selectFrom(table).where(repository.idField.eq(DSL.param("id", repository.idField)))
                    .and(repository.orgField.eq(DSL.param("org_id", repository.orgField)))
                    .and(repository.deletedField.isNull());
            return lock ? select.forUpdate() : select;
        }, List.of("id", "org_id"));
        return query.fetchOptional(tx, id, orgId);
    }

    /** Inserts the fields {@code values} sets (the organization among them) and returns the row as stored. */
    <R extends UpdatableRecord<R>> R insert(DSLContext tx, Table<R> table, R values) {
        List<Field<?>> written = changed(values);
        RenderedQuery<R> query = statement(new Shape("insert", table, written),
                () -> renderer.insertInto(table).set(parameters(written)).returning(), names(written));
        return query.fetchSingle(tx, valuesOf(values, written).toArray());
    }

    /**
     * Updates the fields {@code values} sets on row {@code id} of the organization and returns the
     * row as stored; with a version column, only a live row still at {@code expectedVersion}, and
     * increments the version. Empty when no row matched.
     */
    <R extends UpdatableRecord<R>> Optional<R> update(DSLContext tx, TenantRepository<R> repository, R values, UUID id, UUID orgId,
                                                    Integer expectedVersion) {
        List<Field<?>> written = changed(values);
        boolean versioned = expectedVersion != null;
        List<String> names = new ArrayList<>(names(written));
        names.addAll(versioned ? List.of("id", "org_id", "expected_version") : List.of("id", "org_id"));
        RenderedQuery<R> query = statement(new Shape(versioned ? "update versioned" : "update", repository.table, written), () -> {
            var update = renderer.update(repository.table).set(parameters(written));
            var where = (versioned ? update.set(repository.versionField, repository.versionField.plus(DSL.inline(1))) : update)
                    .where(repository.idField.eq(DSL.param("id", repository.idField)))
                    .and(repository.orgField.eq(DSL.param("org_id", repository.orgField)));
            return (versioned ? where.and(repository.deletedField.isNull())
                    .and(repository.versionField.eq(DSL.param("expected_version", repository.versionField))) : where).returning();
        }, names);
        List<Object> bound = valuesOf(values, written);
        bound.add(id);
        bound.add(orgId);
        if (versioned) {
            bound.add(expectedVersion);
        }
        return query.fetchOptional(tx, bound.toArray());
    }

    @SuppressWarnings("unchecked") // each shape's statement is of its table's record
    private <R extends UpdatableRecord<R>> RenderedQuery<R> statement(Shape shape, Supplier<ResultQuery<R>> template, List<String> names) {
        return (RenderedQuery<R>) statements.computeIfAbsent(shape, s -> {
            RenderedQuery<R> query = RenderedQuery.of(renderer, template.get());
            if (!query.parameterNames().equals(names)) {
                // the values are passed by position: a different order would write them to the wrong columns
                throw new IllegalStateException("jOOQ rendered the parameters of " + shape.kind() + " " + shape.table().getName()
                        + " as " + query.parameterNames() + ", not " + names);
            }
            return query;
        });
    }

    /** The fields {@code values} sets, in the table's order. */
    private static List<Field<?>> changed(UpdatableRecord<?> values) {
        List<Field<?>> written = new ArrayList<>();
        for (Field<?> field : values.fields()) {
            if (values.changed(field)) {
                written.add(field);
            }
        }
        return List.copyOf(written);
    }

    private static Map<Field<?>, Field<?>> parameters(List<Field<?>> written) {
        Map<Field<?>, Field<?>> parameters = new LinkedHashMap<>();
        for (Field<?> field : written) {
            parameters.put(field, DSL.param(field.getName(), field));
        }
        return parameters;
    }

    private static List<String> names(List<Field<?>> written) {
        return written.stream().map(Field::getName).toList();
    }

    private static List<Object> valuesOf(UpdatableRecord<?> values, List<Field<?>> written) {
        List<Object> bound = new ArrayList<>(written.size() + 3);
        for (Field<?> field : written) {
            bound.add(values.get(field));
        }
        return bound;
    }
}
