package dev.mercator.dealscout.valuation;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The comparable pools in memory and their market values. A comp joins every pool of its item's key chain (its exact
 * pool, its condition family's, its title tokens'), so a listing whose own pool is too thin finds its coarser pools
 * already filled. The store of observations (dealscout.scan) is the record; these pools are rebuilt from it.
 */
public final class MarketValues {

    private final ConcurrentMap<PoolKey, CompPool> pools = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<PoolKey>> poolsOfComp = new ConcurrentHashMap<>();
    private final MarketValuer valuer;
    private final Clock clock;

    public MarketValues(ValuationSettings settings, Clock clock) {
        this.valuer = new MarketValuer(settings);
        this.clock = clock;
    }

    /**
     * Adds a comp, or replaces the comp with the same id (a repriced or vanished listing), in the pools of its item.
     *
     * @throws IllegalArgumentException for a condition id eBay does not define
     */
    public void record(ItemFacts item, Comp comp) {
        List<PoolKey> keys = PoolKeys.chain(item);
        List<PoolKey> before = poolsOfComp.put(comp.id(), keys);
        if (before != null && !before.equals(keys)) {
            for (PoolKey old : before) {
                if (!keys.contains(old)) {
                    CompPool pool = pools.get(old);
                    if (pool != null) {
                        pool.remove(comp.id());
                    }
                }
            }
        }
        for (PoolKey key : keys) {
            pools.computeIfAbsent(key, CompPool::new).put(comp);
        }
    }

    /** Removes a comp from every pool (its observation was deleted, e.g. on an eBay account deletion). */
    public void forget(String compId) {
        List<PoolKey> keys = poolsOfComp.remove(compId);
        if (keys != null) {
            for (PoolKey key : keys) {
                CompPool pool = pools.get(key);
                if (pool != null) {
                    pool.remove(compId);
                }
            }
        }
    }

    /** The pool's own valuation, without borrowing. */
    public PoolValuation valueOf(PoolKey key) {
        CompPool pool = pools.get(key);
        return pool == null ? new PoolValuation.None(key, 0, 0) : pool.valuation(valuer, clock.millis());
    }

    /**
     * The valuation for a listing with this key chain (finest first, {@link PoolKeys#chain}): its own pool's whenever
     * that has one, thin or not; only when it has none, the first coarser pool's that has one, labelled with the key it
     * was borrowed from.
     *
     * <p>A thin own pool is kept rather than a fuller coarser one because the coarser pools mix conditions: a "New
     * other" listing (worth about 85 % of new) valued against its family's mostly new comps looks 15 % cheaper than it
     * is, which is exactly a false deal. A thin value says so and scores lower confidence; a biased one would not know.
     *
     * @throws IllegalArgumentException for an empty chain (nothing identifies the product)
     */
    public PoolValuation appraise(List<PoolKey> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("nothing identifies the product");
        }
        PoolKey ownKey = chain.getFirst();
        PoolValuation own = valueOf(ownKey);
        if (own instanceof MarketValue) {
            return own;
        }
        for (int i = 1; i < chain.size(); i++) {
            if (valueOf(chain.get(i)) instanceof MarketValue coarser) {
                return coarser.borrowedBy(ownKey);
            }
        }
        return own;
    }

    int pools() {
        return pools.size();
    }
}
