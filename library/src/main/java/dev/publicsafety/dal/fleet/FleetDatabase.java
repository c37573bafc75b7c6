package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.error.ConflictException;
import dev.publicsafety.dal.fleet.internal.FleetQueries;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.internal.Transactions;
import dev.publicsafety.dal.internal.UnitBounds;
import dev.publicsafety.dal.internal.UnitObserver;
import dev.publicsafety.dal.replica.Committed;
import dev.publicsafety.dal.replica.ReplicaRouter;
import dev.publicsafety.dal.replica.WalPosition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;

/**
 * The fleet data layer's entry point: a {@link DataSource} (any pool, any framework) or a jOOQ
 * {@link Configuration} in, tenant transactions out.
 *
 * <pre>{@code
 * FleetDatabase fleet = new FleetDatabase(dataSource);
 * Incident incident = fleet.inTransaction(orgId, Actor.user(userId, "dispatcher-7"),
 *         tx -> tx.incidents().open(NewIncident.of("INC-1042", "Structure fire", "fire", 1)));
 * }</pre>
 *
 * <p>Each call is one transaction: it takes a connection, sets the organization for row-level
 * security (and an isolation level other than READ COMMITTED) in one statement sent with {@code BEGIN}
 * ({@code fleet.set_org_id(org)} binds the organization to this transaction: whatever the work
 * does to {@code dal.org_id}, a later transaction on the connection that sets no organization sees
 * no tenant rows), runs the work, commits, and returns the connection. An exception rolls
 * everything back, audit rows included. Built from a {@code Configuration}, its execute listeners,
 * settings and transaction provider apply to every call; built from a {@code DataSource}, it uses
 * PostgreSQL with {@link dev.publicsafety.dal.DalDsl#settings()}. A unique key already taken is a
 * {@link dev.publicsafety.dal.error.ConflictException}. The same set-up statement bounds every wait of
 * the unit ({@link FleetOptions#lockTimeout()}, 2 s by default, and {@link FleetOptions#statementTimeout()},
 * 30 s, set transaction-locally): a lock held by another organization's transaction ends the unit
 * with a {@link dev.publicsafety.dal.error.WaitTimeoutException} instead of an unbounded wait.
 * A serialization failure (SQLSTATE 40001) or deadlock (40P01) runs the work again, up to
 * {@link FleetOptions#maxAttempts()} times; therefore the work must only touch the database.
 *
 * <p>With a read replica ({@link #FleetDatabase(ReplicaRouter, FleetOptions)}), {@link #read} runs on the
 * replica when it can serve, and {@link #write} returns the position to present to a later read to
 * see that write (read-your-writes).
 *
 * <p>Before its first unit of work, and then hourly ({@link FleetOptions#partitionUpkeep()}), it
 * makes sure the monthly partitions of transmissions and audit logs reach three months ahead, on a
 * connection of its own ({@code fleet.keep_partitions_ahead()}, fleet V8); a failure there is
 * logged, never thrown, since a row past the last month still goes to the default partition.
 *
 * <p>Connect with the application role (see {@link FleetRoles}), not the owner, so that row-level
 * security backs up the repositories' own {@code org_id} filters.
 */
public final class FleetDatabase {

    /** Who reads an organization by slug: a read, so nothing is audited under this name. */
    private static final Actor LOOKUP = Actor.service("dal");
    /** Who a read-only unit of work acts as: nobody is audited, since it cannot write. */
    private static final Actor READER = Actor.service("read-only");

    private final Transactions transactions;
    private final FleetOptions options;
    private final FleetQueries queries;
    /**
     * Sent with the transaction's BEGIN, in one round trip (SET TRANSACTION, when there is one, must
     * come before any query); the transaction's timestamp comes back with it, so writes need no
     * query of their own for it.
     */
    private final String setUp;
    /** {@link #setUp} for {@link #read}: read-only, and at most REPEATABLE READ, which is all a standby can run. */
    private final String readOnlySetUp;
    /** Null without a replica: reads then run on the configuration's own connections. */
    private final ReplicaRouter router;
    private final PartitionUpkeep partitionUpkeep;
    /** The name this database's units of work are observed under ({@link #named}), or null for the entry point's own. */
    private final String operation;

