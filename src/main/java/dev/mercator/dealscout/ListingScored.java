package dev.mercator.dealscout;

import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An observed listing was valued against its comparable pool and scored: on first sight, after a price change, and
 * when its pool's value moved. Published after the score is stored, for watches and alerts, which apply their own
 * threshold to {@code discount} (a deal is a total below {@code intervalLow} with at least the watch's discount, on
 * the listing's own pool, and never {@link Verdict#TOO_GOOD}).
 *
 * @param scanId the scan that found the listing, null for a user submission
 * @param productKey the normalised product the listing was pooled under (GTIN, model code or title tokens), null
 *     when nothing identifies it
 * @param verdict the verdict at the configured default discount threshold
 * @param discount (market value − total) / market value; 0 without a valuation
 * @param robustZ (total − market value) / robust spread; 0 without a valuation
 * @param score the deal score, 0–100; 0 without a valuation
 * @param marketValue the pool's market value (the weighted median), null without a valuation
 * @param intervalLow the confidence interval's low end, null without a valuation
 * @param intervalHigh the confidence interval's high end, null without a valuation
 * @param comps how many comps the market value was taken from (after outlier removal), null without a valuation
 * @param method which comps ({@code SALE_EVIDENCE} or {@code ASKING_PRICES}), null without a valuation
 * @param borrowedFrom the coarser pool the value was borrowed from (the listing's own pool had no valuation), null
 *     when the value is the listing's own pool's; a borrowed value is never a deal
 */
public record ListingScored(
        MerchantId merchant,
        UUID observationId,
        @Nullable UUID scanId,
        String marketplace,
        String listingId,
        String title,
        @Nullable String url,
        @Nullable String productKey,
        BigDecimal totalPrice,
        String currency,
        Verdict verdict,
        double discount,
        double robustZ,
        int score,
        @Nullable BigDecimal marketValue,
        @Nullable BigDecimal intervalLow,
        @Nullable BigDecimal intervalHigh,
        @Nullable Integer comps,
        @Nullable String method,
        @Nullable String borrowedFrom,
        Instant scoredAt) {

    /** What the score says about the listing. */
    public enum Verdict {
        /** Below the whole confidence interval and at least the default discount, valued on its own pool. */
        DEAL,
        /** So far below the market that the title, condition or seller is suspect: checked, never alerted as a deal. */
        TOO_GOOD,
        NOT_A_DEAL,
        /** No market value: nothing identifies the product, or its pool (and the coarser ones) are too thin. */
        NO_VALUATION
    }
}
