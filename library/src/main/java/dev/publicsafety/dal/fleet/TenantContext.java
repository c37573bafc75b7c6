package dev.publicsafety.dal.fleet;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** What every repository of one transaction shares: the connection, the organization, the actor. */
final class TenantContext {

    private final DSLContext dsl;
    private final UUID orgId;
    private final Actor actor;
    private final FleetOptions options;
    private final AuditTrail audit;
    private OffsetDateTime now;
    private boolean open = true;

    TenantContext(DSLContext dsl, UUID orgId, Actor actor, FleetOptions options) {
        this.dsl = dsl;
        this.orgId = orgId;
        this.actor = actor;
        this.options = options;
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

    AuditTrail audit() {
        return audit;
    }

    /** The transaction's timestamp ({@code now()}): the same value for every write of the transaction. */
    OffsetDateTime now() {
        if (now == null) {
            now = dsl().select(DSL.currentOffsetDateTime()).fetchSingle().value1();
        }
        return now;
    }

    void close() {
        open = false;
    }
}
