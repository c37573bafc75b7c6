package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.Tables.USERS;

import dev.publicsafety.dal.generated.fleet.tables.records.IncidentsRecord;
import dev.publicsafety.dal.generated.fleet.tables.records.TasksRecord;
import dev.publicsafety.dal.generated.fleet.tables.records.TransmissionsRecord;
import dev.publicsafety.dal.internal.RenderedQuery;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

/**
 * The fleet repositories' hot statements, rendered once per {@link FleetDatabase} and run in every
 * transaction it opens (see {@link RenderedQuery}): each tenant table's reads by id and writes
 * ({@link TableStatements}), the audit row every write adds, whether a user is active, and the
 * lists dispatch screens refresh ({@link KeysetList}).
 */
final class FleetQueries {

    private static final Hot<Record1<UUID>> ACTIVE_USER = new Hot<>("the active-user check", List.of("id", "org_id"),
            r -> r.select(USERS.ID).from(USERS).where(USERS.ID.eq(DSL.param("id", USERS.ID)))
                    .and(USERS.ORG_ID.eq(DSL.param("org_id", USERS.ORG_ID))).and(USERS.DELETED_AT.isNull()).and(USERS.IS_ACTIVE));

    private final DSLContext renderer;
    private final Map<Class<?>, TableStatements<?>> tables = new ConcurrentHashMap<>();
    private final Map<Hot<?>, RenderedQuery<?>> hot = new ConcurrentHashMap<>();

    private final RenderedQuery<Record1<UUID>> auditInsert;
    private final KeysetList<IncidentsRecord> openIncidents;
    private final KeysetList<TasksRecord> openTasksFor;
    private final KeysetList<TransmissionsRecord> channelTraffic;
    private final KeysetList<Record> mentioning;

    /** {@code renderer} is the database's own context: its dialect and settings render the SQL. */
    FleetQueries(DSLContext renderer) {
        this.renderer = renderer;
        this.auditInsert = RenderedQuery.of(renderer, AuditTrail.insertTemplate(renderer));
        this.openIncidents = IncidentRepository.openByPriorityList(renderer);
        this.openTasksFor = TaskRepository.openForList(renderer);
        this.channelTraffic = TransmissionRepository.channelTrafficList(renderer);
        this.mentioning = TransmissionRepository.mentioningList(renderer);
    }

    /** The lists a dispatch screen refreshes all day ({@link KeysetList}). */
    KeysetList<IncidentsRecord> openIncidents() {
        return openIncidents;
    }

    KeysetList<TasksRecord> openTasksFor() {
        return openTasksFor;
    }

    KeysetList<TransmissionsRecord> channelTraffic() {
        return channelTraffic;
    }

    KeysetList<Record> mentioning() {
        return mentioning;
    }

    /** Whether {@code userId} is a live, active user of the transaction's organization. */
    boolean isActiveUser(TenantContext tx, UUID userId) {
        return tx.fetchOptional(hot(ACTIVE_USER), userId, tx.orgId()).isPresent();
    }

    /** The audit row's INSERT ({@link AuditTrail#insertTemplate}), which every write sends. */
    RenderedQuery<Record1<UUID>> auditInsert() {
        return auditInsert;
    }

    /** The hot statements of {@code repository}'s table, rendered on first use. */
    @SuppressWarnings("unchecked") // one repository class per table, so its statements are of its record
    <R extends UpdatableRecord<R>> TableStatements<R> of(TenantRepository<R> repository) {
        // keyed by the repository's class, whose hash is its identity, rather than by hashing a jOOQ table on every call
        return (TableStatements<R>) tables.computeIfAbsent(repository.getClass(), c -> new TableStatements<>(renderer, repository));
    }

    /**
     * Another statement a repository sends on a hot path, declared once as a constant: its template
     * written with named parameters ({@link DSL#param(String, org.jooq.Field)}) in the order each call
     * passes their values. Looked up by identity.
     */
    static final class Hot<R extends Record> {

        private final String what;
        private final List<String> parameters;
        private final Function<DSLContext, ResultQuery<R>> template;

        Hot(String what, List<String> parameters, Function<DSLContext, ResultQuery<R>> template) {
            this.what = what;
            this.parameters = List.copyOf(parameters);
            this.template = template;
        }
    }

    /** {@code statement}, rendered on first use. */
    @SuppressWarnings("unchecked") // each statement is rendered from its own template, so it is of its record
    <R extends Record> RenderedQuery<R> hot(Hot<R> statement) {
        return (RenderedQuery<R>) hot.computeIfAbsent(statement,
                s -> RenderedQuery.of(renderer, statement.template.apply(renderer)).requireParameters(statement.what, statement.parameters));
    }
}
