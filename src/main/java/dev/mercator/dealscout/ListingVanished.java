package dev.mercator.dealscout;

import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A scan that covered a listing completed without finding it: the listing sold, ended or was withdrawn. How soon that
 * happened after {@code firstSeenAt}, at {@code lastPrice}, is survival evidence for that price.
 */
public record ListingVanished(
        MerchantId merchant,
        UUID observationId,
        String marketplace,
        String listingId,
        BigDecimal lastPrice,
        @Nullable BigDecimal lastShipping,
        String currency,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant vanishedAt) {}
