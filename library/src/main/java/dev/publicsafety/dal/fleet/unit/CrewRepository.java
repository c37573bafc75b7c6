package dev.publicsafety.dal.fleet.unit;

import static dev.publicsafety.dal.generated.fleet.Tables.CREWS;
import static dev.publicsafety.dal.generated.fleet.Tables.USERS;
import static dev.publicsafety.dal.generated.fleet.enums.CrewStatus.AVAILABLE;
import static dev.publicsafety.dal.generated.fleet.enums.CrewStatus.DISPATCHED;
import static dev.publicsafety.dal.generated.fleet.enums.CrewStatus.OFF_DUTY;
import static dev.publicsafety.dal.generated.fleet.enums.CrewStatus.ON_SCENE;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.StatusWorkflow;
import dev.publicsafety.dal.fleet.Workflows;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.IncidentRepository;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.generated.fleet.enums.CrewStatus;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.CrewsRecord;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.SortOrder;

/**
 * Crews: members, and dispatching them to incidents. Crew status moves
 * available → dispatched → on scene → available (released), and available ↔ off duty; a crew is
 * dispatched only while available. Crews carry no version column: their changes lock the row.
 */
public final class CrewRepository extends TenantRepository<CrewsRecord> {

    private static final Map<CrewStatus, Set<CrewStatus>> ALLOWED = new EnumMap<>(CrewStatus.class);

    static {
        ALLOWED.put(AVAILABLE, EnumSet.of(DISPATCHED, OFF_DUTY));
        ALLOWED.put(DISPATCHED, EnumSet.of(ON_SCENE, AVAILABLE));
        ALLOWED.put(ON_SCENE, EnumSet.of(AVAILABLE));
        ALLOWED.put(OFF_DUTY, EnumSet.of(AVAILABLE));
    }

    private final FleetTransaction transaction;

    /** {@code transaction} is the path to the incidents a dispatch moves. */
    public CrewRepository(TenantContext context, FleetTransaction transaction) {
        super(context, CREWS, CREWS.ID, CREWS.ORG_ID, CREWS.DELETED_AT, null);
        this.transaction = transaction;
    }

    public Crew create(NewCrew crew) {
        return createRow(null, crew);
    }

    /**
     * {@link #create(NewCrew)} under {@code id} instead of a generated id: for records brought over from
     * another system with their ids kept ({@code dal import fleet}). An id a row of this organization
     * already has, soft-deleted or not, is a {@code ConflictException} (ids are unique per organization).
     */
    public Crew createWithId(UUID id, NewCrew crew) {
        return createRow(requireId(id), crew);
    }

    private Crew createRow(UUID id, NewCrew crew) {
        requireMembers(crew.memberIds());
        CrewsRecord values = blank();
        values.setName(crew.name());
        values.setLeaderId(crew.leaderId());
        values.setMemberIds(crew.memberIds().toArray(UUID[]::new));
        values.setStatus(AVAILABLE);
        return Crew.of(insert(id, values));
    }

    public Optional<Crew> findById(UUID id) {
        return fetchLive(id).map(Crew::of);
    }

    public Crew get(UUID id) {
        return Crew.of(requireLive(id));
    }

    /** The crew's members, by display name. */
    public List<User> members(UUID crewId) {
        UUID[] ids = requireLive(crewId).getMemberIds();
        return dsl().selectFrom(USERS).where(USERS.ORG_ID.eq(context.orgId())).and(USERS.DELETED_AT.isNull())
                .and(USERS.ID.in(ids)).orderBy(USERS.DISPLAY_NAME, USERS.ID).fetch(User::of);
    }

    public Crew addMember(UUID crewId, UUID userId) {
        requireMembers(List.of(userId));
        CrewsRecord before = lockLive(crewId);
        Set<UUID> members = new LinkedHashSet<>(List.of(before.getMemberIds()));
        members.add(userId);
        return Crew.of(applyLocked(before, "add_member", r -> r.setMemberIds(members.toArray(UUID[]::new))));
    }

    /** Removes a member; removing the leader leaves the crew without one. */
    public Crew removeMember(UUID crewId, UUID userId) {
        CrewsRecord before = lockLive(crewId);
        Set<UUID> members = new LinkedHashSet<>(List.of(before.getMemberIds()));
        if (!members.remove(userId)) {
            throw new InvalidInputException("userId", "user " + userId + " is not a member of crew '" + before.getName() + "'");
        }
        return Crew.of(applyLocked(before, "remove_member", r -> {
            r.setMemberIds(members.toArray(UUID[]::new));
            if (userId.equals(before.getLeaderId())) {
                r.setLeaderId(null);
            }
        }));
    }

