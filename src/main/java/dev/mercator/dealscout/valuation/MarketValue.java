package dev.mercator.dealscout.valuation;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The market value of a comparable pool, with its evidence: what an alert shows to say why a listing is a deal. Prices
 * are in the pool's currency.
 *
 * @param key the pool valued: a listing's own pool
 * @param borrowedFrom the coarser pool whose comps were used because the own pool was too thin, or null when the
 *     value is the own pool's
 * @param method which comps were used
 * @param n comps used, after outlier removal
 * @param effectiveN Kish's effective sample size of the age weights, (Σw)²/Σw²
 * @param outliers comps removed as outliers (modified z-score above the limit)
 * @param oldest when the oldest comp used was observed
 * @param newest when the newest comp used was observed
 * @param median the age-weighted median total price: the market value
 * @param low the confidence interval's low end, an order statistic
 * @param high the confidence interval's high end, an order statistic
 * @param coverage the interval's coverage: the configured confidence, or less when the effective sample is too small
 *     for any order-statistic interval to reach it (at most 1 − 2^(1−m), 0.9375 for m = 5)
 * @param spread the pool's robust spread, 1.4826 × MAD (guarded, ADR 26), the unit of a listing's robust z
 * @param thin whether the effective sample size is below the "thin" threshold (default 12)
 * @param compIds the comps used, the evidence
 */
public record MarketValue(
        PoolKey key,
        @Nullable PoolKey borrowedFrom,
        Method method,
        int n,
        double effectiveN,
        int outliers,
        Instant oldest,
        Instant newest,
        double median,
        double low,
        double high,
        double coverage,
        double spread,
        boolean thin,
        List<String> compIds)
        implements PoolValuation {

    /** The pool the comps came from: the borrowed-from key, or the own key. */
    public PoolKey source() {
        return borrowedFrom == null ? key : borrowedFrom;
    }

    /** Which comps a value comes from, named in every alert. */
    public enum Method {
        /** Sold and vanished-quickly prices: what buyers paid. */
        SALE_EVIDENCE,
        /** Asking prices, when there is not enough sale evidence: what sellers hope for, biased upwards. */
        ASKING_PRICES
    }

    /** The same value, lent to a listing whose own pool ({@code ownKey}) was too thin. */
    MarketValue borrowedBy(PoolKey ownKey) {
        return new MarketValue(
                ownKey,
                key,
                method,
                n,
                effectiveN,
                outliers,
                oldest,
                newest,
                median,
                low,
                high,
                coverage,
                spread,
                thin,
                compIds);
    }
}
