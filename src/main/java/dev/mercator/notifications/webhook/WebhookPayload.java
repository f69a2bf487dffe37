package dev.mercator.notifications.webhook;

import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.OutgoingMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JSON body of every webhook, in Standard Webhooks' recommended envelope ({@code type}, {@code timestamp}, {@code
 * data}). The schema is documented in ADR 22 and is a contract with merchants' code: add fields, never rename or
 * remove one.
 *
 * @param type {@code alerts.notice} (one notice), {@code alerts.digest} (several folded) or {@code notifications.test}
 */
record WebhookPayload(String type, Instant timestamp, Data data) {

    /**
     * @param deliveryId the delivery, stable across retries (also in {@code webhook-id}): a receiver deduplicates on it
     */
    record Data(UUID deliveryId, String merchantId, boolean digest, List<Item> notices) {}

    record Item(
            UUID alertId,
            String type,
            String severity,
            String subject,
            String message,
            Map<String, String> details,
            Instant occurredAt,
            String link) {}

    static WebhookPayload of(OutgoingMessage message, Instant now) {
        String type = message.transactional()
                ? "notifications.test"
                : message.notices().size() > 1 || message.digest() ? "alerts.digest" : "alerts.notice";
        List<Item> items = message.notices().stream().map(WebhookPayload::item).toList();
        return new WebhookPayload(
                type,
                now,
                new Data(message.deliveryId(), message.merchant().value().toString(), message.digest(), items));
    }

    private static Item item(Notice notice) {
        return new Item(
                notice.alertId(),
                notice.type(),
                notice.severity(),
                notice.subject(),
                notice.message(),
                new TreeMap<>(notice.details()),
                notice.occurredAt(),
                notice.link());
    }
}
