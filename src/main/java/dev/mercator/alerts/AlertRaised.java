package dev.mercator.alerts;

import dev.mercator.platform.MerchantId;
import java.time.Instant;
import java.util.Map;

/**
 * A condition a merchant should know about holds for {@code subject} (a SKU on a channel, a provider, an account). The
 * centre keeps one open alert per merchant, type and subject: raising it again counts a repeat and moves its last-seen
 * time. Published in the transaction that saw the condition.
 *
 * @param subject what the alert is about, as the merchant would name it ({@code "SKU-1 on shopify"})
 * @param details machine-readable facts for integrations and the console (the SKU, the channel, the reason)
 */
public record AlertRaised(
        MerchantId merchant,
        AlertType type,
        AlertSeverity severity,
        String subject,
        String message,
        Map<String, String> details,
        Instant occurredAt) {

    public AlertRaised {
        details = Map.copyOf(details);
    }
}
