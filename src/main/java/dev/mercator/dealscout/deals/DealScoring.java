package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.ListingScored;
import dev.mercator.dealscout.ListingScored.Verdict;
import dev.mercator.dealscout.valuation.DealValuation;
import dev.mercator.dealscout.valuation.ItemFacts;
import dev.mercator.dealscout.valuation.ListingScore;
import dev.mercator.dealscout.valuation.MarketValue;
import dev.mercator.dealscout.valuation.NetMargin;
import dev.mercator.marketplaces.Marketplace;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Scores one listing against its merchant's pools, stores the score when it says something new and publishes {@link
 * ListingScored} after storing it, in the caller's transaction (the event publication registry delivers it after
 * commit, once).
 */
@Component
class DealScoring {

    private final ObservedListings listings;
    private final DealScores scores;
    private final DealSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DealScoring(
            ObservedListings listings,
            DealScores scores,
            DealSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.listings = listings;
        this.scores = scores;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Rescores the listing; returns the new score when it was stored and published, empty when the listing is gone or
     * the score says nothing new. Runs in the caller's transaction, which must hold the observation's row lock
     * ({@link ObservedListings#lockAll}) so that two listeners score the same listing one after the other.
     */
    Optional<StoredScore> rescore(UUID observation, MerchantPools.Pools pools) {
        ObservedListing listing = listings.find(observation).orElse(null);
        if (listing == null) {
            return Optional.empty();
        }
        StoredScore next = score(listing, pools.valuation(), clock.instant());
        Optional<StoredScore> previous = scores.find(observation);
        if (previous.isPresent() && !previous.get().differsMateriallyFrom(next, settings.rescoreThreshold())) {
            return Optional.empty();
        }
        scores.save(listing.merchant(), next);
        events.publishEvent(new ListingScored(
                listing.merchant(),
                listing.id(),
                listings.scanOf(listing.id()),
                listing.marketplace(),
                listing.listingId(),
                listing.title(),
                listing.url(),
                next.productKey(),
                next.totalPrice(),
                next.currency(),
                next.verdict(),
                next.discount(),
                next.robustZ(),
                next.score(),
                next.marketValue(),
                next.intervalLow(),
                next.intervalHigh(),
                next.n(),
                next.method(),
                next.borrowedFrom(),
                next.scoredAt()));
        return Optional.of(next);
    }

    StoredScore score(ObservedListing listing, DealValuation valuation, Instant now) {
        ItemFacts facts = listing.facts();
        BigDecimal total = listing.total();
        List<String> poolKeys = MerchantPools.keys(facts);
        if (facts == null || total.signum() <= 0) {
            return StoredScore.unvalued(listing.id(), null, poolKeys, total, listing.currency(), 0, List.of(), now);
        }
        ListingScore scored = valuation.score(listing.id().toString(), facts, total.doubleValue(), null, null);
        MarketValue value = scored.marketValue();
        String productKey = scored.valuation() == null
                ? null
                : scored.valuation().key().product().toString();
        if (value == null) {
            return StoredScore.unvalued(
                    listing.id(),
                    productKey,
                    poolKeys,
                    total,
                    listing.currency(),
                    scored.score().score(),
                    scored.score().components(),
                    now);
        }
        List<NetMargin> margins = new ArrayList<>();
        for (Marketplace marketplace : Marketplace.values()) {
            margins.add(
                    valuation.netMargin(marketplace, total.doubleValue(), value.median(), settings.outboundShipping()));
        }
        List<UUID> comps = value.compIds().stream()
                .limit(settings.maxEvidenceComps())
                .map(UUID::fromString)
                .toList();
        return new StoredScore(
                listing.id(),
                productKey,
                poolKeys,
                total,
                listing.currency(),
                Verdict.valueOf(scored.classification().name()),
                scored.score().score(),
                scored.score().components(),
                round(scored.discount()),
                round(scored.robustZ()),
                cents(value.median()),
                cents(value.low()),
                cents(value.high()),
                value.coverage(),
                value.spread(),
                value.n(),
                value.effectiveN(),
                value.outliers(),
                value.method().name(),
                value.borrowedFrom() == null ? null : value.borrowedFrom().toString(),
                value.thin(),
                value.oldest(),
                value.newest(),
                margins,
                comps,
                now);
    }

    private static BigDecimal cents(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }

    /** Six decimals: what the API shows, and what survives a round trip through the database unchanged. */
    private static double round(double value) {
        return Math.round(value * 1_000_000) / 1_000_000.0;
    }
}
