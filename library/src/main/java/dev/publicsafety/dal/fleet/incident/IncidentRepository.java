package dev.publicsafety.dal.fleet.incident;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.Workflows;
import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.KeysetList;
import dev.publicsafety.dal.fleet.internal.Tags;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.IncidentsRecord;
import dev.publicsafety.dal.geo.Location;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.SortOrder;
import org.jooq.impl.DSL;

/**
 * Incidents and their workflow ({@link Workflows#INCIDENT}). Every change takes the version the
 * caller read and fails with {@link ConcurrentUpdateException} if someone changed the incident
 * since; every change is audited.
 */
public final class IncidentRepository extends TenantRepository<IncidentsRecord> {

    public IncidentRepository(TenantContext context) {
        super(context, INCIDENTS, INCIDENTS.ID, INCIDENTS.ORG_ID, INCIDENTS.DELETED_AT, INCIDENTS.VERSION);
    }

    /** Opens an incident in status {@code new}. */
    public Incident open(NewIncident incident) {
        return openRow(null, incident);
    }

    /**
     * {@link #open(NewIncident)} under {@code id} instead of a generated id: for records brought over from
     * another system with their ids kept ({@code dal import fleet}). An id a row of this organization
     * already has, soft-deleted or not, is a {@code ConflictException} (ids are unique per organization).
     */
    public Incident openWithId(UUID id, NewIncident incident) {
        return openRow(requireId(id), incident);
    }

    private Incident openRow(UUID id, NewIncident incident) {
        IncidentsRecord values = blank();
        values.setIncidentNumber(incident.number());
        values.setTitle(incident.title());
        values.setDescription(incident.description());
        values.setIncidentType(incident.type());
        values.setStatus(IncidentStatus.NEW);
        values.setPriority((short) incident.priority());
        values.setLocation(incident.location());
        values.setTags(incident.tags().toArray(String[]::new));
        values.setReportedBy(incident.reportedBy());
        if (incident.reportedAt() != null) {
            // else the column's default, now(): the transaction's timestamp, without asking for it first
            values.setReportedAt(incident.reportedAt());
        }
        values.setMetadata(Json.of(incident.metadata()));
        return Incident.of(insert(id, values));
    }

    public Optional<Incident> findById(UUID id) {
        return fetchLive(id).map(Incident::of);
    }

    /** The live incident, or {@link dev.publicsafety.dal.error.NotFoundException}. */
    public Incident get(UUID id) {
        return Incident.of(requireLive(id));
    }

    public Optional<Incident> findByNumber(String number) {
        return dsl().selectFrom(INCIDENTS).where(live()).and(INCIDENTS.INCIDENT_NUMBER.eq(number)).fetchOptional()
                .map(Incident::of);
    }

    /**
     * Moves the incident to {@code to} if the workflow allows it from its current status, and stamps
     * the matching time ({@code dispatched_at}, {@code on_scene_at}, {@code resolved_at}, or
     * {@code closed_at} for closed and cancelled); reopening (resolved → on scene) clears {@code resolved_at}.
     *
     * @throws dev.publicsafety.dal.error.IllegalTransitionException if the workflow does not allow it
     * @throws ConcurrentUpdateException       if the incident is no longer at {@code expectedVersion}
     */
    public Incident transition(UUID id, int expectedVersion, IncidentStatus to) {
        IncidentsRecord before = requireVersion(id, expectedVersion);
        IncidentStatus from = before.getStatus();
        Workflows.INCIDENT.require(id, from, to);
        return Incident.of(updateVersioned(before, expectedVersion, "status:" + to.getLiteral(), r -> {
            r.setStatus(to);
            switch (to) {
                case DISPATCHED -> r.setDispatchedAt(context.now());
                case ON_SCENE -> {
                    if (from == IncidentStatus.RESOLVED) {
                        r.setResolvedAt(null);
                    } else {
                        r.setOnSceneAt(context.now());
                    }
                }
                case RESOLVED -> r.setResolvedAt(context.now());
                case CLOSED, CANCELLED -> r.setClosedAt(context.now());
                default -> {
                }
            }
        }));
    }

