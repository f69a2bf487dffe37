package dev.mercator.notifications.ledger;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A delivery as the merchant sees it.
 *
 * @param possibleDuplicates sends whose outcome was unknown and that were sent again anyway (at least once, ADR 21)
 * @param foldedInto the digest delivery this one rides in, if any
 */
public record DeliveryView(
        UUID id,
        UUID destinationId,
        @Nullable UUID ruleId,
        UUID alertId,
        String type,
        String severity,
        String subject,
        String mode,
        boolean test,
        String status,
        int attempts,
        int possibleDuplicates,
        int resends,
        @Nullable Instant nextAttemptAt,
        @Nullable String providerMessageId,
        @Nullable String errorClass,
        @Nullable String lastError,
        @Nullable UUID foldedInto,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant sentAt,
        @Nullable Instant deliveredAt) {}
