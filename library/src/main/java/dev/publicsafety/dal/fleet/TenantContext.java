package dev.publicsafety.dal.fleet;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;

/** What every repository of one transaction shares: the connection, the organization, the actor. */
final class TenantContext {

    private final DSLContext dsl;
    private final UUID orgId;
    private final Actor actor;
    private final FleetOptions options;
    private final AuditTrail audit;
    private final OffsetDateTime now;
    private final FleetQueries queries;
    private boolean open = true;

    TenantContext(DSLContext dsl, UUID orgId, Actor actor, FleetOptions options, OffsetDateTime now, FleetQueries queries) {
        this.dsl = dsl;
        this.orgId = orgId;
        this.actor = actor;
        this.options = options;
        this.now = now;
        this.queries = queries;
        this.audit = new AuditTrail(this);
    }

    DSLContext dsl() {
        if (!open) {
            throw new IllegalStateException("this transaction has ended: use repositories only inside the "
                    + "FleetDatabase.inTransaction(...) call that handed them out");
        }
        return dsl;
    }

    UUID orgId() {
        return orgId;
    }

    Actor actor() {
        return actor;
    }

    FleetOptions options() {
        return options;
    }

    FleetQueries queries() {
        return queries;
    }

    AuditTrail audit() {
        return audit;
    }

    /** The transaction's timestamp ({@code now()}): the same value for every write of the transaction. */
    OffsetDateTime now() {
        dsl();
        return now;
    }

    void close() {
        open = false;
    }
}
