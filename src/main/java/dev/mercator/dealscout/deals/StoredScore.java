package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.ListingScored.Verdict;
import dev.mercator.dealscout.valuation.DealScore;
import dev.mercator.dealscout.valuation.NetMargin;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A listing's latest score as stored, with what it was scored on: the pool (and any pool it borrowed from), the
 * market value and its interval, and the comps used. Amounts are in {@code currency}.
 *
 * @param poolKeys every pool the listing's value may come from, finest first (its own pool is the first)
 * @param compIds the comps used, at most the configured number ({@code n} says how many there were)
 */
record StoredScore(
        UUID observationId,
        @Nullable String productKey,
        List<String> poolKeys,
        BigDecimal totalPrice,
        String currency,
        Verdict verdict,
        int score,
        List<DealScore.Component> components,
        double discount,
        double robustZ,
        @Nullable BigDecimal marketValue,
        @Nullable BigDecimal intervalLow,
        @Nullable BigDecimal intervalHigh,
        @Nullable Double coverage,
        @Nullable Double spread,
        @Nullable Integer n,
        @Nullable Double effectiveN,
        @Nullable Integer outliers,
        @Nullable String method,
        @Nullable String borrowedFrom,
        boolean thin,
        @Nullable Instant oldestComp,
        @Nullable Instant newestComp,
        List<NetMargin> netMargins,
        List<UUID> compIds,
        Instant scoredAt) {

    /** A score without a market value: nothing identifies the product, or its pools are too thin. */
    static StoredScore unvalued(
            UUID observationId,
            @Nullable String productKey,
            List<String> poolKeys,
            BigDecimal totalPrice,
            String currency,
            int score,
            List<DealScore.Component> components,
            Instant scoredAt) {
        return new StoredScore(
                observationId,
                productKey,
                poolKeys,
                totalPrice,
                currency,
                Verdict.NO_VALUATION,
                score,
                components,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                List.of(),
                List.of(),
                scoredAt);
    }

    /**
     * Whether {@code next} says something {@code this} did not, for the merchant and the watches: another verdict or
     * score, another total, a value gained or lost, another method or borrowing or thinness, or a market value that
     * moved by more than {@code threshold}. Anything less is the same score seen again (a redelivered event, a comp
     * that nudged the median by a cent) and is neither stored nor published.
     */
    boolean differsMateriallyFrom(StoredScore next, double threshold) {
        if (verdict != next.verdict
                || score != next.score
                || totalPrice.compareTo(next.totalPrice) != 0
                || !currency.equals(next.currency)
                || thin != next.thin
                || !Objects.equals(method, next.method)
                || !Objects.equals(borrowedFrom, next.borrowedFrom)
                || !Set.copyOf(poolKeys).equals(Set.copyOf(next.poolKeys))) {
            return true;
        }
        if (marketValue == null || next.marketValue == null) {
            return marketValue != next.marketValue;
        }
        double before = marketValue.doubleValue();
        return Math.abs(next.marketValue.doubleValue() - before) > threshold * before;
    }
}
