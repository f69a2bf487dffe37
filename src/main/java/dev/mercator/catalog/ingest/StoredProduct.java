package dev.mercator.catalog.ingest;

import dev.mercator.marketplaces.Marketplace;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An imported product as stored (validated and sanitised when it was written). */
record StoredProduct(
        UUID id,
        Marketplace marketplace,
        String marketplaceId,
        String title,
        @Nullable String description,
        @Nullable String brand,
        @Nullable String model,
        @Nullable String gtin,
        @Nullable String imageUrl,
        @Nullable String productUrl,
        BigDecimal price,
        String currency,
        @Nullable String availability,
        Instant priceAsOf,
        boolean tracked) {}
