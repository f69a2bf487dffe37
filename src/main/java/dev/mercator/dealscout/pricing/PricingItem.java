package dev.mercator.dealscout.pricing;

import dev.mercator.platform.MerchantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One item to price, as stored; {@code proposal} and {@code answer} are JSON. */
record PricingItem(
        UUID id,
        MerchantId merchant,
        PricingStatus status,
        Inputs inputs,
        String currency,
        @Nullable String reason,
        @Nullable String proposal,
        @Nullable String answer,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    /** What the merchant said about the item; every field optional. */
    record Inputs(
            @Nullable String title,
            @Nullable String description,
            @Nullable String gtin,
            @Nullable Integer conditionId,
            @Nullable String categoryId) {}

    /** A stored photo. */
    record Photo(int position, String objectKey, String mediaType, long sizeBytes, int width, int height) {}
}
