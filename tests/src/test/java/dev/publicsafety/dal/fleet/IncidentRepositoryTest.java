package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.CANCELLED;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.CLOSED;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.DISPATCHED;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.NEW;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.ON_SCENE;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.IllegalTransitionException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.RadioChannel;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class IncidentRepositoryTest {

    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;
    private static final Actor DISPATCHER = Actor.service("dispatch-console");

    @BeforeAll
    static void setUp(Tenant tenant) {
        fleet = tenant.fleet();
        org = tenant.id();
        acting = tenant.as(DISPATCHER);
    }


    @Test
    void shouldOpenAnIncidentWithLocationTagsAndPriority() {
        Location where = new Location("12 Harbour Rd", "Port Ellis", "North", null, "Quay St", 51.5, -0.12);
        Incident opened = acting.inTransaction(t -> t.incidents().open(NewIncident.of("INC-OPEN", "Vehicle fire", "fire", 2)
                .at(where).tagged("vehicle", "hazmat").describedAs("Car on fire near the quay")));
        Incident read = acting.inTransaction(t -> t.incidents().get(opened.id()));
        assertEquals(NEW, read.status());
        assertEquals(2, read.priority());
        assertEquals(where, read.location());
        assertEquals(List.of("vehicle", "hazmat"), read.tags());
        assertEquals(1, read.version());
        assertEquals("Car on fire near the quay", read.description());
        assertNotNull(read.reportedAt());
        assertEquals(opened.id(), acting.inTransaction(t -> t.incidents().findByNumber("INC-OPEN")).orElseThrow().id());
    }

    @Test
    void shouldWalkTheWholeWorkflowStampingEachStep() {
        Incident incident = FleetTestSupport.incident(fleet, org, "INC-FLOW", 1);
        Incident dispatched = acting.inTransaction(t -> t.incidents().dispatch(incident.id(), incident.version()));
        Incident onScene = acting.inTransaction(t -> t.incidents().arriveOnScene(dispatched.id(), dispatched.version()));
        Incident resolved = acting.inTransaction(t -> t.incidents().resolve(onScene.id(), onScene.version()));
        Incident closed = acting.inTransaction(t -> t.incidents().close(resolved.id(), resolved.version()));
        assertEquals(DISPATCHED, dispatched.status());
        assertNotNull(dispatched.dispatchedAt());
        assertEquals(ON_SCENE, onScene.status());
        assertNotNull(onScene.onSceneAt());
        assertNotNull(resolved.resolvedAt());
        assertEquals(CLOSED, closed.status());
        assertNotNull(closed.closedAt());
        assertEquals(5, closed.version());
        assertFalse(closed.isOpen());
    }

    @Test
    void shouldReopenAResolvedIncident() {
        Incident incident = FleetTestSupport.incident(fleet, org, "INC-REOPEN", 2);
        Incident resolved = acting.inTransaction(t -> {
            Incident i = t.incidents().dispatch(incident.id(), 1);
            i = t.incidents().arriveOnScene(i.id(), i.version());
            return t.incidents().resolve(i.id(), i.version());
        });
        Incident reopened = acting.inTransaction(t -> t.incidents().reopen(resolved.id(), resolved.version()));
        assertEquals(ON_SCENE, reopened.status());
        assertNull(reopened.resolvedAt());
        assertEquals(resolved.onSceneAt(), reopened.onSceneAt(), "the first arrival on scene is kept");
    }

    @Test
    void shouldRejectAnIllegalTransitionNamingFromToAndTheAllowedTargets() {
        Incident incident = FleetTestSupport.incident(fleet, org, "INC-ILLEGAL", 2);
        IllegalTransitionException failure = assertThrows(IllegalTransitionException.class,
                () -> acting.inTransaction(t -> t.incidents().resolve(incident.id(), incident.version())));
        assertEquals("incident " + incident.id() + " cannot go from new to resolved; allowed from new: ",
                failure.getMessage().substring(0, failure.getMessage().lastIndexOf(": ") + 2));
        assertTrue(failure.getMessage().contains("dispatched") && failure.getMessage().contains("cancelled"), failure.getMessage());
        assertEquals("new", failure.from());
        assertEquals("resolved", failure.to());
        assertEquals(Set.of("dispatched", "cancelled"), Set.copyOf(failure.allowed()));
        assertEquals(NEW, acting.inTransaction(t -> t.incidents().get(incident.id())).status());
    }

    @Test
    void shouldTreatClosedAndCancelledAsFinal() {
        Incident incident = FleetTestSupport.incident(fleet, org, "INC-FINAL", 2);
        Incident cancelled = acting.inTransaction(t -> t.incidents().cancel(incident.id(), incident.version()));
        assertEquals(CANCELLED, cancelled.status());
        assertNotNull(cancelled.closedAt());
        IllegalTransitionException failure = assertThrows(IllegalTransitionException.class,
                () -> acting.inTransaction(t -> t.incidents().dispatch(cancelled.id(), cancelled.version())));
        assertTrue(failure.getMessage().endsWith("allowed from cancelled: none: cancelled is final"), failure.getMessage());
        assertTrue(Workflows.INCIDENT.isFinal(CLOSED));
        assertTrue(Workflows.INCIDENT.isFinal(CANCELLED));
    }

    @Test
    void shouldAllowExactlyTheDocumentedTransitions() {
        Map<IncidentStatus, Set<IncidentStatus>> expected = Map.of(
                NEW, Set.of(DISPATCHED, CANCELLED),
                DISPATCHED, Set.of(ON_SCENE, CANCELLED),
                ON_SCENE, Set.of(RESOLVED),
                RESOLVED, Set.of(CLOSED, ON_SCENE),
                CLOSED, Set.of(),
                CANCELLED, Set.of());
        for (IncidentStatus from : IncidentStatus.values()) {
            assertEquals(expected.get(from), Workflows.INCIDENT.allowedFrom(from), "from " + from);
        }
    }

    @Test
    void shouldChangePriorityLocationTagsAndDescription() {
        Incident incident = FleetTestSupport.incident(fleet, org, "INC-EDIT", 4);
        Incident edited = acting.inTransaction(t -> {
            Incident i = t.incidents().setPriority(incident.id(), incident.version(), 1);
            i = t.incidents().setLocation(i.id(), i.version(), Location.ofCoordinates(40.7, -74.0));
            i = t.incidents().tag(i.id(), i.version(), "mci", "mci", "night");
            i = t.incidents().untag(i.id(), i.version(), "night");
            return t.incidents().describe(i.id(), i.version(), "Bus collision", "Multiple casualties");
        });
        assertEquals(1, edited.priority());
        assertEquals(40.7, edited.location().latitude());
        assertEquals(List.of("mci"), edited.tags());
        assertEquals("Bus collision", edited.title());
        assertEquals(6, edited.version());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.incidents().setPriority(edited.id(), edited.version(), 0)));
    }

    @Test
    void shouldListOpenIncidentsByPriorityThenAgeAcrossPagesWithoutGapsOrRepeats() {
        UUID otherOrg = FleetTestSupport.organization(fleet, "paging").id();
        OffsetDateTime base = OffsetDateTime.parse("2025-05-01T08:00:00Z");
        List<UUID> closedOnes = new ArrayList<>();
        fleet.execute(otherOrg, DISPATCHER, t -> {
            for (int i = 0; i < 23; i++) {
                int priority = 1 + i % 3;
                Incident incident = t.incidents().open(NewIncident.of("P-" + i, "Paged " + i, "ems", priority)
                        .reportedBy(null, base.plusMinutes(i)));
                if (i % 5 == 0) {
                    Incident cancelled = t.incidents().cancel(incident.id(), incident.version());
                    closedOnes.add(cancelled.id());
                }
            }
        });
        List<Incident> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(4);
        int pages = 0;
        while (request != null) {
            PageRequest current = request;
            Page<Incident> page = fleet.inTransaction(otherOrg, DISPATCHER, t -> t.incidents().openByPriority(current));
            seen.addAll(page.items());
            request = page.nextRequest().orElse(null);
            pages++;
        }
        assertEquals(23 - closedOnes.size(), seen.size());
        assertEquals(seen.size(), seen.stream().map(Incident::id).distinct().count());
        assertEquals(5, pages);
        for (int i = 1; i < seen.size(); i++) {
            Incident a = seen.get(i - 1);
            Incident b = seen.get(i);
            assertTrue(a.priority() < b.priority()
                    || (a.priority() == b.priority() && !a.reportedAt().isAfter(b.reportedAt())), a.number() + " before " + b.number());
        }
        assertTrue(seen.stream().noneMatch(i -> closedOnes.contains(i.id())));
    }

    @Test
    void shouldRejectACursorOfAnotherList() {
        UUID otherOrg = FleetTestSupport.organization(fleet, "cursors").id();
        fleet.execute(otherOrg, DISPATCHER, t -> {
            for (int i = 0; i < 3; i++) {
                t.incidents().open(NewIncident.of("C-" + i, "Cursor " + i, "ems", 2));
            }
        });
        Cursor cursor = fleet.inTransaction(otherOrg, DISPATCHER, t -> t.incidents().openByPriority(PageRequest.first(1))).next();
        InvalidInputException failure = assertThrows(InvalidInputException.class, () -> fleet.inTransaction(otherOrg, DISPATCHER,
                t -> t.incidents().withStatus(NEW, PageRequest.after(cursor, 1))));
        assertTrue(failure.getMessage().contains("belongs to another list"), failure.getMessage());
        assertThrows(InvalidInputException.class, () -> fleet.inTransaction(otherOrg, DISPATCHER,
                t -> t.incidents().openByPriority(PageRequest.after(Cursor.parse("not-a-cursor"), 1))));
    }

    @Test
    void shouldFindIncidentsByStatusAndTagAndCountThem() {
        UUID otherOrg = FleetTestSupport.organization(fleet, "counting").id();
        fleet.execute(otherOrg, DISPATCHER, t -> {
            Incident a = t.incidents().open(NewIncident.of("S-1", "One", "fire", 2).tagged("wildfire"));
            Incident b = t.incidents().open(NewIncident.of("S-2", "Two", "fire", 2).tagged("wildfire", "evacuation"));
            t.incidents().open(NewIncident.of("S-3", "Three", "ems", 3));
            t.incidents().dispatch(a.id(), a.version());
            t.incidents().dispatch(b.id(), b.version());
        });
        Map<IncidentStatus, Integer> counts = fleet.inTransaction(otherOrg, DISPATCHER, t -> t.incidents().countByStatus());
        assertEquals(2, counts.get(DISPATCHED));
        assertEquals(1, counts.get(NEW));
        assertEquals(0, counts.get(CLOSED));
        assertEquals(2, fleet.inTransaction(otherOrg, DISPATCHER, t -> t.incidents().withStatus(DISPATCHED, PageRequest.first(10))).items().size());
        List<Incident> evacuations = fleet.inTransaction(otherOrg, DISPATCHER,
                t -> t.incidents().taggedWith("evacuation", PageRequest.first(10)).items());
        assertEquals(List.of("S-2"), evacuations.stream().map(Incident::number).toList());
    }

    @Test
    void shouldLinkTransmissionsToAnIncident() {
        Incident incident = FleetTestSupport.incident(fleet, org, "INC-LINK", 2);
        RadioChannel channel = FleetTestSupport.channel(fleet, org, "Link channel");
        Transmission recorded = acting.inTransaction(t -> t.transmissions().record(NewTransmission.of(channel.id(),
                OffsetDateTime.parse("2025-05-02T10:00:00Z"), OffsetDateTime.parse("2025-05-02T10:00:09Z"))));
        Transmission linked = acting.inTransaction(t -> t.transmissions().linkToIncident(recorded.id(), incident.id()));
        assertEquals(incident.id(), linked.incidentId());
        List<Transmission> traffic = acting.inTransaction(t -> t.transmissions().forIncident(incident.id(), PageRequest.first(10)).items());
        assertEquals(List.of(recorded.id()), traffic.stream().map(Transmission::id).toList());
        assertEquals(1, acting.inTransaction(t -> t.incidents().get(incident.id())).version(), "linking changes the transmission, not the incident");
    }

    @Test
    void shouldHideSoftDeletedIncidentsUntilRestoredAndPurgeOnlyDeletedOnes(TestDatabase db) throws SQLException {
        Incident incident = FleetTestSupport.incident(fleet, org, "INC-DELETE", 2);
        DomainRuleException live = assertThrows(DomainRuleException.class, () -> fleet.execute(org, DISPATCHER,
                t -> t.incidents().purge(incident.id())));
        assertTrue(live.getMessage().contains("soft-delete it before purging"), live.getMessage());

        fleet.execute(org, DISPATCHER, t -> t.incidents().softDelete(incident.id()));
        assertTrue(acting.inTransaction(t -> t.incidents().findById(incident.id())).isEmpty());
        assertTrue(acting.inTransaction(t -> t.incidents().findByNumber("INC-DELETE")).isEmpty());
        assertTrue(acting.inTransaction(t -> t.incidents().openByPriority(PageRequest.first(100))).items().stream()
                .noneMatch(i -> i.id().equals(incident.id())));
        NotFoundException hidden = assertThrows(NotFoundException.class,
                () -> acting.inTransaction(t -> t.incidents().dispatch(incident.id(), 2)));
        assertTrue(hidden.getMessage().contains("soft-deleted"), hidden.getMessage());

        fleet.execute(org, DISPATCHER, t -> t.incidents().restore(incident.id()));
        assertEquals(3, acting.inTransaction(t -> t.incidents().get(incident.id())).version());

        fleet.execute(org, DISPATCHER, t -> t.incidents().softDelete(incident.id()));
        fleet.execute(org, DISPATCHER, t -> t.incidents().purge(incident.id()));
        assertEquals(0, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.incidents WHERE id = ?", incident.id()));
    }

    @Test
    void shouldRefuseToPurgeAnIncidentOtherRowsStillReference() {
        Incident incident = FleetTestSupport.incident(fleet, org, "INC-REFERENCED", 2);
        RadioChannel channel = FleetTestSupport.channel(fleet, org, "Referenced channel");
        fleet.execute(org, DISPATCHER, t -> {
            Transmission recorded = t.transmissions().record(NewTransmission.of(channel.id(), OffsetDateTime.now(), null));
            t.transmissions().linkToIncident(recorded.id(), incident.id());
            t.incidents().softDelete(incident.id());
        });
        DomainRuleException failure = assertThrows(DomainRuleException.class,
                () -> fleet.execute(org, DISPATCHER, t -> t.incidents().purge(incident.id())));
        assertTrue(failure.getMessage().startsWith("cannot purge incidents " + incident.id() + ": other rows still reference it"),
                failure.getMessage());
    }

    @Test
    void shouldRejectInvalidInputBeforeWriting() {
        assertThrows(InvalidInputException.class, () -> NewIncident.of("", "No number", "fire", 2));
        assertThrows(InvalidInputException.class, () -> NewIncident.of("X-1", "Bad priority", "fire", 6));
        assertThrows(InvalidInputException.class, () -> NewIncident.of("X-2", "Bad tag", "fire", 2).tagged(" "));
    }
}
