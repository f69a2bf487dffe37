package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.valuation.Comp;
import dev.mercator.dealscout.valuation.DealValuation;
import dev.mercator.dealscout.valuation.FeeSettings;
import dev.mercator.dealscout.valuation.ItemFacts;
import dev.mercator.dealscout.valuation.MarketValue;
import dev.mercator.dealscout.valuation.PoolKey;
import dev.mercator.dealscout.valuation.PoolKeys;
import dev.mercator.dealscout.valuation.PoolValuation;
import dev.mercator.dealscout.valuation.ValuationSettings;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The comparable pools in memory, one {@link DealValuation} per merchant: a merchant's scores rest on its own
 * observations only, so its evidence never shows another merchant's scans (what it watches, what it submitted), and the
 * same eBay listing seen by two merchants is not counted twice in anyone's pool.
 *
 * <p>A merchant's pools are rebuilt from the observation store on first use after start-up (every observation whose
 * comp is within the valuation window, ADR 30), then follow the observation events; a restart loses nothing, and an
 * event that arrives while the rebuild runs waits for it. Events stay within the instance that published them, so pools
 * older than {@code pools-refresh} are rebuilt on their next use: that bounds how long another instance's observations
 * and erasures (and a listing that came back after it vanished) take to reach this instance's pools.
 */
@Component
class MerchantPools {

    private final ConcurrentMap<MerchantId, Pools> byMerchant = new ConcurrentHashMap<>();
    private final ObservedListings listings;
    private final ValuationSettings valuation;
    private final FeeSettings fees;
    private final DealSettings settings;
    private final Clock clock;

    MerchantPools(
            ObservedListings listings,
            ValuationSettings valuation,
            FeeSettings fees,
            DealSettings settings,
            Clock clock) {
        this.listings = listings;
        this.valuation = valuation;
        this.fees = fees;
        this.settings = settings;
        this.clock = clock;
    }

    /** A merchant's pools, rebuilt from the store if this instance has not held them yet or holds them too long. */
    Pools of(MerchantId merchant) {
        Instant now = clock.instant();
        Pools pools = byMerchant.compute(
                merchant,
                (m, held) -> held == null || held.olderThan(now.minus(settings.poolsRefresh()))
                        ? new Pools(new DealValuation(valuation, fees, clock), now)
                        : held);
        pools.loadOnce(merchant);
        return pools;
    }

    /** The merchant's pools if this instance holds them (for an erasure: pools not held yet will load without them). */
    Optional<Pools> held(MerchantId merchant) {
        return Optional.ofNullable(byMerchant.get(merchant));
    }

    /** Every merchant whose pools this instance holds. */
    List<MerchantId> merchants() {
        return List.copyOf(byMerchant.keySet());
    }

    /**
     * Drops a merchant's pools, so the next use rebuilds them from the store: what a restarted instance does, and how a
     * test checks that a rebuild reproduces the pools the events built.
     */
    void evict(MerchantId merchant) {
        byMerchant.remove(merchant);
    }

    /** One merchant's pools and which pools each of its comps joined. */
    final class Pools {

        private final DealValuation valuation;
        private final Map<UUID, List<String>> keysOfComp = new ConcurrentHashMap<>();
        /** Each pool's value when its listings were last rescored: small moves add up until they are material. */
        private final Map<String, PoolValuation> lastRescored = new HashMap<>();

        private final Instant created;
        private boolean loaded;

        Pools(DealValuation valuation, Instant created) {
            this.valuation = valuation;
            this.created = created;
        }

        boolean olderThan(Instant limit) {
            return created.isBefore(limit);
        }

        DealValuation valuation() {
            return valuation;
        }

        private synchronized void loadOnce(MerchantId merchant) {
            if (loaded) {
                return;
            }
            for (ObservedListing listing :
                    listings.ofMerchantSince(merchant, clock.instant().minus(MerchantPools.this.valuation.window()))) {
                record(listing);
            }
            loaded = true;
        }

        /**
         * Adds the listing's comp to its pools, or replaces it (a new price, a vanish): the keys of the pools it is in
         * (empty when it cannot be pooled), and whether its pool's value moved materially since the pool's listings
         * were last rescored.
         */
        synchronized Recorded record(ObservedListing listing) {
            ItemFacts facts = listing.facts();
            Comp comp = listing.comp(settings.vanishedQuickly());
            if (facts == null || comp == null) {
                return new Recorded(forget(listing.id()), false);
            }
            valuation.record(facts, comp);
            List<String> keys = keys(facts);
            keysOfComp.put(listing.id(), keys);
            if (!loaded) {
                return new Recorded(keys, false);
            }
            PoolValuation now = valuation.value(facts);
            PoolValuation before = lastRescored.get(keys.getFirst());
            boolean moved = moved(before, now);
            if (moved && now != null) {
                lastRescored.put(keys.getFirst(), now);
            }
            return new Recorded(keys, moved);
        }

        /** Removes a comp; returns the keys of the pools it was in. */
        synchronized List<String> forget(UUID observation) {
            valuation.forget(observation.toString());
            List<String> keys = keysOfComp.remove(observation);
            return keys == null ? List.of() : keys;
        }

        boolean holds(UUID observation) {
            return keysOfComp.containsKey(observation);
        }

        /** How many comps each pool holds, by key: what a rebuild must reproduce. */
        synchronized Map<String, Integer> sizes() {
            Map<String, Integer> sizes = new HashMap<>();
            for (List<String> keys : keysOfComp.values()) {
                for (String key : keys) {
                    sizes.merge(key, 1, Integer::sum);
                }
            }
            return sizes;
        }
    }

    /** What recording a comp did. */
    record Recorded(List<String> keys, boolean valueMoved) {}

    /**
     * Whether a pool's value moved enough to rescore its listings: gained or lost, another method, thinness or
     * borrowing, or a median or interval end that moved by more than the rescore threshold.
     */
    boolean moved(@Nullable PoolValuation before, @Nullable PoolValuation now) {
        if (!(before instanceof MarketValue a) || !(now instanceof MarketValue b)) {
            return before instanceof MarketValue || now instanceof MarketValue;
        }
        double threshold = settings.rescoreThreshold();
        return a.method() != b.method()
                || a.thin() != b.thin()
                || !java.util.Objects.equals(a.borrowedFrom(), b.borrowedFrom())
                || Math.abs(b.median() - a.median()) > threshold * a.median()
                || Math.abs(b.low() - a.low()) > threshold * a.median()
                || Math.abs(b.high() - a.high()) > threshold * a.median();
    }

    /** The keys of an item's pools, finest first, as stored with its score. */
    static List<String> keys(@Nullable ItemFacts facts) {
        if (facts == null) {
            return List.of();
        }
        return PoolKeys.chain(facts).stream().map(PoolKey::toString).toList();
    }
}
