package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.replica.Committed;
import dev.publicsafety.dal.replica.ReplicaRouter;
import dev.publicsafety.dal.replica.WalPosition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The fleet data layer's entry point: a {@link DataSource} in (any pool, any framework), tenant
 * transactions out.
 *
 * <pre>{@code
 * FleetDatabase fleet = new FleetDatabase(dataSource);
 * Incident incident = fleet.inTransaction(orgId, Actor.user(userId, "dispatcher-7"),
 *         tx -> tx.incidents().open(NewIncident.of("INC-1042", "Structure fire", "fire", 1)));
 * }</pre>
 *
 * <p>Each call is one transaction: it takes a connection, sets the organization for row-level
 * security ({@code fleet.set_org_id(org)}, which binds it to this transaction: whatever the work
 * does to {@code dal.org_id}, a later transaction on the connection that sets no organization sees
 * no tenant rows), runs the work, commits, and returns the connection. An exception rolls everything back, audit rows included.
 * A serialization failure (SQLSTATE 40001) or deadlock (40P01) runs the work again, up to
 * {@link FleetOptions#maxAttempts()} times; therefore the work must only touch the database.
 *
 * <p>With a read replica ({@link #FleetDatabase(ReplicaRouter, FleetOptions)}), {@link #read} runs on the
 * replica and {@link #write} returns the position to present to a later read to see that write.
 *
 * <p>Connect with the application role (see {@link FleetRoles}), not the owner, so that row-level
 * security backs up the repositories' own {@code org_id} filters.
 */
public final class FleetDatabase {

    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final Name SET_ORG_ID = DSL.name("fleet", "set_org_id");
    /** Who a read-only unit of work acts as: nobody is audited, since it cannot write. */
    private static final Actor READER = Actor.service("read-only");

    private final DataSource dataSource;
    private final FleetOptions options;
    private final ReplicaRouter router;

    public FleetDatabase(DataSource dataSource) {
        this(dataSource, FleetOptions.defaults());
    }

    public FleetDatabase(DataSource dataSource, FleetOptions options) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.options = Objects.requireNonNull(options, "options");
        this.router = ReplicaRouter.primaryOnly(dataSource);
    }

    /** Writes on {@code router}'s primary; {@link #read} on its replica when the replica can serve it. */
    public FleetDatabase(ReplicaRouter router, FleetOptions options) {
        this.router = Objects.requireNonNull(router, "router");
        this.dataSource = router.primary();
        this.options = Objects.requireNonNull(options, "options");
    }

    public FleetOptions options() {
        return options;
    }

    /**
     * Runs {@code work} in one transaction for organization {@code orgId}, as {@code actor}, and
     * returns its result. Retries serialization failures and deadlocks (the work must be free of
     * side effects outside the database); any other exception rolls back and propagates.
     */
    public <T> T inTransaction(UUID orgId, Actor actor, TransactionWork<T> work) {
        Objects.requireNonNull(orgId, "orgId: a fleet transaction always acts for one organization");
        Objects.requireNonNull(actor, "actor: every write is audited, so say who acts (Actor.user or Actor.service)");
        Objects.requireNonNull(work, "work");
        return retrying(() -> once(orgId, actor, work));
    }

    /**
     * {@link #inTransaction} that also returns the primary's WAL position after the commit: present
     * it to {@link #read} to read this write back, even from a replica.
     */
    public <T> Committed<T> write(UUID orgId, Actor actor, TransactionWork<T> work) {
        Objects.requireNonNull(orgId, "orgId: a fleet transaction always acts for one organization");
        Objects.requireNonNull(actor, "actor: every write is audited, so say who acts (Actor.user or Actor.service)");
        Objects.requireNonNull(work, "work");
        return retrying(() -> router.write(connection -> inConnection(connection, false, orgId, actor, work)));
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
        return retrying(() -> router.read(after, connection -> inConnection(connection, true, orgId, READER, work)));
    }

    /** {@link #read} of whatever the replica has replayed. */
    public <T> T read(UUID orgId, TransactionWork<T> work) {
        return read(orgId, null, work);
    }

    private <T> T retrying(Supplier<T> unitOfWork) {
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.get();
            } catch (RuntimeException failure) {
                if (attempt >= options.maxAttempts() || !isRetryable(failure)) {
                    throw failure;
                }
                pause(attempt);
            }
        }
    }

    /** {@link #inTransaction} for work without a result. */
    public void execute(UUID orgId, Actor actor, TransactionAction action) {
        Objects.requireNonNull(action, "action");
        inTransaction(orgId, actor, tx -> {
            action.run(tx);
            return null;
        });
    }

    /**
     * Creates an organization (a tenant) and audits it under the new organization. Runs as a
     * transaction for the new organization's id, so the application role can do it too.
     */
    public Organization createOrganization(Actor actor, NewOrganization organization) {
        Objects.requireNonNull(organization, "organization");
        UUID id = UUID.randomUUID();
        return inTransaction(id, actor, tx -> tx.organization().create(id, organization));
    }

    private <T> T once(UUID orgId, Actor actor, TransactionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return inConnection(connection, false, orgId, actor, work);
        } catch (SQLException e) {
            throw new DataAccessException("fleet transaction failed: " + e.getMessage(), e);
        }
    }

    private <T> T inConnection(Connection connection, boolean readOnly, UUID orgId, Actor actor, TransactionWork<T> work)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        int level = readOnly && options.isolation() == FleetOptions.Isolation.SERIALIZABLE
                ? FleetOptions.Isolation.REPEATABLE_READ.jdbcLevel : options.isolation().jdbcLevel;
        connection.setAutoCommit(false);
        if (isolation != level) {
            connection.setTransactionIsolation(level);
        }
        TenantContext context = null;
        try {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            if (readOnly) {
                dsl.execute("SET TRANSACTION READ ONLY");
            }
            dsl.select(DSL.function(SET_ORG_ID, String.class, DSL.val(orgId))).fetch();
            context = new TenantContext(connection, dsl, orgId, actor, options);
            T result = work.run(new TenantTransaction(context));
            context.close();
            connection.commit();
            return result;
        } catch (Throwable failure) {
            if (context != null) {
                context.close();
            }
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        } finally {
            restore(connection, autoCommit, isolation);
        }
    }

    /** Hands the connection back as it was lent; a broken connection is the pool's to discard. */
    private static void restore(Connection connection, boolean autoCommit, int isolation) {
        try {
            if (connection.getTransactionIsolation() != isolation) {
                connection.setTransactionIsolation(isolation);
            }
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the transaction has already been committed or rolled back; nothing of it depends on this
        }
    }

    /** Whether {@code failure} is a serialization failure or a deadlock, wherever it is wrapped. */
    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (SERIALIZATION_FAILURE.equals(e.getSQLState()) || DEADLOCK_DETECTED.equals(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void pause(int attempt) {
        long base = options.retryBackoff().toMillis() * attempt;
        if (base <= 0) {
            return;
        }
        try {
            Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a fleet transaction", e);
        }
    }
}
