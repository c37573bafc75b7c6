package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.fleet.webhook.NewWebhook;
import dev.publicsafety.dal.fleet.webhook.Webhook;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class WebhookRepositoryTest {

    private static final Actor DELIVERY = Actor.service("webhook-delivery");
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;

    @BeforeAll
    static void setUp(ApplicationRole role) {
        app = role;
        fleet = new FleetDatabase(app.dataSource(), FleetOptions.defaults().withWebhookFailureThreshold(3));
        Organization created = FleetTestSupport.organization(fleet, "webhooks");
        org = created.id();
        acting = new Tenant(created, app, fleet, DELIVERY);
    }


    @Test
    void shouldFindTheActiveSubscribersOfAnEvent() {
        UUID other = FleetTestSupport.organization(fleet, "hooks-events").id();
        fleet.execute(other, DELIVERY, t -> {
            t.webhooks().subscribe(NewWebhook.of("https://a.example.org/hook", "s1", "incident.created", "incident.closed"));
            t.webhooks().subscribe(NewWebhook.of("https://b.example.org/hook", null, "task.sla_breached"));
            Webhook off = t.webhooks().subscribe(NewWebhook.of("https://c.example.org/hook", null, "incident.created"));
            t.webhooks().deactivate(off.id());
        });
        List<Webhook> created = fleet.inTransaction(other, DELIVERY, t -> t.webhooks().subscribedTo("incident.created", PageRequest.first(10)).items());
        assertEquals(List.of("https://a.example.org/hook"), created.stream().map(Webhook::url).toList());
        assertEquals(List.of("incident.closed", "incident.created"), created.get(0).events());
        assertThrows(InvalidInputException.class, () -> fleet.inTransaction(other, DELIVERY,
                t -> t.webhooks().subscribedTo("Incident Created", PageRequest.first(10))));
    }

    @Test
    void shouldDisableAWebhookAfterTheThresholdOfConsecutiveFailures() {
        Webhook hook = acting.inTransaction(t -> t.webhooks().subscribe(NewWebhook.of("https://flaky.example.org", null, "incident.created")));
        Webhook once = acting.inTransaction(t -> t.webhooks().recordFailure(hook.id(), "HTTP 502"));
        Webhook twice = acting.inTransaction(t -> t.webhooks().recordFailure(hook.id(), "HTTP 503"));
        assertTrue(twice.active());
        assertEquals(2, twice.consecutiveFailures());
        Webhook recovered = acting.inTransaction(t -> t.webhooks().recordSuccess(hook.id()));
        assertEquals(0, recovered.consecutiveFailures());
        assertEquals(2, recovered.totalFailures());
        assertNotNull(recovered.lastSuccessAt());
        for (int i = 0; i < 2; i++) {
            acting.inTransaction(t -> t.webhooks().recordFailure(hook.id(), "timeout"));
        }
        Webhook disabled = acting.inTransaction(t -> t.webhooks().recordFailure(hook.id(), "connection refused"));
        assertFalse(disabled.active());
        assertNotNull(disabled.disabledAt());
        assertEquals(3, disabled.consecutiveFailures());
        assertEquals(5, disabled.totalFailures());
        assertEquals("connection refused", disabled.lastError());
        assertEquals(1, once.consecutiveFailures());
        List<String> actions = acting.inTransaction(t -> t.auditLogs().forEntity("webhooks", hook.id(), PageRequest.first(20)).items())
                .stream().map(AuditEntry::action).toList();
        assertEquals("delivery_failed_disabled", actions.get(actions.size() - 1));
        Webhook back = acting.inTransaction(t -> t.webhooks().reactivate(hook.id()));
        assertTrue(back.active());
        assertNull(back.disabledAt());
        assertEquals(0, back.consecutiveFailures());
    }

    @Test
    void shouldNeverPutTheSecretIntoTheAuditTrailOrToString() {
        Webhook hook = acting.inTransaction(t -> t.webhooks().subscribe(NewWebhook.of("https://secret.example.org", "hunter2", "incident.created")));
        assertEquals("hunter2", hook.secret());
        assertFalse(hook.toString().contains("hunter2"), hook.toString());
        AuditEntry created = acting.inTransaction(t -> t.auditLogs().forEntity("webhooks", hook.id(), PageRequest.first(5)).items().get(0));
        assertEquals("[redacted]", created.afterState().get("secret").asText());
        assertFalse(created.afterState().toString().contains("hunter2"));
    }

    @Test
    void shouldRejectBadUrlsAndEventNames() {
        assertTrue(assertThrows(InvalidInputException.class, () -> NewWebhook.of("ftp://x.example.org", null, "incident.created"))
                .getMessage().contains("http(s)"));
        assertThrows(InvalidInputException.class, () -> NewWebhook.of("https://x.example.org", null));
        assertThrows(InvalidInputException.class, () -> NewWebhook.of("https://x.example.org", null, "created"));
        Webhook hook = acting.inTransaction(t -> t.webhooks().subscribe(NewWebhook.of("https://events.example.org", null, "incident.created")));
        assertEquals(List.of("task.completed"), acting.inTransaction(t -> t.webhooks().setEvents(hook.id(), List.of("task.completed"))).events());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.webhooks().setEvents(hook.id(), List.of())));
    }
}
