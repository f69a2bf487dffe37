package dev.mercator.catalog.product;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A product as search shows it: one entry for the same thing sold on several marketplaces, with an offer per
 * marketplace listing, and a quality score from 0 to 1.
 *
 * @param key stable identity within a result: {@code gtin:<GTIN-14>} when known, else the first offer's marketplace id
 */
public record CatalogProduct(
        String key,
        String title,
        @Nullable String description,
        @Nullable String brand,
        @Nullable String model,
        @Nullable String gtin,
        @Nullable String imageUrl,
        List<Offer> offers,
        double quality) {

    /** The lowest price among offers in {@code currency}, or null when none is in it. */
    public java.math.@Nullable BigDecimal lowestPrice(String currency) {
        return offers.stream()
                .filter(o -> o.currency().equals(currency))
                .map(Offer::price)
                .min(java.math.BigDecimal::compareTo)
                .orElse(null);
    }
}
