package dev.publicsafety.dal.fleet.internal;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.internal.Preamble;
import dev.publicsafety.dal.internal.RenderedQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.postgresql.PGConnection;

/**
 * What every repository of one transaction shares: the connection, the organization, the actor.
 *
 * <p>The transaction's set-up (the organization for row-level security, the isolation level if not
 * the default, and the transaction's timestamp back) is sent with its first statement: in the same
 * flight when that statement is one of the rendered hot queries ({@link #fetch}), else on its own
 * just before it, whenever anything asks for {@link #dsl()} or {@link #now()}. No statement runs
 * before it.
 */
public final class TenantContext {

    private final DSLContext dsl;
    private final UUID orgId;
    private final Actor actor;
    private final FleetOptions options;
    private final AuditTrail audit;
    private final FleetQueries queries;
    /** The set-up, until it is sent. */
    private Preamble setUp;
    private OffsetDateTime now;
    private boolean open = true;

    public TenantContext(DSLContext dsl, UUID orgId, Actor actor, FleetOptions options, String setUpStatement, FleetQueries queries) {
        this.dsl = dsl;
        this.orgId = orgId;
        this.actor = actor;
        this.options = options;
        this.queries = queries;
        this.audit = new AuditTrail(this);
        // the statement returns the tenant it set and the transaction's timestamp
        this.setUp = new Preamble(setUpStatement, new Object[] {orgId}, row -> now = row.getObject(2, OffsetDateTime.class));
    }

    /** The transaction's context, its set-up sent: for statements of any kind. */
    public DSLContext dsl() {
        DSLContext ctx = checkOpen();
        Preamble pending = takeSetUp();
        if (pending != null) {
            pending.run(ctx);
        }
        return ctx;
    }

    /** A new record of {@code table} attached to this transaction, to fill in; sends nothing. */
    public <R extends Record> R newRecord(Table<R> table) {
        return checkOpen().newRecord(table);
    }

    /** Every row of {@code query} run with {@code values}, the set-up in the same flight if it is still to be sent. */
    public <R extends Record> List<R> fetch(RenderedQuery<R> query, Object... values) {
        return query.fetchAfter(checkOpen(), takeSetUp(), Integer.MAX_VALUE, values);
    }

    /** At most one row of {@code query} ({@link org.jooq.exception.TooManyRowsException} otherwise), as {@link #fetch} runs it. */
    public <R extends Record> Optional<R> fetchOptional(RenderedQuery<R> query, Object... values) {
        return query.fetchOptionalAfter(checkOpen(), takeSetUp(), values);
    }

    /** Exactly one row of {@code query}, as from an insert … returning. */
    public <R extends Record> R fetchSingle(RenderedQuery<R> query, Object... values) {
        return query.fetchSingleAfter(checkOpen(), takeSetUp(), values);
    }

    /**
     * Whether the connection has the server plan every statement anew: pgjdbc with
     * {@code prepareThreshold=0}, as the README sets it for PgBouncer in transaction pooling mode,
     * never keeps a prepared statement in the server session. Sends nothing.
     */
    public boolean plansEveryStatement() {
        return checkOpen().connectionResult(TenantContext::neverPrepares);
    }

    private static boolean neverPrepares(Connection connection) {
        try {
            return connection.isWrapperFor(PGConnection.class) && connection.unwrap(PGConnection.class).getPrepareThreshold() == 0;
        } catch (SQLException e) {
            // a wrapper that cannot say: the driver's default, which prepares
            return false;
        }
    }

    private DSLContext checkOpen() {
        if (!open) {
            throw new IllegalStateException("this transaction has ended: use repositories only inside the "
                    + "FleetDatabase.inTransaction(...) call that handed them out");
        }
        return dsl;
    }

    /** The set-up if it is still to be sent, taken: whoever takes it sends it before any other statement. */
    private Preamble takeSetUp() {
        Preamble pending = setUp;
        setUp = null;
        return pending;
    }

    public UUID orgId() {
        return orgId;
    }

    public Actor actor() {
        return actor;
    }

    public FleetOptions options() {
        return options;
    }

    public FleetQueries queries() {
        return queries;
    }

    public AuditTrail audit() {
        return audit;
    }

    /** The transaction's timestamp ({@code now()}): the same value for every write of the transaction. */
    public OffsetDateTime now() {
        dsl();
        return now;
    }

    public void close() {
        open = false;
    }
}
