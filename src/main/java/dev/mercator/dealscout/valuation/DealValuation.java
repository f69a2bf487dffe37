package dev.mercator.dealscout.valuation;

import dev.mercator.marketplaces.Marketplace;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Deal Scout's valuation, for the rest of the module: record comps as observations arrive, value a listing against
 * its comparable pool (borrowing from a coarser one when thin), score it, and work out a reseller's net margin or a seller's proceeds.
 */
@Component
public class DealValuation {

    private final ValuationSettings settings;
    private final MarketValues values;
    private final DealScorer scorer;
    private final Fees fees;

    public DealValuation(ValuationSettings settings, FeeSettings feeSettings, Clock clock) {
        if (settings.thinBelow() < settings.minEffectiveSample()) {
            throw new IllegalArgumentException(
                    "mercator.dealscout.valuation.thin-below must be at least min-effective-sample");
        }
        this.settings = settings;
        this.values = new MarketValues(settings, clock);
        this.scorer = new DealScorer(settings);
        this.fees = new Fees(feeSettings);
    }

    /** Adds or replaces a comp (one per observation id) in its item's pools. */
    public void record(ItemFacts item, Comp comp) {
        values.record(item, comp);
    }

    /** Removes a comp from every pool. */
    public void forget(String compId) {
        values.forget(compId);
    }

    /**
     * The item's valuation (null when nothing identifies the product).
     *
     * @throws IllegalArgumentException for a condition id eBay does not define
     */
    public @Nullable PoolValuation value(ItemFacts item) {
        List<PoolKey> chain = PoolKeys.chain(item);
        return chain.isEmpty() ? null : values.appraise(chain);
    }

    /**
     * Scores a listing against its market value.
     *
     * @param minDiscount the watch's threshold (0.15 = 15 % below market value), or null for the configured default
     * @throws IllegalArgumentException for a condition id eBay does not define, or a price that is not positive: bad
     *     input, for the caller to answer with a 4xx problem
     */
    public ListingScore score(
            String listingId,
            ItemFacts item,
            double totalPrice,
            @Nullable Double minDiscount,
            @Nullable SellerSignals seller) {
        return score(listingId, PoolKeys.chain(item), totalPrice, minDiscount, seller);
    }

    /** The same, with the item's key chain already derived ({@link PoolKeys#chain}), for callers scoring in bulk. */
    public ListingScore score(
            String listingId,
            List<PoolKey> chain,
            double totalPrice,
            @Nullable Double minDiscount,
            @Nullable SellerSignals seller) {
        PoolValuation valuation = chain.isEmpty() ? null : values.appraise(chain);
        return scorer.score(
                listingId,
                totalPrice,
                valuation,
                minDiscount == null ? settings.defaultMinDiscount() : minDiscount,
                seller);
    }

    /**
     * What a reseller keeps from buying at {@code purchaseTotal} and selling on {@code sellOn} at {@code salePrice}
     * (typically the market value's median) after the marketplace's fees and the outbound shipping.
     */
    public NetMargin netMargin(Marketplace sellOn, double purchaseTotal, double salePrice, double outboundShipping) {
        return fees.margin(sellOn, purchaseTotal, salePrice, outboundShipping);
    }

    /**
     * What a seller keeps from selling an item it owns on {@code sellOn} at {@code salePrice}: the marketplace's fees
     * and the outbound shipping deducted, no purchase cost (see {@link Proceeds}).
     *
     * @throws IllegalArgumentException for a sale price that is not positive or a negative shipping cost
     */
    public Proceeds proceeds(Marketplace sellOn, double salePrice, double outboundShipping) {
        return fees.proceeds(sellOn, salePrice, outboundShipping);
    }
}
