package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.ListingObserved;
import dev.mercator.dealscout.ListingPriceChanged;
import dev.mercator.dealscout.ListingVanished;
import dev.mercator.dealscout.ObservationsErased;
import dev.mercator.platform.MerchantId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate transaction;
    private final ConcurrentMap<MerchantId, ReentrantLock> merchantLocks = new ConcurrentHashMap<>();

    DealPipeline(
            MerchantPools pools,
            ObservedListings listings,
            DealScoring scoring,
            PlatformTransactionManager transactions) {
        this.pools = pools;
        this.listings = listings;
        this.scoring = scoring;
        this.transaction = new TransactionTemplate(transactions);
    }

    // The listeners are @ApplicationModuleListener spelled out (asynchronous, after the publisher's commit, tracked
    // by the event publication registry, in a transaction of their own) so that the merchant's lock is taken BEFORE
    // the transaction opens: a listener waiting for its merchant's turn holds no database connection. Events arrive
    // on unbounded virtual threads; had each waited inside its transaction, a scan's hundred events would hold
    // every pooled connection while the one listener that could proceed waited for one.

    @Async
    @TransactionalEventListener
    void on(ListingObserved event) {
        serially(event.merchant(), () -> update(event.merchant(), event.observationId(), true));
    }

    @Async
    @TransactionalEventListener
    void on(ListingPriceChanged event) {
        serially(event.merchant(), () -> update(event.merchant(), event.observationId(), true));
    }

    /** A vanished listing is not rescored (it is gone), but its comp may now be sale evidence that moves its pool. */
    @Async
    @TransactionalEventListener
    void on(ListingVanished event) {
        serially(event.merchant(), () -> update(event.merchant(), event.observationId(), false));
    }

    /** Erased observations leave every pool that held them; the listings scored against those pools are rescored. */
    @Async
    @TransactionalEventListener
    void on(ObservationsErased event) {
        for (MerchantId merchant : pools.merchants()) {
            MerchantPools.Pools held = pools.held(merchant).orElse(null);
            if (held == null) {
                continue;
            }
            serially(merchant, () -> {
                Set<String> touched = new LinkedHashSet<>();
                for (UUID erased : event.observationIds()) {
                    if (held.holds(erased)) {
                        touched.addAll(held.forget(erased));
                    }
                }
                if (!touched.isEmpty()) {
                    score(held, new TreeSet<>(listings.scoredInPools(merchant, List.copyOf(touched))));
                }
            });
        }
    }

    /**
     * One merchant's pipeline work at a time in this instance, each in its own transaction: scoring a listing reads
     * its stored score and replaces it, which must not interleave with another listener doing the same.
     */
    private void serially(MerchantId merchant, Runnable work) {
        ReentrantLock lock = merchantLocks.computeIfAbsent(merchant, m -> new ReentrantLock());
        lock.lock();
        try {
            transaction.executeWithoutResult(status -> work.run());
        } finally {
            lock.unlock();
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
        MerchantPools.Recorded recorded = merchantPools.record(listing);
        SortedSet<UUID> toScore = new TreeSet<>();
        if (scoreIt) {
            toScore.add(observation);
        }
        if (recorded.valueMoved()) {
            // The pool's value moved materially since its listings were last rescored: rescore them (live ones only).
            toScore.addAll(listings.scoredInPools(merchant, recorded.keys()));
        }
        score(merchantPools, toScore);
    }

    private void score(MerchantPools.Pools merchantPools, SortedSet<UUID> observations) {
        // Row locks, in id order, for another instance scoring the same listings (ADR 30).
        listings.lockAll(observations);
        for (UUID each : observations) {
            scoring.rescore(each, merchantPools);
        }
    }
}
