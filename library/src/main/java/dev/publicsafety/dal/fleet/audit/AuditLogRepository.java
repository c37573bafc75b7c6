package dev.publicsafety.dal.fleet.audit;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_LOGS;
import static dev.publicsafety.dal.generated.fleet.Tables.ENTITY_AUDIT_TRAIL;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.KeysetList;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.generated.fleet.tables.EntityAuditTrail;
import dev.publicsafety.dal.generated.fleet.tables.records.AuditLogsRecord;
import dev.publicsafety.dal.internal.NamedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortOrder;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Reads the organization's audit trail. There is nothing to write here: repositories append to it
 * as part of their own writes, and the table rejects UPDATE, DELETE and TRUNCATE.
 *
 * <p>{@code occurred_at} is the time of the statement ({@code clock_timestamp()}), so the changes
 * of one transaction appear in the order they were made; equal times are ordered by id.
 */
public final class AuditLogRepository {

    private final TenantContext context;

    public AuditLogRepository(TenantContext context) {
        this.context = context;
    }

    private Condition inOrganization() {
        return AUDIT_LOGS.ORG_ID.eq(context.orgId());
    }

    /**
     * An entity's history, oldest first. {@code entityType} is its table name, e.g. {@code incidents}.
     * One flight with the transaction's set-up. The trail has no time to prune by, so on a
     * connection that plans every statement ({@code prepareThreshold=0}) it is read through
     * {@code fleet.entity_audit_trail}, whose plan the server session keeps (fleet V15); a cursor of
     * either path serves the other.
     */
    public Page<AuditEntry> forEntity(String entityType, UUID entityId, PageRequest page) {
        String kind = "audit.for_entity:" + entityType + ":" + entityId;
        if (!context.plansEveryStatement()) {
            return FOR_ENTITY.page(context, page, kind, AuditEntry::of, context.orgId(), entityType, entityId);
        }
        return Keyset.pageFrom(context, FOR_ENTITY_IN_SESSION, page, kind, AuditEntry::of, OLDEST_FIRST, entityType, entityId);
    }

    /** The key of an entity's trail, oldest first. */
    private static final Field<?>[] OLDEST_FIRST = {AUDIT_LOGS.OCCURRED_AT, AUDIT_LOGS.ID};

    /** {@link #forEntity}'s list, rendered once per {@code FleetDatabase}. */
    private static final KeysetList<AuditLogsRecord> FOR_ENTITY = new KeysetList<>(
            renderer -> renderer.selectFrom(AUDIT_LOGS).where(AUDIT_LOGS.ORG_ID.eq(DSL.param("org_id", AUDIT_LOGS.ORG_ID)))
                    .and(AUDIT_LOGS.ENTITY_TYPE.eq(DSL.param("entity_type", AUDIT_LOGS.ENTITY_TYPE)))
                    .and(AUDIT_LOGS.ENTITY_ID.eq(DSL.param("entity_id", AUDIT_LOGS.ENTITY_ID))),
            List.of("org_id", "entity_type", "entity_id"), SortOrder.ASC, OLDEST_FIRST);

    /**
     * {@link #forEntity}'s page from {@code fleet.entity_audit_trail}, which seeks past the cursor
     * itself; the organization is checked once more on what it returns.
     */
    private static final NamedStatement<AuditLogsRecord> FOR_ENTITY_IN_SESSION = new NamedStatement<>("an entity's audit trail",
            List.of("kind", "entity", "wanted", "after_at", "after_id", "org_id"), r -> {
                EntityAuditTrail rows = ENTITY_AUDIT_TRAIL.call(DSL.param("kind", String.class), DSL.param("entity", AUDIT_LOGS.ENTITY_ID),
                        DSL.param("wanted", Integer.class), DSL.param("after_at", AUDIT_LOGS.OCCURRED_AT), DSL.param("after_id", AUDIT_LOGS.ID));
                return r.selectFrom(rows).where(rows.ORG_ID.eq(DSL.param("org_id", AUDIT_LOGS.ORG_ID)))
                        .orderBy(rows.OCCURRED_AT, rows.ID);
            });

    /** An entity's history, oldest first, naming the entity by its generated table, e.g. {@code INCIDENTS}. */
    public Page<AuditEntry> forEntity(Table<?> table, UUID entityId, PageRequest page) {
        return forEntity(table.getName(), entityId, page);
    }

    /** What a user did, most recent first. */
    public Page<AuditEntry> byActor(UUID actorId, PageRequest page) {
        return Keyset.page(context.dsl().selectFrom(AUDIT_LOGS).where(inOrganization()).and(AUDIT_LOGS.ACTOR_ID.eq(actorId)),
                page, "audit.by_actor:" + actorId, AuditEntry::of, SortOrder.DESC, AUDIT_LOGS.OCCURRED_AT, AUDIT_LOGS.ID);
    }

    /** What an actor, by name (services have no user id), did, most recent first. */
    public Page<AuditEntry> byActorName(String actor, PageRequest page) {
        return Keyset.page(context.dsl().selectFrom(AUDIT_LOGS).where(inOrganization()).and(AUDIT_LOGS.ACTOR.eq(actor)),
                page, "audit.by_actor_name:" + actor, AuditEntry::of, SortOrder.DESC, AUDIT_LOGS.OCCURRED_AT, AUDIT_LOGS.ID);
    }

    /** Everything that happened with {@code from <= occurred_at < to}, oldest first. */
    public Page<AuditEntry> between(OffsetDateTime from, OffsetDateTime to, PageRequest page) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidInputException("from", "audit time range needs from before to, was " + from + " .. " + to);
        }
        return Keyset.page(context.dsl().selectFrom(AUDIT_LOGS).where(inOrganization())
                        .and(AUDIT_LOGS.OCCURRED_AT.ge(from)).and(AUDIT_LOGS.OCCURRED_AT.lt(to)),
                page, "audit.between:" + from + ":" + to, AuditEntry::of, SortOrder.ASC, AUDIT_LOGS.OCCURRED_AT, AUDIT_LOGS.ID);
    }
}
