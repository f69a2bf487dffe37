package dev.mercator.catalog.product;

import org.jspecify.annotations.Nullable;

/**
 * A marketplace product after validation and sanitising: a clean title, safe description HTML, a GTIN-14 if the
 * marketplace gave a valid one, and exactly one offer (the marketplace's own).
 */
public record ValidProduct(
        String title,
        @Nullable String description,
        @Nullable String brand,
        @Nullable String model,
        @Nullable Gtin gtin,
        @Nullable String imageUrl,
        Offer offer) {}
