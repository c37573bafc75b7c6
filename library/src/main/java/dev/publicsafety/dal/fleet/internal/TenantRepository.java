package dev.publicsafety.dal.fleet.internal;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.ConcurrentUpdateException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * What every tenant-owned table shares: reads and writes scoped to the transaction's organization,
 * soft delete, restore and purge, and an audit row for every write. Subclasses add the queries of
 * their table.
 *
 * <p>Every statement carries {@code org_id = <the transaction's organization>} in addition to the
 * row-level security the database applies, so a repository is tenant-safe even on a connection that
 * bypasses RLS (the owner's).
 *
 * <p>Public only so that its public methods ({@link #softDelete}, {@link #restore}, {@link #purge})
 * are accessible through every repository; it cannot be extended outside this package.
 */
public abstract class TenantRepository<R extends UpdatableRecord<R>> {

    protected final TenantContext context;
    final Table<R> table;
    final TableField<R, UUID> idField;
    final TableField<R, UUID> orgField;
    final TableField<R, OffsetDateTime> deletedField;
    /** {@code null} for tables without optimistic locking. */
    final TableField<R, Integer> versionField;

    protected TenantRepository(TenantContext context, Table<R> table, TableField<R, UUID> idField, TableField<R, UUID> orgField,
                     TableField<R, OffsetDateTime> deletedField, TableField<R, Integer> versionField) {
        this.context = context;
        this.table = table;
        this.idField = idField;
        this.orgField = orgField;
        this.deletedField = deletedField;
        this.versionField = versionField;
    }

    /** The name audit rows use for this table, e.g. {@code incidents}. */
    protected String entityType() {
        return table.getName();
    }

    protected DSLContext dsl() {
        return context.dsl();
    }

    protected Condition inOrganization() {
        return orgField.eq(context.orgId());
    }

    protected Condition live() {
        return inOrganization().and(deletedField.isNull());
    }

    protected Optional<R> fetchLive(UUID id) {
        return context.queries().of(this).liveById(context, id, false);
    }

    protected R requireLive(UUID id) {
        return fetchLive(id).orElseThrow(() -> notFound(id));
    }

    /** The live row, locked until the transaction ends, for read-modify-write of unversioned rows. */
    protected R lockLive(UUID id) {
        return context.queries().of(this).liveById(context, id, true).orElseThrow(() -> notFound(id));
    }

    /** Fails unless {@code userId} is a live, active user of this organization; {@code why} says what needed one. */
    protected void requireActiveUser(UUID userId, String why) {
        if (!context.queries().isActiveUser(context, userId)) {
            throw missing("users", userId, why);
        }
    }

    protected NotFoundException notFound(UUID id) {
        boolean deleted = dsl().fetchExists(dsl().selectOne().from(table)
                .where(idField.eq(id)).and(inOrganization()).and(deletedField.isNotNull()));
        return missing(entityType(), id, deleted ? "it is soft-deleted; restore it first" : null);
    }

    /**
     * No live row {@code id} of {@code entityType} in this organization; {@code state} (may be
     * null) says more, e.g. that it is soft-deleted.
     */
    protected static NotFoundException missing(String entityType, UUID id, String state) {
        return new NotFoundException(entityType, id,
                entityType + " " + id + " not found in this organization" + (state == null ? "" : " (" + state + ")"));
    }

    /** A new, empty record to fill in for {@link #insert} or as the changes of an update. */
    protected R blank() {
        return context.newRecord(table);
    }

    /** {@link #insert(UpdatableRecord)} under {@code id}, or the column's generated id when {@code id} is null. */
    protected R insert(UUID id, R values) {
        if (id != null) {
            values.set(idField, id);
        }
        return insert(values);
    }

    /** The id a {@code …WithId} method was given: required, since null would mean "generate one". */
    protected static UUID requireId(UUID id) {
        if (id == null) {
            throw new InvalidInputException("id", "an id is required when creating a row with a given id");
        }
        return id;
    }

    /** Inserts {@code values} for this organization and audits the create. */
    protected R insert(R values) {
        values.set(orgField, context.orgId());
        return context.queries().of(this).insert(context, values, "create");
    }

    /**
     * Updates a row of a table without a version column: locks it, applies {@code changes} (the
     * fields set on a blank record) and audits before and after.
     */
    protected R updateLocked(UUID id, String action, Consumer<R> changes) {
        R before = lockLive(id);
        return applyLocked(before, action, changes);
    }

    /** Like {@link #updateLocked} for a row the caller already locked with {@link #lockLive}. */
    protected R applyLocked(R before, String action, Consumer<R> changes) {
        R values = blank();
        changes.accept(values);
        if (!values.changed()) {
            return before;
        }
        return context.queries().of(this).update(context, values, before, null, action).orElseThrow();
    }

    /**
     * Optimistic locking: applies {@code changes} only if the row is still at {@code expectedVersion}
     * ({@code UPDATE … SET version = version + 1 WHERE id = ? AND org_id = ? AND version = ?}); if
     * another transaction changed it first, nothing is written and {@link ConcurrentUpdateException}
     * says so.
     *
     * @param before the row as read in this transaction (its status already checked by the caller)
     */
    protected R updateVersioned(R before, int expectedVersion, String action, Consumer<R> changes) {
        UUID id = before.get(idField);
        Integer current = before.get(versionField);
        if (current != expectedVersion) {
            throw new ConcurrentUpdateException(entityType(), id, expectedVersion, current);
        }
        R values = blank();
        changes.accept(values);
        return context.queries().of(this).update(context, values, before, expectedVersion, action)
                .orElseThrow(() -> new ConcurrentUpdateException(entityType(), id, expectedVersion, currentVersion(id)));
    }

    /** Reads the row and checks its version in one step, for update methods taking an expected version. */
    protected R requireVersion(UUID id, int expectedVersion) {
        R row = requireLive(id);
        if (row.get(versionField) != expectedVersion) {
            throw new ConcurrentUpdateException(entityType(), id, expectedVersion, row.get(versionField));
        }
        return row;
    }

    private Integer currentVersion(UUID id) {
        return dsl().select(versionField).from(table).where(idField.eq(id)).and(inOrganization()).fetchOptional(versionField)
                .orElse(null);
    }

    /**
     * Hides the row: it disappears from every query of the repositories until {@link #restore}. On
     * versioned tables the version is incremented, so an editor holding the old version gets a
     * conflict instead of editing a deleted row.
     */
    public void softDelete(UUID id) {
        R before = lockLive(id);
        R values = blank();
        values.set(deletedField, context.now());
        var update = dsl().update(table).set(values);
        R after = (versionField == null ? update : update.set(versionField, versionField.plus(1)))
                .where(idField.eq(id)).and(inOrganization())
                .returning().fetchSingle();
        context.audit().record("soft_delete", entityType(), id, before, after);
    }

    /** Brings back a soft-deleted row. */
    public void restore(UUID id) {
        R before = dsl().selectFrom(table).where(idField.eq(id)).and(inOrganization()).and(deletedField.isNotNull())
                .forUpdate().fetchOptional()
                .orElseThrow(() -> missing(entityType(), id, "no soft-deleted row with this id"));
        R values = blank();
        values.set(deletedField, null);
        var update = dsl().update(table).set(values);
        R after = (versionField == null ? update : update.set(versionField, versionField.plus(1)))
                .where(idField.eq(id)).and(inOrganization())
                .returning().fetchSingle();
        context.audit().record("restore", entityType(), id, before, after);
    }

    /**
     * Deletes a soft-deleted row for good (the only hard delete). Refuses a live row, so that purging
     * always takes two deliberate steps, and a row other rows still reference.
     */
    public void purge(UUID id) {
        R before = dsl().selectFrom(table).where(idField.eq(id)).and(inOrganization()).forUpdate().fetchOptional()
                .orElseThrow(() -> missing(entityType(), id, null));
        if (before.get(deletedField) == null) {
            throw new DomainRuleException(entityType() + " " + id + " is live: soft-delete it before purging it");
        }
        try {
            dsl().deleteFrom(table).where(idField.eq(id)).and(inOrganization()).execute();
        } catch (IntegrityConstraintViolationException e) {
            throw new DomainRuleException("cannot purge " + entityType() + " " + id
                    + ": other rows still reference it (" + e.getMessage().lines().reduce((a, b) -> b).orElse("") + ")", e);
        }
        context.audit().record("purge", entityType(), id, before, null);
    }
}
