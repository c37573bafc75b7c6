package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.IllegalTransitionException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.unit.Asset;
import dev.publicsafety.dal.fleet.unit.Crew;
import dev.publicsafety.dal.fleet.unit.NewAsset;
import dev.publicsafety.dal.fleet.unit.NewCrew;
import dev.publicsafety.dal.fleet.unit.TelematicsReading;
import dev.publicsafety.dal.generated.fleet.enums.AssetStatus;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.CrewStatus;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Crews and assets: members, dispatching, telematics, availability. */
@IsolatedDatabase
class CrewAndAssetRepositoryTest {

    private static final Actor DISPATCH = Actor.service("dispatch");
    private static final Actor TELEMATICS = Actor.service("telematics-gateway");
    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;
    private static User alice;
    private static User bob;
    private static User carol;

    @BeforeAll
    static void setUp(Tenant tenant) {
        fleet = tenant.fleet();
        org = tenant.id();
        acting = tenant.as(DISPATCH);
        alice = FleetTestSupport.user(fleet, org, "alice", "responder");
        bob = FleetTestSupport.user(fleet, org, "bob", "responder");
        carol = FleetTestSupport.user(fleet, org, "carol", "responder");
    }


    @Test
    void shouldFormACrewAndManageItsMembers() {
        Crew crew = acting.inTransaction(t -> t.crews().create(NewCrew.of("Engine 4", alice.id(), bob.id())));
        assertEquals(CrewStatus.AVAILABLE, crew.status());
        assertEquals(List.of(bob.id(), alice.id()), crew.memberIds());
        Crew grown = acting.inTransaction(t -> t.crews().addMember(crew.id(), carol.id()));
        assertEquals(3, grown.memberIds().size());
        assertEquals(List.of("User alice", "User bob", "User carol"),
                acting.inTransaction(t -> t.crews().members(crew.id())).stream().map(User::displayName).toList());
        Crew shrunk = acting.inTransaction(t -> t.crews().removeMember(crew.id(), alice.id()));
        assertNull(shrunk.leaderId(), "removing the leader leaves the crew without one");
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.crews().removeMember(crew.id(), alice.id())));
    }

    @Test
    void shouldRejectAMemberFromAnotherOrganization() {
        UUID otherOrg = FleetTestSupport.organization(fleet, "crews-other").id();
        User stranger = FleetTestSupport.user(fleet, otherOrg, "stranger", "responder");
        NotFoundException failure = assertThrows(NotFoundException.class,
                () -> acting.inTransaction(t -> t.crews().create(NewCrew.of("Mixed", alice.id(), stranger.id()))));
        assertTrue(failure.getMessage().contains(stranger.id().toString()), failure.getMessage());
    }

    @Test
    void shouldDispatchAnAvailableCrewAndMoveANewIncidentToDispatched() {
        Incident incident = FleetTestSupport.incident(fleet, org, "CR-1", 1);
        Crew crew = acting.inTransaction(t -> t.crews().create(NewCrew.of("Medic 2", bob.id())));
        Crew dispatched = acting.inTransaction(t -> t.crews().dispatch(crew.id(), incident.id()));
        assertEquals(CrewStatus.DISPATCHED, dispatched.status());
        assertEquals(incident.id(), dispatched.incidentId());
        assertNotNull(dispatched.dispatchedAt());
        Incident after = acting.inTransaction(t -> t.incidents().get(incident.id()));
        assertEquals(IncidentStatus.DISPATCHED, after.status());
        assertEquals(List.of(crew.id()), acting.inTransaction(t -> t.crews().atIncident(incident.id())).stream().map(Crew::id).toList());

        IllegalTransitionException busy = assertThrows(IllegalTransitionException.class,
                () -> acting.inTransaction(t -> t.crews().dispatch(crew.id(), incident.id())));
        assertTrue(busy.getMessage().contains("cannot go from dispatched to dispatched"), busy.getMessage());

        Crew onScene = acting.inTransaction(t -> t.crews().arriveOnScene(crew.id()));
        assertEquals(CrewStatus.ON_SCENE, onScene.status());
        Crew released = acting.inTransaction(t -> t.crews().release(crew.id()));
        assertEquals(CrewStatus.AVAILABLE, released.status());
        assertNull(released.incidentId());
    }

    @Test
    void shouldNotDispatchToAClosedIncidentOrAnOffDutyCrew() {
        Incident incident = FleetTestSupport.incident(fleet, org, "CR-2", 2);
        fleet.execute(org, DISPATCH, t -> t.incidents().cancel(incident.id(), incident.version()));
        Crew crew = acting.inTransaction(t -> t.crews().create(NewCrew.of("Ladder 1", carol.id())));
        DomainRuleException closed = assertThrows(DomainRuleException.class, () -> acting.inTransaction(t -> t.crews().dispatch(crew.id(), incident.id())));
        assertTrue(closed.getMessage().contains("cancelled"), closed.getMessage());
        assertEquals(CrewStatus.AVAILABLE, acting.inTransaction(t -> t.crews().get(crew.id())).status());
        acting.inTransaction(t -> t.crews().goOffDuty(crew.id()));
        Incident open = FleetTestSupport.incident(fleet, org, "CR-3", 2);
        assertThrows(IllegalTransitionException.class, () -> acting.inTransaction(t -> t.crews().dispatch(crew.id(), open.id())));
        assertEquals(1, acting.inTransaction(t -> t.crews().withStatus(CrewStatus.OFF_DUTY, PageRequest.first(10))).items().size());
    }

    @Test
    void shouldRegisterAssetsAndListTheAvailableOnesByType() {
        UUID fleetOrg = FleetTestSupport.organization(fleet, "assets").id();
        fleet.execute(fleetOrg, DISPATCH, t -> {
            Asset e1 = t.assets().register(NewAsset.of("Engine 1", AssetType.VEHICLE, "E1"));
            t.assets().register(NewAsset.of("Engine 2", AssetType.VEHICLE, "E2"));
            t.assets().register(NewAsset.of("Drone A", AssetType.DRONE, "D-A"));
            t.assets().setStatus(e1.id(), e1.version(), AssetStatus.MAINTENANCE);
        });
        List<Asset> vehicles = fleet.inTransaction(fleetOrg, DISPATCH, t -> t.assets().available(AssetType.VEHICLE, PageRequest.first(10)).items());
        assertEquals(List.of("Engine 2"), vehicles.stream().map(Asset::name).toList());
        assertEquals("Drone A", fleet.inTransaction(fleetOrg, DISPATCH, t -> t.assets().findByCallSign("D-A")).orElseThrow().name());
        assertEquals(1, fleet.inTransaction(fleetOrg, DISPATCH, t -> t.assets().withStatus(AssetStatus.MAINTENANCE, PageRequest.first(5))).items().size());
    }

    @Test
    void shouldApplyTelematicsInReadingOrderWithoutBumpingTheVersion() {
        Asset asset = acting.inTransaction(t -> t.assets().register(NewAsset.of("Engine 9", AssetType.VEHICLE, "E9")));
        OffsetDateTime t0 = OffsetDateTime.parse("2025-06-01T10:00:00Z");
        Asset moved = fleet.inTransaction(org, TELEMATICS, t -> t.assets().reportTelematics(asset.id(),
                new TelematicsReading(t0, Location.ofCoordinates(47.6, -122.3), Map.of("speed_kmh", 54, "fuel_pct", 71))));
        assertEquals(47.6, moved.location().latitude());
        assertEquals(54, moved.telematics().get("speed_kmh"));
        assertEquals(1, moved.version(), "telematics must not make dispatchers' edits conflict");
        Asset stale = fleet.inTransaction(org, TELEMATICS, t -> t.assets().reportTelematics(asset.id(),
                new TelematicsReading(t0.minusMinutes(1), Location.ofCoordinates(10, 10), Map.of("speed_kmh", 0))));
        assertEquals(47.6, stale.location().latitude(), "an older reading arriving late is ignored");
        assertEquals(t0.toInstant(), stale.lastSeenAt().toInstant());
        Asset newer = fleet.inTransaction(org, TELEMATICS, t -> t.assets().reportTelematics(asset.id(),
                new TelematicsReading(t0.plusMinutes(1), null, Map.of("speed_kmh", 0))));
        assertEquals(47.6, newer.location().latitude(), "a reading without position keeps the last one");
        assertEquals(0, newer.telematics().get("speed_kmh"));
        Asset dispatcherEdit = acting.inTransaction(t -> t.assets().setStatus(asset.id(), asset.version(), AssetStatus.IN_USE));
        assertEquals(2, dispatcherEdit.version());
    }

    @Test
    void shouldAssignAnAssetToACrewWithOptimisticLocking() {
        Crew crew = acting.inTransaction(t -> t.crews().create(NewCrew.of("Rescue 3", alice.id())));
        Asset asset = acting.inTransaction(t -> t.assets().register(NewAsset.of("Rescue truck", AssetType.VEHICLE, "R3")));
        Asset assigned = acting.inTransaction(t -> t.assets().assignToCrew(asset.id(), asset.version(), crew.id()));
        assertEquals(AssetStatus.ASSIGNED, assigned.status());
        assertEquals(crew.id(), assigned.crewId());
        assertThrows(ConcurrentUpdateException.class, () -> acting.inTransaction(t -> t.assets().releaseFromCrew(asset.id(), asset.version())));
        assertThrows(DomainRuleException.class, () -> acting.inTransaction(t -> t.assets().assignToCrew(assigned.id(), assigned.version(), crew.id())));
        Asset released = acting.inTransaction(t -> t.assets().releaseFromCrew(assigned.id(), assigned.version()));
        assertEquals(AssetStatus.AVAILABLE, released.status());
        assertNull(released.crewId());
    }
}
