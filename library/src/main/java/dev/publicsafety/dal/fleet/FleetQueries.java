package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.Tables.USERS;

import dev.publicsafety.dal.internal.RenderedQuery;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

/**
 * The fleet repositories' hot queries, rendered once per {@link FleetDatabase} and run in every
 * transaction it opens (see {@link RenderedQuery}): a live row of a tenant table by id (once per
 * table), the audit row every write adds, and whether a user is active.
 */
final class FleetQueries {

    private final DSLContext renderer;
    private final Map<Table<?>, RenderedQuery<Record>> liveById = new ConcurrentHashMap<>();

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

    /** The row {@code id} of {@code table} in organization {@code orgId}, unless soft-deleted, read on {@code tx}. */
    <R extends UpdatableRecord<R>> Optional<R> liveById(DSLContext tx, Table<R> table, TableField<R, UUID> idField,
                                                       TableField<R, UUID> orgField, TableField<R, OffsetDateTime> deletedField,
                                                       UUID id, UUID orgId) {
        RenderedQuery<Record> query = liveById.computeIfAbsent(table, t -> RenderedQuery.of(renderer,
                renderer.select(table.fields()).from(table)
                        .where(idField.eq(DSL.param("id", idField)))
                        .and(orgField.eq(DSL.param("org_id", orgField)))
                        .and(deletedField.isNull())));
        return query.fetchOptional(tx, id, orgId).map(row -> {
            // The template selects the table's fields in order, so the values go across by position.
            R record = tx.newRecord(table);
            record.fromArray(row.intoArray());
            record.changed(false);   // as fetched: nothing to store until the caller changes it
            return record;
        });
    }
}
