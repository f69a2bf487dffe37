package dev.mercator.dealscout.scan;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.Listing;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A listing as one observation records it, from a scan or a merchant's submission.
 *
 * @param marketplace the marketplace's id ({@code ebay}) or, for a submission, the site's host
 */
record Sighting(
        String marketplace,
        String listingId,
        String title,
        @Nullable String conditionId,
        @Nullable String categoryId,
        BigDecimal price,
        @Nullable BigDecimal shipping,
        String currency,
        @Nullable String sellerUsername,
        @Nullable String url,
        BuyingFormat buyingFormat,
        @Nullable Instant endsAt) {

    static Sighting of(Listing listing) {
        return new Sighting(
                listing.marketplace().id(),
                cut(listing.listingId(), 200),
                cut(listing.title(), 500),
                listing.conditionId() == null ? null : cut(listing.conditionId(), 8),
                listing.categoryId() == null ? null : cut(listing.categoryId(), 12),
                listing.price(),
                listing.shipping(),
                listing.currency(),
                listing.sellerUsername() == null ? null : cut(listing.sellerUsername(), 100),
                listing.url() == null || listing.url().length() > 2000 ? null : listing.url(),
                listing.buyingFormat(),
                listing.endsAt());
    }

    private static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
