package dev.mercator.notifications.channel;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One thing to tell a merchant, in neutral form: each channel renders it its own way (an e-mail with HTML and text
 * parts, a Discord embed, a short SMS, a JSON body).
 *
 * @param alertId the alert it comes from, or a fresh id for a test message
 * @param type the stable code ({@code sync.push_failed}); {@code notifications.test} for a test message
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param link an absolute URL where the merchant can see it, if Mercator knows its public address
 */
public record Notice(
        UUID alertId,
        String type,
        String severity,
        String subject,
        String message,
        Map<String, String> details,
        Instant occurredAt,
        String link) {

    public Notice {
        details = Map.copyOf(details);
    }
}
