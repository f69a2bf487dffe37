package dev.mercator.alerts;

import dev.mercator.platform.MerchantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The alert centre opened a new alert: a condition nobody has been told about yet. Published by the centre in the
 * transaction that recorded it, once per alert (a repeat of an open alert only counts, and publishes nothing), so a
 * listener that keys its work on {@code alertId} acts exactly once per alert. Notifications listen to this.
 */
public record AlertOpened(
        UUID alertId,
        MerchantId merchant,
        AlertType type,
        AlertSeverity severity,
        String subject,
        String message,
        Map<String, String> details,
        Instant occurredAt) {

    public AlertOpened {
        details = Map.copyOf(details);
    }
}
