package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.fleet.Tables.WEBHOOKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.IllegalTransitionException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.radio.IngestResult;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.RadioChannel;
import dev.publicsafety.dal.fleet.webhook.NewWebhook;
import dev.publicsafety.dal.fleet.webhook.Webhook;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every repository write leaves one audit row in its own transaction, and none when it rolls back. */
@IsolatedDatabase
class AuditTrailTest {

    private static FleetDatabase fleet;
    private static UUID org;
    private static User dispatcher;
    private static Actor asDispatcher;

    @BeforeAll
    static void setUp(Tenant tenant) {
        fleet = tenant.fleet();
        org = tenant.id();
        dispatcher = FleetTestSupport.user(fleet, org, "dispatcher-7", "dispatcher");
        asDispatcher = Actor.user(dispatcher.id(), "dispatcher-7");
    }

    private static List<AuditEntry> history(UUID entityId) {
        return fleet.inTransaction(org, FleetTestSupport.SETUP,
                tx -> tx.auditLogs().forEntity(INCIDENTS, entityId, PageRequest.first(100)).items());
    }

    @Test
    void shouldAuditACreateWithActorAndAfterState() {
        Incident incident = fleet.inTransaction(org, asDispatcher,
                tx -> tx.incidents().open(NewIncident.of("AUD-1", "Smoke reported", "fire", 2).tagged("smoke")));
        List<AuditEntry> entries = history(incident.id());
        assertEquals(1, entries.size());
        AuditEntry create = entries.get(0);
        assertEquals("create", create.action());
        assertEquals("incidents", create.entityType());
        assertEquals(dispatcher.id(), create.actorId());
        assertEquals("dispatcher-7", create.actor());
        assertEquals(org, create.orgId());
        assertNull(create.beforeState());
        assertEquals("AUD-1", create.afterState().get("incident_number").asText());
        assertEquals("new", create.afterState().get("status").asText());
        assertEquals("smoke", create.afterState().get("tags").get(0).asText());
    }

    @Test
    void shouldAuditEachChangeWithBeforeAndAfterState() {
        Incident opened = FleetTestSupport.incident(fleet, org, "AUD-2", 3);
        fleet.execute(org, asDispatcher, tx -> {
            Incident dispatched = tx.incidents().dispatch(opened.id(), opened.version());
            tx.incidents().setPriority(dispatched.id(), dispatched.version(), 1);
        });
        List<AuditEntry> entries = history(opened.id());
        assertEquals(List.of("create", "status:dispatched", "set_priority"), entries.stream().map(AuditEntry::action).toList());
        AuditEntry dispatch = entries.get(1);
        assertEquals("new", dispatch.beforeState().get("status").asText());
        assertEquals("dispatched", dispatch.afterState().get("status").asText());
        assertEquals(1, dispatch.beforeState().get("version").asInt());
        assertEquals(2, dispatch.afterState().get("version").asInt());
        assertEquals(3, entries.get(2).beforeState().get("priority").asInt());
        assertEquals(1, entries.get(2).afterState().get("priority").asInt());
        assertTrue(entries.get(2).afterState().get("location").isNull());
    }

    @Test
    void shouldRecordTheServerBuiltAfterStateAsTheNextChangeReadsItsBeforeState() {
        // a change's after state is built by the server in the change's own statement, the next
        // change's before state in Java from the row it read: the two must be the same document
        Incident opened = fleet.inTransaction(org, asDispatcher, tx -> tx.incidents().open(NewIncident.of("AUD-9", "Gas leak", "hazmat", 2)
                .at(Location.ofCoordinates(52.52, 13.405)).tagged("gas", "street").describedAs("Smell of gas")
                .reportedBy(dispatcher.id(), OffsetDateTime.parse("2026-03-01T10:15:30.120Z"))));
        fleet.execute(org, asDispatcher, tx -> {
            Incident dispatched = tx.incidents().dispatch(opened.id(), opened.version());
            tx.incidents().setPriority(dispatched.id(), dispatched.version(), 1);
        });
        List<AuditEntry> entries = history(opened.id());
        assertEquals(3, entries.size());
        assertEquals(entries.get(0).afterState(), entries.get(1).beforeState());
        assertEquals(entries.get(1).afterState(), entries.get(2).beforeState());
        assertEquals("2026-03-01T10:15:30.12Z", entries.get(0).afterState().get("reported_at").asText());
        assertEquals(52.52, entries.get(0).afterState().get("location").get("latitude").asDouble());

        Webhook hook = fleet.inTransaction(org, asDispatcher,
                tx -> tx.webhooks().subscribe(NewWebhook.of("https://hooks.example.org/a", "hunter2", "incident.created")));
        fleet.execute(org, asDispatcher, tx -> tx.webhooks().configureDelivery(hook.id(), 5, 2_000));
        List<AuditEntry> hookEntries = fleet.inTransaction(org, FleetTestSupport.SETUP,
                tx -> tx.auditLogs().forEntity(WEBHOOKS, hook.id(), PageRequest.first(10)).items());
        assertEquals(hookEntries.get(0).afterState(), hookEntries.get(1).beforeState());
        assertEquals("[redacted]", hookEntries.get(0).afterState().get("secret").asText());
    }