    public Incident dispatch(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, IncidentStatus.DISPATCHED);
    }

    public Incident arriveOnScene(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, IncidentStatus.ON_SCENE);
    }

    public Incident resolve(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, IncidentStatus.RESOLVED);
    }

    public Incident close(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, IncidentStatus.CLOSED);
    }

    public Incident cancel(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, IncidentStatus.CANCELLED);
    }

    /** Resolved → on scene, when it turns out the incident is not over. */
    public Incident reopen(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, IncidentStatus.ON_SCENE);
    }

    /**
     * The acting user takes the incident on: stamps {@code acknowledged_at} and makes them the
     * assignee. Allowed once, while the incident is open (new, dispatched, on scene).
     *
     * @throws dev.publicsafety.dal.error.DomainRuleException if it is already acknowledged, not open, or the actor is a service
     */
    public Incident acknowledge(UUID id, int expectedVersion) {
        IncidentsRecord before = requireVersion(id, expectedVersion);
        UUID user = context.actor().userId();
        if (user == null) {
            throw new DomainRuleException("incident " + id + ": only a user can acknowledge an incident, not service "
                    + context.actor().name());
        }
        if (before.getAcknowledgedAt() != null) {
            throw new DomainRuleException("incident " + id + " was already acknowledged at " + before.getAcknowledgedAt());
        }
        requireOpen(before, "acknowledged");
        requireActiveUser(user, "only active users of this organization can acknowledge incidents");
        return Incident.of(updateVersioned(before, expectedVersion, "acknowledge", r -> {
            r.setAcknowledgedAt(context.now());
            r.setAssignedTo(user);
        }));
    }

    /** Makes an active user of the organization responsible for the open incident ({@code null}: nobody). */
    public Incident assign(UUID id, int expectedVersion, UUID assignee) {
        IncidentsRecord before = requireVersion(id, expectedVersion);
        requireOpen(before, "assigned");
        if (assignee != null) {
            requireActiveUser(assignee, "incidents can only be assigned to active users of this organization");
        }
        return Incident.of(updateVersioned(before, expectedVersion, assignee == null ? "unassign" : "assign",
                r -> r.setAssignedTo(assignee)));
    }

    private static void requireOpen(IncidentsRecord incident, String step) {
        if (!Workflows.INCIDENT.open().contains(incident.getStatus())) {
            throw new DomainRuleException("incident " + incident.getId() + " is " + incident.getStatus().getLiteral()
                    + ": only open incidents (new, dispatched, on_scene) can be " + step);
        }
    }

    public Incident setPriority(UUID id, int expectedVersion, int priority) {
        Validate.priority("incident", priority);
        IncidentsRecord before = requireVersion(id, expectedVersion);
        return Incident.of(updateVersioned(before, expectedVersion, "set_priority", r -> r.setPriority((short) priority)));
    }

    public Incident setLocation(UUID id, int expectedVersion, Location location) {
        IncidentsRecord before = requireVersion(id, expectedVersion);
        return Incident.of(updateVersioned(before, expectedVersion, "set_location", r -> r.setLocation(location)));
    }

    public Incident describe(UUID id, int expectedVersion, String title, String description) {
        Validate.text("incident title", title, 300);
        IncidentsRecord before = requireVersion(id, expectedVersion);
        return Incident.of(updateVersioned(before, expectedVersion, "describe", r -> {
            r.setTitle(title);
            r.setDescription(description);
        }));
    }

    /** Adds tags (existing ones are kept, duplicates ignored). */
    public Incident tag(UUID id, int expectedVersion, String... tags) {
        List<String> added = Tags.check(Arrays.asList(tags));
        IncidentsRecord before = requireVersion(id, expectedVersion);
        Set<String> merged = new LinkedHashSet<>(Arrays.asList(before.getTags()));
        merged.addAll(added);
        return Incident.of(updateVersioned(before, expectedVersion, "tag", r -> r.setTags(merged.toArray(String[]::new))));
    }

    public Incident untag(UUID id, int expectedVersion, String... tags) {
        IncidentsRecord before = requireVersion(id, expectedVersion);
        Set<String> remaining = new LinkedHashSet<>(Arrays.asList(before.getTags()));
        Arrays.asList(tags).forEach(remaining::remove);
        return Incident.of(updateVersioned(before, expectedVersion, "untag", r -> r.setTags(remaining.toArray(String[]::new))));
    }

    /**
     * Open incidents (new, dispatched, on scene), most urgent first: priority 1 before 5, then the
     * longest waiting; keyset-paged on {@code (priority, reported_at, id)}.
     */
    public Page<Incident> openByPriority(PageRequest page) {
        return OPEN_BY_PRIORITY.page(context, page, "incidents.open_by_priority", Incident::of, context.orgId());
    }

    /** {@link #openByPriority}'s list, rendered once per {@link FleetDatabase}. */
    private static final KeysetList<IncidentsRecord> OPEN_BY_PRIORITY = new KeysetList<>(
            renderer -> renderer.selectFrom(INCIDENTS).where(INCIDENTS.ORG_ID.eq(DSL.param("org_id", INCIDENTS.ORG_ID)))
            .and(INCIDENTS.DELETED_AT.isNull()).and(Workflows.INCIDENT.isOpen(INCIDENTS.STATUS)),
            List.of("org_id"), SortOrder.ASC, INCIDENTS.PRIORITY, INCIDENTS.REPORTED_AT, INCIDENTS.ID);

    /** Incidents in one status, most recently reported first. */
    public Page<Incident> withStatus(IncidentStatus status, PageRequest page) {
        return Keyset.page(dsl().selectFrom(INCIDENTS).where(live()).and(INCIDENTS.STATUS.eq(status)),
                page, "incidents.with_status:" + status.getLiteral(), Incident::of, SortOrder.DESC,
                INCIDENTS.REPORTED_AT, INCIDENTS.ID);
    }

    /** Incidents carrying {@code tag}, most recently reported first; served by the GIN index on {@code tags}. */
    public Page<Incident> taggedWith(String tag, PageRequest page) {
        return Keyset.page(dsl().selectFrom(INCIDENTS).where(live()).and(INCIDENTS.TAGS.contains(new String[] {tag})),
                page, "incidents.tagged_with:" + tag, Incident::of, SortOrder.DESC, INCIDENTS.REPORTED_AT, INCIDENTS.ID);
    }

    /** How many live incidents are in each status (every status present, zero if none). */
    public Map<IncidentStatus, Integer> countByStatus() {
        Map<IncidentStatus, Integer> counts = new EnumMap<>(IncidentStatus.class);
        for (IncidentStatus status : IncidentStatus.values()) {
            counts.put(status, 0);
        }
        dsl().select(INCIDENTS.STATUS, DSL.count()).from(INCIDENTS).where(live()).groupBy(INCIDENTS.STATUS)
                .fetch().forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }
}