    public FleetDatabase(DataSource dataSource) {
        this(dataSource, FleetOptions.defaults());
    }

    public FleetDatabase(DataSource dataSource, FleetOptions options) {
        this(Transactions.configurationOf(dataSource), options);
    }

    public FleetDatabase(Configuration configuration) {
        this(configuration, FleetOptions.defaults());
    }

    public FleetDatabase(Configuration configuration, FleetOptions options) {
        this(configuration, options, Clock.systemUTC());
    }

    /** Writes on {@code router}'s primary; {@link #read} on its replica when the replica can serve it. */
    public FleetDatabase(ReplicaRouter router, FleetOptions options) {
        this(Transactions.configurationOf(Objects.requireNonNull(router, "router").primary()), options, router, Clock.systemUTC());
    }

    /** {@code clock} decides when the partition upkeep is due (tests). */
    FleetDatabase(Configuration configuration, FleetOptions options, Clock clock) {
        this(configuration, options, null, clock);
    }

    private FleetDatabase(Configuration configuration, FleetOptions options, ReplicaRouter router, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.router = router;
        this.operation = null;
        UnitBounds bounds = new UnitBounds(options.lockTimeout(), options.statementTimeout(), "FleetOptions");
        this.transactions = new Transactions(configuration, options.maxAttempts(), options.retryBackoff(), bounds,
                new UnitObserver("fleet", options.instrumentation()));
        this.partitionUpkeep = new PartitionUpkeep(transactions.dsl(), options.partitionUpkeep(), clock);
        this.queries = new FleetQueries(transactions.dsl());
        // READ COMMITTED is PostgreSQL's default: saying so again would cost a statement per call.
        this.setUp = (options.isolation() == FleetOptions.Isolation.READ_COMMITTED ? ""
                : "set transaction isolation level " + options.isolation().sql + "; ") + "select fleet.set_org_id(?), now(), "
                + bounds.selectItems();
        FleetOptions.Isolation readLevel = options.isolation() == FleetOptions.Isolation.SERIALIZABLE
                ? FleetOptions.Isolation.REPEATABLE_READ : options.isolation();
        this.readOnlySetUp = "set transaction isolation level " + readLevel.sql + ", read only; select fleet.set_org_id(?), now(), "
                + bounds.selectItems();
    }

    /** {@code base} whose units of work are observed as {@code operation}. */
    private FleetDatabase(FleetDatabase base, String operation) {
        this.transactions = base.transactions;
        this.options = base.options;
        this.queries = base.queries;
        this.setUp = base.setUp;
        this.readOnlySetUp = base.readOnlySetUp;
        this.router = base.router;
        this.partitionUpkeep = base.partitionUpkeep;
        this.operation = operation;
    }

    public FleetOptions options() {
        return options;
    }

    /**
     * This database, its units of work observed as {@code operation} ({@code dal.operation}) instead
     * of the entry point's name ({@code inTransaction}, {@code read}, …); it shares everything else.
     * The name becomes a metric tag: give a fixed name per kind of work (e.g. {@code "dispatch"}),
     * never one made of values.
     */
    public FleetDatabase named(String operation) {
        Objects.requireNonNull(operation, "operation");
        return new FleetDatabase(this, operation);
    }

    /**
     * Runs {@code work} in one transaction for organization {@code orgId}, as {@code actor}, and
     * returns its result. Retries serialization failures and deadlocks (the work must be free of
     * side effects outside the database); any other exception rolls back and propagates.
     */
    public <T> T inTransaction(UUID orgId, Actor actor, TransactionWork<T> work) {
        return unit("inTransaction", orgId, actor, work);
    }