    /**
     * Sends an available crew to an open incident. An incident still {@code new} moves to
     * {@code dispatched} in the same transaction (audited as an incident change).
     */
    public Crew dispatch(UUID crewId, UUID incidentId) {
        CrewsRecord crew = lockLive(crewId);
        requireTransition(crew, DISPATCHED);
        IncidentRepository incidents = transaction.incidents();
        Incident incident = incidents.get(incidentId);
        if (!Workflows.INCIDENT.open().contains(incident.status())) {
            throw new DomainRuleException("incident " + incidentId + " is " + incident.status().getLiteral()
                    + ": crews are dispatched only to open incidents (new, dispatched, on_scene)");
        }
        if (incident.status() == IncidentStatus.NEW) {
            incidents.transition(incidentId, incident.version(), IncidentStatus.DISPATCHED);
        }
        return Crew.of(applyLocked(crew, "dispatch", r -> {
            r.setStatus(DISPATCHED);
            r.setIncidentId(incidentId);
            r.setDispatchedAt(context.now());
        }));
    }

    public Crew arriveOnScene(UUID crewId) {
        return move(crewId, ON_SCENE, "arrive_on_scene");
    }

    /** Back to available, no longer attached to an incident. */
    public Crew release(UUID crewId) {
        CrewsRecord crew = lockLive(crewId);
        requireTransition(crew, AVAILABLE);
        return Crew.of(applyLocked(crew, "release", r -> {
            r.setStatus(AVAILABLE);
            r.setIncidentId(null);
            r.setDispatchedAt(null);
        }));
    }

    public Crew goOffDuty(UUID crewId) {
        return move(crewId, OFF_DUTY, "off_duty");
    }

    public Crew goOnDuty(UUID crewId) {
        return move(crewId, AVAILABLE, "on_duty");
    }

    /** Sets the crew's current shift; both ends or neither ({@code null, null} clears it), the end after the start. */
    public Crew setShift(UUID crewId, OffsetDateTime start, OffsetDateTime end) {
        if ((start == null) != (end == null)) {
            throw new InvalidInputException("shiftStart", "crew " + crewId + ": a shift needs both its start and its end (or neither)");
        }
        if (start != null && !end.isAfter(start)) {
            throw new InvalidInputException("shiftEnd", "crew " + crewId + ": shift end " + end + " is not after its start " + start);
        }
        return Crew.of(updateLocked(crewId, start == null ? "clear_shift" : "set_shift", r -> {
            r.setShiftStart(start);
            r.setShiftEnd(end);
        }));
    }

    /** Crews in one status, by name. */
    public Page<Crew> withStatus(CrewStatus status, PageRequest page) {
        return Keyset.page(dsl().selectFrom(CREWS).where(live()).and(CREWS.STATUS.eq(status)),
                page, "crews.with_status:" + status.getLiteral(), Crew::of, SortOrder.ASC, CREWS.NAME, CREWS.ID);
    }

    /** Crews currently dispatched to (or on scene at) an incident. */
    public List<Crew> atIncident(UUID incidentId) {
        return dsl().selectFrom(CREWS).where(live()).and(CREWS.INCIDENT_ID.eq(incidentId)).orderBy(CREWS.NAME)
                .fetch(Crew::of);
    }

    private Crew move(UUID crewId, CrewStatus to, String action) {
        CrewsRecord crew = lockLive(crewId);
        requireTransition(crew, to);
        return Crew.of(applyLocked(crew, action, r -> r.setStatus(to)));
    }

    private static void requireTransition(CrewsRecord crew, CrewStatus to) {
        if (!ALLOWED.get(crew.getStatus()).contains(to)) {
            throw StatusWorkflow.illegal("crew", crew.getId(), crew.getStatus(), to, ALLOWED.get(crew.getStatus()));
        }
    }

    private void requireMembers(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        Set<UUID> found = new HashSet<>(dsl().select(USERS.ID).from(USERS).where(USERS.ORG_ID.eq(context.orgId()))
                .and(USERS.DELETED_AT.isNull()).and(USERS.ID.in(userIds)).fetch(USERS.ID));
        for (UUID id : userIds) {
            if (!found.contains(id)) {
                throw TenantRepository.missing("users", id, "crew members must be users of this organization");
            }
        }
    }
}