    @Test
    void shouldLeaveNoAuditRowWhenTheWriteRollsBack(TestDatabase db) throws SQLException {
        Incident opened = FleetTestSupport.incident(fleet, org, "AUD-3", 3);
        long before = FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.audit_logs");
        assertThrows(IllegalTransitionException.class, () -> fleet.execute(org, asDispatcher, tx -> {
            Incident dispatched = tx.incidents().dispatch(opened.id(), opened.version());
            tx.incidents().close(dispatched.id(), dispatched.version());   // dispatched -> closed is not allowed
        }));
        assertEquals(before, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.audit_logs"));
        assertEquals(List.of("create"), history(opened.id()).stream().map(AuditEntry::action).toList());
        assertEquals(1, fleet.inTransaction(org, asDispatcher, tx -> tx.incidents().get(opened.id())).version());
    }

    @Test
    void shouldAuditSoftDeleteRestoreAndPurge() {
        Incident opened = FleetTestSupport.incident(fleet, org, "AUD-4", 3);
        fleet.execute(org, asDispatcher, tx -> tx.incidents().softDelete(opened.id()));
        fleet.execute(org, asDispatcher, tx -> tx.incidents().restore(opened.id()));
        fleet.execute(org, asDispatcher, tx -> tx.incidents().softDelete(opened.id()));
        fleet.execute(org, asDispatcher, tx -> tx.incidents().purge(opened.id()));
        List<AuditEntry> entries = history(opened.id());
        assertEquals(List.of("create", "soft_delete", "restore", "soft_delete", "purge"),
                entries.stream().map(AuditEntry::action).toList());
        assertTrue(entries.get(1).beforeState().get("deleted_at").isNull());
        assertTrue(entries.get(1).afterState().get("deleted_at").isTextual());
        AuditEntry purge = entries.get(4);
        assertEquals("AUD-4", purge.beforeState().get("incident_number").asText());
        assertNull(purge.afterState());
    }

    @Test
    void shouldAuditABulkIngestAsOneRowPerBatch(TestDatabase db) throws SQLException {
        RadioChannel channel = FleetTestSupport.channel(fleet, org, "Audit channel");
        OffsetDateTime start = OffsetDateTime.parse("2025-03-01T10:00:00Z");
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            batch.add(NewTransmission.of(channel.id(), start.plusSeconds(i * 30L), start.plusSeconds(i * 30L + 12)));
        }
        Actor recorder = Actor.service("recorder-north");
        long auditBefore = FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.audit_logs");
        IngestResult result = fleet.inTransaction(org, recorder, tx -> tx.transmissions().bulkIngest(batch));
        assertEquals(auditBefore + 1, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.audit_logs"));
        AuditEntry entry = fleet.inTransaction(org, recorder,
                tx -> tx.auditLogs().byActorName("recorder-north", PageRequest.first(10)).items()).get(0);
        assertEquals("bulk_ingest", entry.action());
        assertEquals("transmissions", entry.entityType());
        assertEquals(result.batchId(), entry.entityId());
        assertNull(entry.actorId());
        assertEquals(250, entry.afterState().get("count").asInt());
        assertEquals(result.ids().get(0).toString(), entry.afterState().get("first_id").asText());
        assertEquals(result.ids().get(249).toString(), entry.afterState().get("last_id").asText());
        assertEquals(channel.id().toString(), entry.afterState().get("channel_ids").get(0).asText());
    }

    @Test
    void shouldListWhatAnActorDidMostRecentFirst() {
        Actor supervisor = Actor.user(FleetTestSupport.user(fleet, org, "supervisor-1", "supervisor").id(), "supervisor-1");
        Incident opened = fleet.inTransaction(org, supervisor, tx -> tx.incidents().open(NewIncident.of("AUD-6", "By supervisor", "ems", 2)));
        fleet.execute(org, supervisor, tx -> tx.incidents().dispatch(opened.id(), opened.version()));
        List<AuditEntry> entries = fleet.inTransaction(org, supervisor,
                tx -> tx.auditLogs().byActor(supervisor.userId(), PageRequest.first(10)).items());
        assertEquals(List.of("status:dispatched", "create"), entries.stream().map(AuditEntry::action).toList());
    }

    @Test
    void shouldPageThroughAnEntityHistoryWithoutGapsOrRepeats() {
        Incident opened = FleetTestSupport.incident(fleet, org, "AUD-7", 5);
        for (int priority = 4; priority >= 1; priority--) {
            int p = priority;
            fleet.execute(org, asDispatcher, tx -> {
                Incident current = tx.incidents().get(opened.id());
                tx.incidents().setPriority(current.id(), current.version(), p);
            });
        }
        List<AuditEntry> all = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<AuditEntry> page = fleet.inTransaction(org, asDispatcher,
                    tx -> tx.auditLogs().forEntity("incidents", opened.id(), current));
            all.addAll(page.items());
            request = page.nextRequest().orElse(null);
        }
        assertEquals(5, all.size());
        assertEquals(5, all.stream().map(AuditEntry::id).distinct().count());
        assertEquals("create", all.get(0).action());
        assertEquals(1, all.get(4).afterState().get("priority").asInt());
    }

    @Test
    void shouldListEverythingInATimeRange() {
        OffsetDateTime from = fleet.inTransaction(org, asDispatcher, FleetTransaction::now);
        Incident opened = FleetTestSupport.incident(fleet, org, "AUD-8", 2);
        OffsetDateTime to = fleet.inTransaction(org, asDispatcher, FleetTransaction::now).plusSeconds(1);
        List<AuditEntry> entries = fleet.inTransaction(org, asDispatcher,
                tx -> tx.auditLogs().between(from, to, PageRequest.first(100)).items());
        assertTrue(entries.stream().anyMatch(e -> e.entityId().equals(opened.id())), entries.toString());
        assertThrows(InvalidInputException.class, () -> fleet.execute(org, asDispatcher,
                tx -> tx.auditLogs().between(to, from, PageRequest.first(10))));
    }
}
