package dev.mercator.notifications.destinations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A destination as the merchant sees it: settings shown back, secrets only by field name.
 *
 * @param disabledReason why Mercator stopped sending to it (the provider said the webhook is gone, the recipient
 *     unsubscribed), while it is disabled
 */
public record Destination(
        UUID id,
        String kind,
        String name,
        Map<String, String> settings,
        List<String> secretFields,
        boolean enabled,
        @Nullable String disabledReason,
        @Nullable Instant disabledAt,
        Instant createdAt) {}
