package dev.publicsafety.dal.fleet.internal;

import static dev.publicsafety.dal.generated.fleet.Tables.USERS;

import dev.publicsafety.dal.internal.NamedStatement;
import dev.publicsafety.dal.internal.RenderedQuery;
import dev.publicsafety.dal.internal.StatementCache;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

/**
 * The fleet repositories' hot statements, rendered once per {@code FleetDatabase} into its one
 * {@link StatementCache} and run in every transaction it opens (see {@link RenderedQuery}): each
 * tenant table's reads by id and writes ({@link TableStatements}, a write with its audit row), the
 * audit row of the other writes, whether a user is active, and the lists dispatch screens refresh
 * ({@link KeysetList}).
 */
public final class FleetQueries {

    private static final NamedStatement<Record1<UUID>> ACTIVE_USER = new NamedStatement<>("the active-user check", List.of("id", "org_id"),
            r -> r.select(USERS.ID).from(USERS).where(USERS.ID.eq(DSL.param("id", USERS.ID)))
                    .and(USERS.ORG_ID.eq(DSL.param("org_id", USERS.ORG_ID))).and(USERS.DELETED_AT.isNull()).and(USERS.IS_ACTIVE));

    private static final NamedStatement<Record1<UUID>> AUDIT_INSERT = new NamedStatement<>("the audit row's insert",
            List.of("org_id", "actor_id", "actor", "action", "entity_type", "entity_id", "before_state", "after_state", "ip_address",
                    "correlation_id"), AuditTrail::insertTemplate);

    private final Map<Class<?>, TableStatements<?>> tables = new ConcurrentHashMap<>();
    private final StatementCache statements;

    /** {@code renderer} is the database's own context: its dialect and settings render the SQL. */
    public FleetQueries(DSLContext renderer) {
        this.statements = new StatementCache(renderer);
    }

    /** Whether {@code userId} is a live, active user of the transaction's organization. */
    public boolean isActiveUser(TenantContext tx, UUID userId) {
        return tx.fetchOptional(hot(ACTIVE_USER), userId, tx.orgId()).isPresent();
    }

    /** The audit row's INSERT ({@link AuditTrail#insertTemplate}), for the writes that do not go through {@link TableStatements}. */
    public RenderedQuery<Record1<UUID>> auditInsert() {
        return hot(AUDIT_INSERT);
    }

    /** The hot statements of {@code repository}'s table, rendered on first use. */
    @SuppressWarnings("unchecked") // one repository class per table, so its statements are of its record
    public <R extends UpdatableRecord<R>> TableStatements<R> of(TenantRepository<R> repository) {
        // keyed by the repository's class, whose hash is its identity, rather than by hashing a jOOQ table on every call
        return (TableStatements<R>) tables.computeIfAbsent(repository.getClass(), c -> new TableStatements<>(statements, repository));
    }

    /** {@code statement}, rendered on first use. */
    public <R extends Record> RenderedQuery<R> hot(NamedStatement<R> statement) {
        return statements.of(statement);
    }

    /** The cache of this database's rendered statements, which keyset lists render into too. */
    public StatementCache statements() {
        return statements;
    }
}
