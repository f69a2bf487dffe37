package dev.mercator.sandbox.catalog;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A product as one simulated marketplace lists it: its own id, a title worded the shop's way, its own price and
 * currency, and possibly a deliberate {@link Defect}.
 *
 * @param price null when the listing has no price ({@link Defect#MISSING_PRICE})
 * @param gtin the EAN as the shop reports it (wrong check digit for {@link Defect#INVALID_GTIN})
 */
public record Listing(
        Shop shop,
        String id,
        CatalogProduct product,
        String title,
        @Nullable BigDecimal price,
        String currency,
        String gtin,
        boolean inStock,
        Defect defect) {

    public String imageUrl() {
        return switch (shop) {
            case AMAZON -> "https://m.media-amazon.com/images/I/" + id + ".jpg";
            case ALIEXPRESS -> "https://ae01.alicdn.com/kf/S" + id + ".jpg";
            case EBAY -> "https://i.ebayimg.com/images/g/" + product.index() + "/s-l500.jpg";
        };
    }

    /** A plain-text description; one listing per shop carries a multi-megabyte one. */
    public String description() {
        String text = product.canonicalTitle() + ". Model " + product.model() + " by " + product.brand() + ".";
        if (defect == Defect.HUGE_DESCRIPTION) {
            return text + " " + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(40_000);
        }
        return text;
    }
}
