package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.ListingObserved;
import dev.mercator.dealscout.ListingPriceChanged;
import dev.mercator.dealscout.ListingVanished;
import dev.mercator.dealscout.ObservationsErased;
import dev.mercator.platform.MerchantId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Connects the observation store to the valuation: each observation event updates the listing's comp in its
 * merchant's pools, scores the listing (first sight, price change), and rescores the merchant's other live listings
 * whose pools the comp is in; a rescore stores and publishes only what moved materially. Each listener runs in its
 * own transaction after the observation's commit, from the event publication registry, so a crash retries it; and
 * every step is idempotent (a comp replaces its own, an unchanged score is not republished), so a retry or a
 * redelivered event changes nothing.
 */
@Component
class DealPipeline {

    private final MerchantPools pools;
    private final ObservedListings listings;
    private final DealScoring scoring;

    DealPipeline(MerchantPools pools, ObservedListings listings, DealScoring scoring) {
        this.pools = pools;
        this.listings = listings;
        this.scoring = scoring;
    }

    @ApplicationModuleListener
    void on(ListingObserved event) {
        update(event.merchant(), event.observationId(), true);
    }

    @ApplicationModuleListener
    void on(ListingPriceChanged event) {
        update(event.merchant(), event.observationId(), true);
    }

    /** A vanished listing is not rescored (it is gone), but its comp may now be sale evidence that moves its pool. */
    @ApplicationModuleListener
    void on(ListingVanished event) {
        update(event.merchant(), event.observationId(), false);
    }

    /** Erased observations leave every pool that held them; the listings scored against those pools are rescored. */
    @ApplicationModuleListener
    void on(ObservationsErased event) {
        for (MerchantId merchant : pools.merchants()) {
            MerchantPools.Pools held = pools.held(merchant).orElse(null);
            if (held == null) {
                continue;
            }
            Set<String> touched = new LinkedHashSet<>();
            for (UUID erased : event.observationIds()) {
                if (held.holds(erased)) {
                    touched.addAll(held.forget(erased));
                }
            }
            rescorePools(merchant, held, new ArrayList<>(touched), null);
        }
    }

    private void update(MerchantId merchant, UUID observation, boolean scoreIt) {
        MerchantPools.Pools merchantPools = pools.of(merchant);
        ObservedListing listing = listings.find(observation).orElse(null);
        if (listing == null) {
            // Erased before this event was handled: it must not come back as a comp.
            merchantPools.forget(observation);
            return;
        }
        List<String> keys = merchantPools.record(listing);
        if (scoreIt) {
            scoring.rescore(observation, merchantPools);
        }
        rescorePools(merchant, merchantPools, keys, observation);
    }

    /** Rescores the merchant's live listings in these pools (the one just scored aside). */
    void rescorePools(
            MerchantId merchant, MerchantPools.Pools merchantPools, List<String> keys, @Nullable UUID except) {
        for (UUID other : listings.scoredInPools(merchant, keys)) {
            if (!other.equals(except)) {
                scoring.rescore(other, merchantPools);
            }
        }
    }
}
