package dev.mercator.catalog.product;

import dev.mercator.marketplaces.Marketplace;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One marketplace's offer for a product, validated: a positive decimal price in a real ISO-4217 currency, and a link
 * that is never missing (the affiliate link when there is one, else the plain product URL).
 */
public record Offer(
        Marketplace marketplace,
        String marketplaceId,
        BigDecimal price,
        String currency,
        String url,
        boolean affiliate,
        @Nullable String availability,
        Instant asOf) {}
