package dev.mercator.dealscout.valuation;

import java.time.Instant;

/**
 * One comparable price: a listing's total price (price plus shipping, what a buyer pays) when it was observed, and how
 * much it says about the market.
 *
 * @param id the observation it came from, shown as evidence
 * @param totalPrice price plus shipping, in the pool's currency
 * @param observedAt when the price was seen (for a sold or vanished listing, when it went)
 * @param kind whether it is evidence of a sale or only an asking price
 */
public record Comp(String id, double totalPrice, Instant observedAt, Kind kind) {

    /** Sold and vanished-quickly prices are evidence of what buyers pay; an asking price is what a seller hopes for. */
    public enum Kind {
        SOLD,
        VANISHED_QUICKLY,
        ASKING;

        public boolean isSaleEvidence() {
            return this != ASKING;
        }
    }

    public Comp {
        if (!(totalPrice > 0) || Double.isInfinite(totalPrice)) {
            throw new IllegalArgumentException("a comp's total price must be positive and finite: " + totalPrice);
        }
    }
}
