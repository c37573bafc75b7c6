package dev.publicsafety.dal.fleet.audit;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_LOGS;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.SortOrder;
import org.jooq.Table;

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

    /** An entity's history, oldest first. {@code entityType} is its table name, e.g. {@code incidents}. */
    public Page<AuditEntry> forEntity(String entityType, UUID entityId, PageRequest page) {
        return Keyset.page(context.dsl().selectFrom(AUDIT_LOGS).where(inOrganization())
                        .and(AUDIT_LOGS.ENTITY_TYPE.eq(entityType)).and(AUDIT_LOGS.ENTITY_ID.eq(entityId)),
                page, "audit.for_entity:" + entityType + ":" + entityId, AuditEntry::of, SortOrder.ASC,
                AUDIT_LOGS.OCCURRED_AT, AUDIT_LOGS.ID);
    }

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
