package dev.mercator.dealscout.watch;

import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored watch. */
record Watch(UUID id, MerchantId merchant, WatchSpec spec, Instant createdAt, Instant updatedAt) {}

/**
 * What a watch looks for, validated: a scan or a product, and a target price or "any deal" with a minimum discount.
 *
 * @param productKind {@code gtin}, {@code model} or {@code title}, null for a scan watch
 * @param productKey the normalised product key (without its kind), as the valuation keys pools
 * @param minDiscount the discount an "any deal" watch needs; null for a target-price watch
 * @param timeZone the IANA zone whose days the daily cap and the digest count
 */
record WatchSpec(
        String name,
        @Nullable UUID scanId,
        @Nullable String gtin,
        @Nullable String brand,
        @Nullable String model,
        @Nullable String keywords,
        @Nullable String productKind,
        @Nullable String productKey,
        @Nullable BigDecimal targetPrice,
        @Nullable String currency,
        @Nullable Double minDiscount,
        int dailyCap,
        String timeZone,
        boolean active) {

    /** The zone the daily cap's days are counted in. */
    java.time.ZoneId zone() {
        return java.time.ZoneId.of(timeZone);
    }

    boolean targeted() {
        return targetPrice != null;
    }
}