    /** One unit of work, observed as this database's {@link #named} operation or else as {@code verb}, the entry point. */
    private <T> T unit(String verb, UUID orgId, Actor actor, TransactionWork<T> work) {
        Objects.requireNonNull(orgId, "orgId: a fleet transaction always acts for one organization");
        Objects.requireNonNull(actor, "actor: every write is audited, so say who acts (Actor.user or Actor.service)");
        Objects.requireNonNull(work, "work");
        partitionUpkeep.runIfDue();
        return transactions.run(operation == null ? verb : operation, dsl -> tenant(dsl, setUp, orgId, actor, work));
    }

    /**
     * {@link #inTransaction} that also returns the primary's WAL position after the commit: present
     * it to {@link #read} to read this write back, even from a replica.
     */
    public <T> Committed<T> write(UUID orgId, Actor actor, TransactionWork<T> work) {
        T value = unit("write", orgId, actor, work);
        return new Committed<>(value, transactions.positionAfterCommit());
    }

    /**
     * Runs {@code work} in one read-only transaction (a write in it fails with SQLSTATE 25006) for
     * organization {@code orgId}: on the read replica if there is one and it serves, else on the
     * primary. At most REPEATABLE READ: a standby cannot run SERIALIZABLE transactions.
     *
     * @param after a position from {@link #write} whose write this read must see, or null
     */
    public <T> T read(UUID orgId, WalPosition after, TransactionWork<T> work) {
        Objects.requireNonNull(orgId, "orgId: a fleet transaction always acts for one organization");
        Objects.requireNonNull(work, "work");
        partitionUpkeep.runIfDue();
        return transactions.read(operation == null ? "read" : operation, router, after,
                dsl -> tenant(dsl, readOnlySetUp, orgId, READER, work));
    }

    /** {@link #read} of whatever the replica has replayed. */
    public <T> T read(UUID orgId, TransactionWork<T> work) {
        return read(orgId, null, work);
    }

    private <T> T tenant(DSLContext dsl, String setUpStatement, UUID orgId, Actor actor, TransactionWork<T> work) {
        TenantContext context = new TenantContext(dsl, orgId, actor, options, setUpStatement, queries);
        try {
            return work.run(new FleetTransaction(context));
        } finally {
            context.close();
        }
    }

    /** {@link #inTransaction} for work without a result. */
    public void execute(UUID orgId, Actor actor, TransactionAction action) {
        Objects.requireNonNull(action, "action");
        unit("execute", orgId, actor, tx -> {
            action.run(tx);
            return null;
        });
    }

    /**
     * Creates an organization (a tenant) and audits it under the new organization. Runs as a
     * transaction for the new organization's id, so the application role can do it too. The id is
     * derived from the slug ({@link #organizationId}), so {@link #findOrganizationBySlug} finds it
     * without a query across tenants; a slug already taken is a
     * {@link dev.publicsafety.dal.error.ConflictException}.
     */
    public Organization createOrganization(Actor actor, NewOrganization organization) {
        Objects.requireNonNull(organization, "organization");
        UUID id = organizationId(organization.slug());
        try {
            return unit("createOrganization", id, actor, tx -> tx.organization().createThisOrganization(organization));
        } catch (ConflictException taken) {
            throw new ConflictException("organization slug '" + organization.slug() + "' is already taken", taken.getCause());
        }
    }

    /**
     * The live organization with {@code slug} that {@link #createOrganization} made, if there is
     * one, so that a program can find its organization again on its next run. One transaction for
     * that organization: row-level security lets the application role see no other. Organizations
     * inserted by other means (SQL, or before the id was derived from the slug) are not found.
     */
    public Optional<Organization> findOrganizationBySlug(String slug) {
        Objects.requireNonNull(slug, "slug");
        return unit("findOrganizationBySlug", organizationId(slug), LOOKUP,
                tx -> tx.organization().find().filter(organization -> organization.slug().equals(slug)));
    }

    /** The id {@link #createOrganization} gives the organization with {@code slug}: a name-based UUID. */
    public static UUID organizationId(String slug) {
        return UUID.nameUUIDFromBytes(("dev.publicsafety.dal.fleet.organizations/" + slug).getBytes(StandardCharsets.UTF_8));
    }
}
