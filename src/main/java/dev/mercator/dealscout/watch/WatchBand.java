package dev.mercator.dealscout.watch;

import dev.mercator.dealscout.ListingScored;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * A watch's band: the prices at which a scored listing is a deal for it. The band's upper edge is the target price, or
 * for "any deal" the lower of the interval's low end and the market value less the watch's minimum discount. A listing
 * in the band alerts once; it re-arms only after a score puts it above the edge by the re-arm margin (hysteresis), so a
 * price jittering around the edge alerts once, not on every dip.
 */
final class WatchBand {

    private WatchBand() {}

    /**
     * Whether the listing is a deal for the watch now. Too good is never a deal, whatever the price; for "any deal" a
     * value borrowed from a coarser pool is not one either (comps of other conditions, ADR 26).
     */
    static boolean holds(WatchSpec watch, ListingScored scored) {
        if (scored.verdict() == ListingScored.Verdict.TOO_GOOD) {
            return false;
        }
        BigDecimal target = watch.targetPrice();
        if (target != null) {
            return scored.currency().equalsIgnoreCase(String.valueOf(watch.currency()))
                    && scored.totalPrice().compareTo(target) <= 0;
        }
        BigDecimal low = scored.intervalLow();
        Double minDiscount = watch.minDiscount();
        return low != null
                && minDiscount != null
                && scored.borrowedFrom() == null
                && scored.totalPrice().compareTo(low) < 0
                && scored.discount() >= minDiscount;
    }

    /** The band's upper edge for this score, or null when there is none (no valuation, another currency). */
    static @Nullable BigDecimal edge(WatchSpec watch, ListingScored scored) {
        BigDecimal target = watch.targetPrice();
        if (target != null) {
            return scored.currency().equalsIgnoreCase(String.valueOf(watch.currency())) ? target : null;
        }
        BigDecimal low = scored.intervalLow();
        BigDecimal value = scored.marketValue();
        Double minDiscount = watch.minDiscount();
        if (low == null || value == null || minDiscount == null) {
            return null;
        }
        BigDecimal discounted = value.multiply(BigDecimal.valueOf(1 - minDiscount));
        return discounted.min(low);
    }

    /** Whether the score shows the listing out of the band by the margin: a fired watch may alert on it again. */
    static boolean rearms(WatchSpec watch, ListingScored scored, double margin) {
        if (scored.verdict() == ListingScored.Verdict.TOO_GOOD) {
            return false;
        }
        BigDecimal edge = edge(watch, scored);
        if (edge == null) {
            return false;
        }
        BigDecimal threshold = edge.multiply(BigDecimal.valueOf(1 + margin)).setScale(2, RoundingMode.HALF_UP);
        return scored.totalPrice().compareTo(threshold) > 0;
    }
}
