package dev.publicsafety.dal.fleet.webhook;

import static dev.publicsafety.dal.generated.fleet.Tables.WEBHOOKS;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.generated.fleet.tables.records.WebhooksRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.SortOrder;

/**
 * Webhook subscriptions and their delivery health. A webhook that fails
 * {@link FleetOptions#webhookFailureThreshold()} deliveries in a row is disabled (inactive, with
 * {@code disabled_at}) until {@link #reactivate}; a success resets the count. Every recorded
 * delivery, successful or not, stamps {@code last_triggered_at}.
 */
public final class WebhookRepository extends TenantRepository<WebhooksRecord> {

    private static final int MAX_ERROR_LENGTH = 2000;
    private static final int MAX_RETRIES = 10;
    private static final int MIN_TIMEOUT_MS = 100;
    private static final int MAX_TIMEOUT_MS = 60_000;

    public WebhookRepository(TenantContext context) {
        super(context, WEBHOOKS, WEBHOOKS.ID, WEBHOOKS.ORG_ID, WEBHOOKS.DELETED_AT, null);
    }

    public Webhook subscribe(NewWebhook webhook) {
        return subscribeRow(null, webhook);
    }

    /**
     * {@link #subscribe(NewWebhook)} under {@code id} instead of a generated id: for records brought over from
     * another system with their ids kept ({@code dal import fleet}). An id a row of this organization
     * already has, soft-deleted or not, is a {@code ConflictException} (ids are unique per organization).
     */
    public Webhook subscribeWithId(UUID id, NewWebhook webhook) {
        return subscribeRow(requireId(id), webhook);
    }

    private Webhook subscribeRow(UUID id, NewWebhook webhook) {
        WebhooksRecord values = blank();
        values.setUrl(webhook.url());
        values.setSecret(webhook.secret());
        values.setEvents(webhook.events().toArray(String[]::new));
        return Webhook.of(insert(id, values));
    }

    public Optional<Webhook> findById(UUID id) {
        return fetchLive(id).map(Webhook::of);
    }

    public Webhook get(UUID id) {
        return Webhook.of(requireLive(id));
    }

    /**
     * Active webhooks subscribed to {@code event} (array containment {@code events @> '{event}'},
     * served by the GIN index), oldest subscription first.
     */
    public Page<Webhook> subscribedTo(String event, PageRequest page) {
        NewWebhook.Events.check(event);
        return Keyset.page(dsl().selectFrom(WEBHOOKS).where(live()).and(WEBHOOKS.IS_ACTIVE)
                        .and(WEBHOOKS.EVENTS.contains(new String[] {event})),
                page, "webhooks.subscribed_to:" + event, Webhook::of, SortOrder.ASC, WEBHOOKS.CREATED_AT, WEBHOOKS.ID);
    }

    /** A delivery succeeded: the consecutive failure count starts again from zero. */
    public Webhook recordSuccess(UUID id) {
        return Webhook.of(updateLocked(id, "delivery_succeeded", r -> {
            r.setConsecutiveFailures(0);
            r.setLastSuccessAt(context.now());
            r.setLastTriggeredAt(context.now());
        }));
    }

    /**
     * A delivery failed: counts it, keeps the error, and disables the webhook when the consecutive
     * failures reach the threshold.
     */
    public Webhook recordFailure(UUID id, String error) {
        WebhooksRecord before = lockLive(id);
        int consecutive = before.getConsecutiveFailures() + 1;
        boolean disable = before.getIsActive() && consecutive >= context.options().webhookFailureThreshold();
        String message = error == null ? null : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        return Webhook.of(applyLocked(before, disable ? "delivery_failed_disabled" : "delivery_failed", r -> {
            r.setConsecutiveFailures(consecutive);
            r.setTotalFailures(before.getTotalFailures() + 1);
            r.setLastFailureAt(context.now());
            r.setLastTriggeredAt(context.now());
            r.setLastError(message);
            if (disable) {
                r.setIsActive(false);
                r.setDisabledAt(context.now());
            }
        }));
    }

    /** How deliveries are made: retries after a failure (0 to 10) and the timeout of one attempt (100 to 60000 ms). */
    public Webhook configureDelivery(UUID id, int retryCount, int timeoutMs) {
        if (retryCount < 0 || retryCount > MAX_RETRIES) {
            throw new InvalidInputException("retryCount", "webhook " + id + ": retry count must be 0 to " + MAX_RETRIES + ", was " + retryCount);
        }
        if (timeoutMs < MIN_TIMEOUT_MS || timeoutMs > MAX_TIMEOUT_MS) {
            throw new InvalidInputException("timeoutMs", "webhook " + id + ": timeout must be " + MIN_TIMEOUT_MS + " to " + MAX_TIMEOUT_MS
                    + " ms, was " + timeoutMs);
        }
        return Webhook.of(updateLocked(id, "configure_delivery", r -> {
            r.setRetryCount((short) retryCount);
            r.setTimeoutMs(timeoutMs);
        }));
    }

    /** Turns a disabled webhook back on, with a fresh failure count. */
    public Webhook reactivate(UUID id) {
        return Webhook.of(updateLocked(id, "reactivate", r -> {
            r.setIsActive(true);
            r.setDisabledAt(null);
            r.setConsecutiveFailures(0);
        }));
    }

    public Webhook deactivate(UUID id) {
        return Webhook.of(updateLocked(id, "deactivate", r -> {
            r.setIsActive(false);
            r.setDisabledAt(context.now());
        }));
    }

    public Webhook setEvents(UUID id, List<String> events) {
        List<String> checked = NewWebhook.Events.check(events);
        if (checked.isEmpty()) {
            throw new InvalidInputException("events", "webhook " + id + " must subscribe to at least one event");
        }
        return Webhook.of(updateLocked(id, "set_events", r -> r.setEvents(checked.toArray(String[]::new))));
    }
}
