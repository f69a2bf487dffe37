package dev.mercator.dealscout.valuation;

import org.jspecify.annotations.Nullable;

/**
 * A listing scored against its market value.
 *
 * @param listingId the listing
 * @param totalPrice its price plus shipping
 * @param classification deal, too good, not a deal, or no valuation
 * @param valuation its pool's market value (possibly borrowed) or why there is none; null when nothing identifies the
 *     product
 * @param discount (median − total) / median: positive below the market value; 0 without a valuation
 * @param robustZ (total − median) / spread: in robust standard deviations; 0 without a valuation
 * @param score the deal score and its components; 0 without a valuation
 */
public record ListingScore(
        String listingId,
        double totalPrice,
        Classification classification,
        @Nullable PoolValuation valuation,
        double discount,
        double robustZ,
        DealScore score) {

    public enum Classification {
        /** Below the interval's low end, at least the watch's discount below the value, on the listing's own pool. */
        DEAL,
        /** So far below the market (robust z below minus the limit) that the title, condition or seller is suspect. */
        TOO_GOOD,
        NOT_A_DEAL,
        NO_VALUATION
    }

    /** The market value the listing was scored against, if it had one. */
    public @Nullable MarketValue marketValue() {
        return valuation instanceof MarketValue value ? value : null;
    }
}
