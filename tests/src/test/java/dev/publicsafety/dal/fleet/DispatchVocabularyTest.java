package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.Tables.ASSETS;
import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.ConflictException;
import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.RadioChannel;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.fleet.unit.Asset;
import dev.publicsafety.dal.fleet.unit.Crew;
import dev.publicsafety.dal.fleet.unit.NearbyAsset;
import dev.publicsafety.dal.fleet.unit.NewAsset;
import dev.publicsafety.dal.fleet.unit.NewCrew;
import dev.publicsafety.dal.fleet.unit.TelematicsReading;
import dev.publicsafety.dal.fleet.webhook.NewWebhook;
import dev.publicsafety.dal.fleet.webhook.Webhook;
import dev.publicsafety.dal.generated.fleet.enums.AssetStatus;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import dev.publicsafety.dal.generated.fleet.enums.TransmissionStatus;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The V4 vocabulary: each new column through its repository method, with its validation, tenancy and audit. */
@IsolatedDatabase
class DispatchVocabularyTest {

    private static final Actor CONSOLE = Actor.service("dispatch-console");

    private static TestDatabase database;
    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;
    private static UUID otherOrg;
    private static User dispatcher;
    private static User stranger;

    @BeforeAll
    static void setUp(TestDatabase db, Tenant tenant) {
        database = db;
        fleet = tenant.fleet();
        org = tenant.id();
        acting = tenant.as(CONSOLE);
        otherOrg = FleetTestSupport.organization(fleet, "elsewhere").id();
        dispatcher = FleetTestSupport.user(fleet, org, "dispatcher-3", "dispatcher");
        stranger = FleetTestSupport.user(fleet, otherOrg, "stranger-1", "dispatcher");
    }


    private static Actor asDispatcher() {
        return Actor.user(dispatcher.id(), "dispatcher-3");
    }

    @Test
    void shouldStartOrganizationsInHitlAndSwitchToTheOtherAutomationLevels() {
        assertEquals(OperationMode.HITL, acting.inTransaction(t -> t.organization().get()).operationMode());
        UUID scratch = FleetTestSupport.organization(fleet, "modes").id();
        for (OperationMode mode : List.of(OperationMode.MONITOR_ONLY, OperationMode.AUTONOMOUS_ASSIST)) {
            assertEquals(mode, fleet.inTransaction(scratch, CONSOLE, t -> t.organization().setOperationMode(mode)).operationMode());
        }
    }

