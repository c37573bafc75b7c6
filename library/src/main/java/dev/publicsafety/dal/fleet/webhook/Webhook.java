package dev.publicsafety.dal.fleet.webhook;

import dev.publicsafety.dal.generated.fleet.tables.records.WebhooksRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An outbound subscription to events. {@code secret} signs deliveries; {@link #toString()} never
 * shows it (and the audit trail stores it redacted).
 */
public record Webhook(UUID id, UUID orgId, String url, String secret, List<String> events, boolean active,
                      int consecutiveFailures, int totalFailures, OffsetDateTime lastSuccessAt,
                      OffsetDateTime lastFailureAt, String lastError, OffsetDateTime disabledAt, int retryCount,
                      int timeoutMs, OffsetDateTime lastTriggeredAt,
                      OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime deletedAt) {

    public Webhook {
        events = List.copyOf(events);
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", url=" + url + ", events=" + events + ", active=" + active
                + ", consecutiveFailures=" + consecutiveFailures + ", secret=" + (secret == null ? "none" : "[redacted]") + "]";
    }

    static Webhook of(WebhooksRecord r) {
        return new Webhook(r.getId(), r.getOrgId(), r.getUrl(), r.getSecret(), List.of(r.getEvents()), r.getIsActive(),
                r.getConsecutiveFailures(), r.getTotalFailures(), r.getLastSuccessAt(), r.getLastFailureAt(),
                r.getLastError(), r.getDisabledAt(), r.getRetryCount(), r.getTimeoutMs(), r.getLastTriggeredAt(), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
