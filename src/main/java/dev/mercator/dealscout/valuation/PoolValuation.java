package dev.mercator.dealscout.valuation;

/** A pool's valuation: a {@link MarketValue}, or the reason there is none. */
public sealed interface PoolValuation permits MarketValue, PoolValuation.None {

    PoolKey key();

    /**
     * No valuation: after outlier removal neither sale evidence nor asking prices reach the minimum effective sample
     * size.
     *
     * @param key the pool
     * @param comps comps in the window (before outlier removal)
     * @param effectiveN the larger effective sample size of the two methods, after outlier removal
     */
    record None(PoolKey key, int comps, double effectiveN) implements PoolValuation {}
}