    @Test
    void shouldSetATalkgroupAndRefuseABlankOrPaddedOne() {
        RadioChannel channel = FleetTestSupport.channel(fleet, org, "Fire dispatch");
        assertNull(channel.talkgroup());
        assertEquals("FIRE-DISP-1", acting.inTransaction(t -> t.channels().setTalkgroup(channel.id(), "FIRE-DISP-1")).talkgroup());
        InvalidInputException blank = assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.channels().setTalkgroup(channel.id(), " ")));
        assertTrue(blank.getMessage().contains("talkgroup of radio channel " + channel.id() + " is required"), blank.getMessage());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.channels().setTalkgroup(channel.id(), " FIRE ")));
        assertEquals("FIRE-DISP-1", acting.inTransaction(t -> t.channels().get(channel.id())).talkgroup());
    }

    @Test
    void shouldRecordTransmissionPriorityStatusTagsAndDuration() {
        RadioChannel channel = FleetTestSupport.channel(fleet, org, "Tac 2");
        OffsetDateTime start = OffsetDateTime.parse("2025-05-01T08:00:00Z");
        Transmission recorded = acting.inTransaction(t -> t.transmissions().record(NewTransmission.of(channel.id(), start, start.plusSeconds(4).plusNanos(250_000_000))));
        assertEquals(TransmissionStatus.RECEIVED, recorded.status());
        assertEquals(4250, recorded.durationMs());
        assertEquals(3, recorded.priority());
        assertEquals(List.of(), recorded.tags());

        Transmission transcribed = acting.inTransaction(t -> t.transmissions().transcribe(recorded.id(), "shots fired", 0.9, "en", List.of()));
        assertEquals(TransmissionStatus.TRANSCRIBED, transcribed.status());
        assertEquals(TransmissionStatus.REVIEWED, acting.inTransaction(t -> t.transmissions().setStatus(recorded.id(), TransmissionStatus.REVIEWED)).status());
        assertEquals(1, acting.inTransaction(t -> t.transmissions().setPriority(recorded.id(), 1)).priority());
        assertEquals(List.of("shots", "police"), acting.inTransaction(t -> t.transmissions().tag(recorded.id(), "shots", "police", "shots")).tags());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.transmissions().setPriority(recorded.id(), 6)));

        List<NewTransmission> batch = List.of(NewTransmission.of(channel.id(), start, start.plusSeconds(2)),
                NewTransmission.of(channel.id(), start, null).transcribed("engine 4 en route", 0.8, "en", List.of()));
        acting.inTransaction(t -> t.transmissions().bulkIngest(batch));
        List<Transmission> ingested = acting.inTransaction(t -> t.transmissions().channelTraffic(channel.id(), start, start.plusSeconds(1),
                PageRequest.first(10)).items()).stream().filter(x -> !x.id().equals(recorded.id())).toList();
        assertEquals(2, ingested.size());
        assertTrue(ingested.stream().anyMatch(x -> x.status() == TransmissionStatus.RECEIVED && Integer.valueOf(2000).equals(x.durationMs())));
        assertTrue(ingested.stream().anyMatch(x -> x.status() == TransmissionStatus.TRANSCRIBED && x.durationMs() == null));
    }

    @Test
    void shouldAcknowledgeAnIncidentOnceAsAUserAndMakeThemTheAssignee() {
        Incident incident = FleetTestSupport.incident(fleet, org, "ACK-1", 2);
        DomainRuleException service = assertThrows(DomainRuleException.class,
                () -> acting.inTransaction(t -> t.incidents().acknowledge(incident.id(), incident.version())));
        assertTrue(service.getMessage().contains("only a user can acknowledge"), service.getMessage());

        Incident acknowledged = fleet.inTransaction(org, asDispatcher(), t -> t.incidents().acknowledge(incident.id(), incident.version()));
        assertNotNull(acknowledged.acknowledgedAt());
        assertEquals(dispatcher.id(), acknowledged.assignedTo());
        assertEquals(incident.version() + 1, acknowledged.version());
        assertThrows(DomainRuleException.class,
                () -> fleet.inTransaction(org, asDispatcher(), t -> t.incidents().acknowledge(incident.id(), acknowledged.version())));

        List<AuditEntry> trail = acting.inTransaction(t -> t.auditLogs().forEntity(INCIDENTS, incident.id(), PageRequest.first(10)).items());
        assertEquals("acknowledge", trail.get(trail.size() - 1).action());
        assertEquals(dispatcher.id(), trail.get(trail.size() - 1).actorId());
    }

    @Test
    void shouldRefuseToAssignAnIncidentToAUserOfAnotherOrganization() {
        Incident incident = FleetTestSupport.incident(fleet, org, "ACK-2", 2);
        NotFoundException refused = assertThrows(NotFoundException.class,
                () -> acting.inTransaction(t -> t.incidents().assign(incident.id(), incident.version(), stranger.id())));
        assertTrue(refused.getMessage().contains(stranger.id().toString()), refused.getMessage());
        Incident unchanged = acting.inTransaction(t -> t.incidents().get(incident.id()));
        assertEquals(incident.version(), unchanged.version());
        assertNull(unchanged.assignedTo());
        assertEquals(1, acting.inTransaction(t -> t.auditLogs().forEntity(INCIDENTS, incident.id(), PageRequest.first(10)).items()).size(),
                "only the create is audited");
        // and the database refuses it even without the repository's check: the key includes org_id
        assertThrows(DataAccessException.class, () -> acting.inTransaction(t -> t.dsl().update(INCIDENTS).set(INCIDENTS.ASSIGNED_TO, stranger.id())
                .where(INCIDENTS.ID.eq(incident.id())).execute()));

        Incident assigned = acting.inTransaction(t -> t.incidents().assign(incident.id(), incident.version(), dispatcher.id()));
        assertEquals(dispatcher.id(), assigned.assignedTo());
        assertNull(acting.inTransaction(t -> t.incidents().assign(incident.id(), assigned.version(), null)).assignedTo());
    }

    @Test
    void shouldRefuseToAcknowledgeOrAssignAClosedIncident() {
        Incident incident = FleetTestSupport.incident(fleet, org, "ACK-3", 2);
        Incident cancelled = acting.inTransaction(t -> t.incidents().cancel(incident.id(), incident.version()));
        DomainRuleException refused = assertThrows(DomainRuleException.class,
                () -> acting.inTransaction(t -> t.incidents().assign(cancelled.id(), cancelled.version(), dispatcher.id())));
        assertTrue(refused.getMessage().contains("is cancelled"), refused.getMessage());
        assertThrows(DomainRuleException.class,
                () -> fleet.inTransaction(org, asDispatcher(), t -> t.incidents().acknowledge(cancelled.id(), cancelled.version())));
    }

    @Test
    void shouldStopTheSlaClockWhilePausedSoThatBreachedIgnoresThePausedTime() throws InterruptedException {
        Incident incident = FleetTestSupport.incident(fleet, org, "SLA-1", 1);
        OffsetDateTime now = acting.inTransaction(FleetTransaction::now);
        OffsetDateTime due = now.plusMinutes(10);
        Task paused = acting.inTransaction(t -> t.tasks().create(incident.id(), NewTask.of("Paused", 1, due)));
        Task running = acting.inTransaction(t -> t.tasks().create(incident.id(), NewTask.of("Running", 1, due)));
        Task overdue = acting.inTransaction(t -> t.tasks().create(incident.id(), NewTask.of("Overdue when paused", 1, now.minusMinutes(5))));
        List<UUID> ours = List.of(paused.id(), running.id(), overdue.id());

        Task pausedNow = acting.inTransaction(t -> t.tasks().pauseSla(paused.id(), paused.version()));
        Task overduePaused = acting.inTransaction(t -> t.tasks().pauseSla(overdue.id(), overdue.version()));
        assertTrue(pausedNow.isSlaPaused());
        assertThrows(DomainRuleException.class, () -> acting.inTransaction(t -> t.tasks().pauseSla(paused.id(), pausedNow.version())));

        OffsetDateTime later = now.plusHours(2);
        assertEquals(List.of(overdue.id(), running.id()), breachedIds(later, ours),
                "a task paused before its deadline does not breach while paused; one paused after it stays breached");
        assertFalse(acting.inTransaction(t -> t.tasks().get(paused.id())).isBreached(later));
        assertTrue(acting.inTransaction(t -> t.tasks().get(overduePaused.id())).isBreached(later));

        Thread.sleep(300); // so that the pause lasts measurably
        Task resumed = acting.inTransaction(t -> t.tasks().resumeSla(paused.id(), pausedNow.version()));
        assertNull(resumed.slaPausedAt());
        assertEquals(Duration.between(pausedNow.slaPausedAt(), resumed.updatedAt()).toMillis(), resumed.slaPausedDurationMs());
        assertTrue(resumed.slaPausedDurationMs() >= 300, resumed.toString());
        // between the original deadline and the moved one only the task that never paused is breached
        OffsetDateTime betweenDeadlines = due.plus(Duration.ofMillis(resumed.slaPausedDurationMs() / 2));
        assertTrue(breachedIds(betweenDeadlines, ours).contains(running.id()));
        assertFalse(breachedIds(betweenDeadlines, ours).contains(paused.id()));
        assertFalse(resumed.isBreached(betweenDeadlines));
        assertTrue(breachedIds(later, ours).contains(paused.id()));
        assertThrows(DomainRuleException.class, () -> acting.inTransaction(t -> t.tasks().resumeSla(paused.id(), resumed.version())));

        Task cancelled = acting.inTransaction(t -> t.tasks().cancel(overdue.id(), overduePaused.version()));
        assertNull(cancelled.slaPausedAt(), "cancelling ends the pause");
    }

    /** The breached tasks among {@code ours}, in the order breached(asOf) lists them. */
    private static List<UUID> breachedIds(OffsetDateTime asOf, List<UUID> ours) {
        return acting.inTransaction(t -> t.tasks().breached(asOf, PageRequest.first(50)).items()).stream().map(Task::id).filter(ours::contains).toList();
    }

    @Test
    void shouldStampEveryDeliveryAndRefuseOutOfRangeDeliverySettings() {
        Webhook webhook = acting.inTransaction(t -> t.webhooks().subscribe(NewWebhook.of("https://hooks.example.org/cad", null, "incident.created")));
        assertEquals(3, webhook.retryCount());
        assertEquals(5000, webhook.timeoutMs());
        assertNull(webhook.lastTriggeredAt());
        Webhook configured = acting.inTransaction(t -> t.webhooks().configureDelivery(webhook.id(), 0, 100));
        assertEquals(0, configured.retryCount());
        assertEquals(100, configured.timeoutMs());
        InvalidInputException retries = assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.webhooks().configureDelivery(webhook.id(), 11, 1000)));
        assertTrue(retries.getMessage().contains("retry count must be 0 to 10, was 11"), retries.getMessage());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.webhooks().configureDelivery(webhook.id(), 3, 99)));

        Webhook failed = acting.inTransaction(t -> t.webhooks().recordFailure(webhook.id(), "HTTP 502"));
        assertEquals(failed.lastFailureAt(), failed.lastTriggeredAt());
        Webhook succeeded = acting.inTransaction(t -> t.webhooks().recordSuccess(webhook.id()));
        assertEquals(succeeded.lastSuccessAt(), succeeded.lastTriggeredAt());
        assertTrue(succeeded.lastTriggeredAt().isAfter(failed.lastTriggeredAt()));
    }

    @Test
    void shouldStoreVinOrSerialUpperCaseAndUniqueWithinTheOrganization() {
        Asset engine = acting.inTransaction(t -> t.assets().register(NewAsset.of("Engine 9", AssetType.VEHICLE, "E9")));
        Asset ladder = acting.inTransaction(t -> t.assets().register(NewAsset.of("Ladder 9", AssetType.VEHICLE, "L9")));
        Asset withVin = acting.inTransaction(t -> t.assets().setVinOrSerial(engine.id(), engine.version(), "1fduf5ht7hec12345"));
        assertEquals("1FDUF5HT7HEC12345", withVin.vinOrSerial());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.assets().setVinOrSerial(ladder.id(), ladder.version(), "no spaces allowed")));
        assertThrows(ConflictException.class, () -> acting.inTransaction(t -> t.assets().setVinOrSerial(ladder.id(), ladder.version(), "1FDUF5HT7HEC12345")));
        Asset elsewhere = fleet.inTransaction(otherOrg, CONSOLE, t -> t.assets().register(NewAsset.of("Engine 9", AssetType.VEHICLE, "E9")));
        assertEquals("1FDUF5HT7HEC12345", fleet.inTransaction(otherOrg, CONSOLE,
                t -> t.assets().setVinOrSerial(elsewhere.id(), elsewhere.version(), "1FDUF5HT7HEC12345")).vinOrSerial(),
                "another organization may hold the same number");
    }

    @Test
    void shouldSetACrewShiftWithBothEndsInOrder() {
        Crew crew = acting.inTransaction(t -> t.crews().create(NewCrew.of("Medic 5", dispatcher.id())));
        OffsetDateTime start = OffsetDateTime.parse("2025-05-01T07:00:00Z");
        Crew onShift = acting.inTransaction(t -> t.crews().setShift(crew.id(), start, start.plusHours(12)));
        assertEquals(start.toInstant(), onShift.shiftStart().toInstant());
        assertEquals(start.plusHours(12).toInstant(), onShift.shiftEnd().toInstant());
        InvalidInputException backwards = assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.crews().setShift(crew.id(), start, start)));
        assertTrue(backwards.getMessage().contains("is not after its start"), backwards.getMessage());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.crews().setShift(crew.id(), start, null)));
        Crew cleared = acting.inTransaction(t -> t.crews().setShift(crew.id(), null, null));
        assertNull(cleared.shiftStart());
        assertNull(cleared.shiftEnd());
    }

    @Test
    void shouldCarryTheRequestIpAndCorrelationIdIntoEveryAuditRowAndKeepTheChainVerifiable() {
        Actor fromRequest = asDispatcher().withRequest("203.0.113.7", "req-7f3a");
        Incident incident = fleet.inTransaction(org, fromRequest, t -> {
            Incident opened = t.incidents().open(NewIncident.of("REQ-1", "Request origin", "fire", 3));
            return t.incidents().setPriority(opened.id(), opened.version(), 1);
        });
        fleet.inTransaction(org, asDispatcher().withRequest("2001:db8::1", null), t -> t.incidents().tag(incident.id(), incident.version(), "v6"));
        List<AuditEntry> trail = acting.inTransaction(t -> t.auditLogs().forEntity(INCIDENTS, incident.id(), PageRequest.first(10)).items());
        assertEquals(3, trail.size());
        for (AuditEntry entry : trail.subList(0, 2)) {
            assertEquals("203.0.113.7", entry.ipAddress());
            assertEquals("req-7f3a", entry.correlationId());
        }
        assertEquals("2001:db8::1", trail.get(2).ipAddress());
        assertNull(trail.get(2).correlationId());

        AuditChainVerifier.Result chain = new AuditChainVerifier(database.dataSource()).verify(Optional.of(org), List.of()).get(0);
        assertTrue(chain.intact(), chain.toString());

        InvalidInputException host = assertThrows(InvalidInputException.class, () -> asDispatcher().withRequest("example.org", null));
        assertTrue(host.getMessage().contains("'example.org' is not an IPv4 or IPv6 literal"), host.getMessage());
        assertThrows(InvalidInputException.class, () -> asDispatcher().withRequest("300.1.1.1", null));
        assertThrows(InvalidInputException.class, () -> asDispatcher().withRequest(null, "has space"));
    }

    @Test
    void shouldFindTheNearestAvailableAssetsOfThisOrganizationWithinTheRadius() {
        OffsetDateTime at = OffsetDateTime.parse("2025-05-01T08:00:00Z");
        UUID near = unitAt(org, "Near", 51.5010, -0.1200, at);
        UUID nearer = unitAt(org, "Nearer", 51.5005, -0.1200, at);
        UUID far = unitAt(org, "Far", 51.6000, -0.1200, at);
        UUID busy = unitAt(org, "Busy", 51.5001, -0.1200, at);
        fleet.execute(org, CONSOLE, t -> t.assets().setStatus(busy, t.assets().get(busy).version(), AssetStatus.IN_USE));
        unitAt(otherOrg, "Foreign", 51.5000, -0.1200, at);
        // the dispatch product's {lat, lng} form, written by another system
        UUID productForm = acting.inTransaction(t -> t.assets().register(NewAsset.of("Product form", AssetType.VEHICLE, null)).id());
        acting.inTransaction(t -> t.dsl().update(ASSETS).set(DSL.field(ASSETS.LOCATION.getUnqualifiedName(), JSONB.class),
                JSONB.valueOf("{\"lat\": 51.5002, \"lng\": -0.1200}")).where(ASSETS.ID.eq(productForm)).execute());

        List<NearbyAsset> found = acting.inTransaction(t -> t.assets().nearestAvailable(51.5000, -0.1200, 1_000, 10));
        assertEquals(List.of(productForm, nearer, near), found.stream().map(n -> n.asset().id()).toList(),
                "nearest first; not the busy one, not the one 11 km away, not another organization's");
        assertEquals(22.2, found.get(0).distanceMeters(), 0.5);
        assertEquals(List.of(productForm, nearer), acting.inTransaction(t -> t.assets().nearestAvailable(51.5000, -0.1200, 1_000, 2)).stream()
                .map(n -> n.asset().id()).toList());
        assertTrue(acting.inTransaction(t -> t.assets().nearestAvailable(51.5000, -0.1200, 20_000, 10)).stream().anyMatch(n -> n.asset().id().equals(far)));
        InvalidInputException radius = assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.assets().nearestAvailable(51.5, -0.12, 0, 5)));
        assertTrue(radius.getMessage().contains("radius must be more than 0"), radius.getMessage());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.assets().nearestAvailable(95, -0.12, 100, 5)));
    }

    private static UUID unitAt(UUID organization, String name, double latitude, double longitude, OffsetDateTime at) {
        return fleet.inTransaction(organization, CONSOLE, t -> {
            UUID id = t.assets().register(NewAsset.of(name, AssetType.VEHICLE, null)).id();
            return t.assets().reportTelematics(id, new TelematicsReading(at, Location.ofCoordinates(latitude, longitude), Map.of())).id();
        });
    }

    @Test
    void shouldSearchThisOrganizationsTranscriptsNewestFirstPageByPage() {
        RadioChannel channel = FleetTestSupport.channel(fleet, org, "Search channel");
        RadioChannel foreign = FleetTestSupport.channel(fleet, otherOrg, "Search channel");
        OffsetDateTime start = OffsetDateTime.parse("2025-07-01T10:00:00Z");
        List<String> said = List.of("Smoke showing from the roof", "Shots fired near the school", "Heavy smoke on floor two",
                "Engine 4 returning", "smoky kitchen, no fire");
        for (int i = 0; i < said.size(); i++) {
            String text = said.get(i);
            OffsetDateTime when = start.plusMinutes(i);
            acting.inTransaction(t -> t.transmissions().record(NewTransmission.of(channel.id(), when, null).transcribed(text, 0.9, "en", List.of())));
        }
        fleet.execute(otherOrg, CONSOLE, t -> t.transmissions().record(NewTransmission.of(foreign.id(), start, null)
                .transcribed("smoke everywhere", 0.9, "en", List.of())));

        Page<Transmission> first = acting.inTransaction(t -> t.transmissions().searchTranscripts("smoke", PageRequest.first(1)));
        assertEquals(List.of("Heavy smoke on floor two"), first.items().stream().map(Transmission::transcription).toList());
        Page<Transmission> second = acting.inTransaction(t -> t.transmissions().searchTranscripts("smoke", first.nextRequest().orElseThrow()));
        assertEquals(List.of("Smoke showing from the roof"), second.items().stream().map(Transmission::transcription).toList());
        assertTrue(second.nextRequest().isEmpty(), "\"smoky\" is another word; the other organization's smoke is not found");
        assertEquals(List.of("Shots fired near the school"), acting.inTransaction(t -> t.transmissions().searchTranscripts("\"shots fired\"",
                PageRequest.first(10))).items().stream().filter(t -> t.channelId().equals(channel.id())).map(Transmission::transcription).toList());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.transmissions().searchTranscripts(" ", PageRequest.first(10))));
    }
}
