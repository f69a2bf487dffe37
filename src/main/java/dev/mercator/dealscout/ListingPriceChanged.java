package dev.mercator.dealscout;

import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An observed listing's price or shipping changed (a price cut, a new bid); one event per change, however many scans
 * see the listing in between.
 */
public record ListingPriceChanged(
        MerchantId merchant,
        UUID observationId,
        String marketplace,
        String listingId,
        BigDecimal previousPrice,
        @Nullable BigDecimal previousShipping,
        BigDecimal price,
        @Nullable BigDecimal shipping,
        String currency,
        Instant observedAt) {}
