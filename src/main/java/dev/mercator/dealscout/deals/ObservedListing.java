package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.valuation.Comp;
import dev.mercator.dealscout.valuation.ItemCondition;
import dev.mercator.dealscout.valuation.ItemFacts;
import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An observation as the pipeline reads it from the store: what it is, what it costs now, and since when.
 *
 * @param priceSince when the current price was first seen (its newest price-history row): an asking comp's time, the
 *     same whether the comp comes from the live event or from a rebuild
 * @param auction whether it is sold by auction: its price is the current bid
 */
record ObservedListing(
        UUID id,
        MerchantId merchant,
        String marketplace,
        String listingId,
        String title,
        @Nullable String conditionId,
        @Nullable String categoryId,
        BigDecimal price,
        @Nullable BigDecimal shipping,
        String currency,
        @Nullable String url,
        Instant firstSeenAt,
        Instant priceSince,
        @Nullable Instant vanishedAt,
        boolean auction) {

    /**
     * Listings without a category (Amazon and AliExpress keyword search, the eBay simulator, most user submissions)
     * share this one: the product and condition still key the pool, and a category alone never does (ADR 26).
     */
    static final String NO_CATEGORY = "-";

    /** Price plus shipping; unknown shipping counts as none (what the listing asks for, at least). */
    BigDecimal total() {
        return shipping == null ? price : price.add(shipping);
    }

    /**
     * The facts that key the listing's pools, or null when it cannot be pooled: without an eBay condition id there is
     * no condition part of the key, and condition is never guessed.
     */
    @Nullable
    ItemFacts facts() {
        if (conditionId == null) {
            return null;
        }
        int condition;
        try {
            condition = Integer.parseInt(conditionId);
        } catch (NumberFormatException e) {
            return null;
        }
        if (ItemCondition.ofId(condition).isEmpty()) {
            return null;
        }
        return new ItemFacts(
                categoryId == null ? NO_CATEGORY : categoryId, null, null, null, title, condition, currency);
    }

    /** What this listing says about its market: sale evidence when it vanished quickly, else its asking price. */
    Comp.Kind kind(Duration vanishedQuickly) {
        return vanishedAt != null
                        && !Duration.between(firstSeenAt, vanishedAt)
                                .minus(vanishedQuickly)
                                .isPositive()
                ? Comp.Kind.VANISHED_QUICKLY
                : Comp.Kind.ASKING;
    }

    /**
     * The listing as a comp (its observation id is the comp's id), or null for a price that is not positive and for an
     * auction. An auction's price is its current bid: neither what a seller asks (it will climb) nor, without its bid
     * count, evidence of a sale when it ends (an auction nobody bid on ends at its opening price). Counted as asking
     * prices they pulled pools far down and widened their intervals, so real deals were not recognised at first sight.
     */
    @Nullable
    Comp comp(Duration vanishedQuickly) {
        double total = total().doubleValue();
        if (!(total > 0) || auction) {
            return null;
        }
        Comp.Kind kind = kind(vanishedQuickly);
        Instant at = kind == Comp.Kind.VANISHED_QUICKLY && vanishedAt != null ? vanishedAt : priceSince;
        return new Comp(id.toString(), total, at, kind);
    }
}
