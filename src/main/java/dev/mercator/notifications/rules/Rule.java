package dev.mercator.notifications.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A routing rule as the merchant sees it.
 *
 * @param alertTypes the alert type codes it matches; empty matches every type
 * @param timeZone the IANA zone of its quiet hours, its daily digest and the day its daily cap counts
 * @param dailyCap messages per destination and day beyond which alerts are recorded as suppressed; null for no cap
 */
public record Rule(
        UUID id,
        String name,
        List<String> alertTypes,
        String minSeverity,
        List<UUID> destinations,
        String timeZone,
        @Nullable QuietHoursView quietHours,
        @Nullable Integer dailyCap,
        String mode,
        Instant createdAt,
        Instant updatedAt) {

    /** Quiet hours as shown: local times {@code HH:mm}. */
    public record QuietHoursView(String start, String end, boolean holdCritical) {}
}
