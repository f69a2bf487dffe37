package dev.mercator.marketplaces;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One listing as a marketplace offers it right now, mapped to neutral names at the adapter. Prices are parsed; a
 * listing without a usable price never gets this far.
 *
 * @param price the asking price, or an auction's current bid
 * @param shipping the cheapest shipping the marketplace quoted, null when it quoted none (unknown, not free)
 * @param conditionId the marketplace's numeric condition id (eBay's 1000 "New", 3000 "Used"), null when not given
 * @param endsAt when the listing ends (auctions; fixed-price listings may carry one too), null when not given
 */
public record Listing(
        Marketplace marketplace,
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

    /** Price plus shipping, the price a buyer pays; the price alone while shipping is unknown. */
    public BigDecimal total() {
        return shipping == null ? price : price.add(shipping);
    }
}
