package dev.mercator.dealscout.pricing;

import dev.mercator.catalog.identity.ProductIdentity;
import dev.mercator.dealscout.recognition.ItemRecognition;
import dev.mercator.dealscout.recognition.ItemRecognition.RecognizedItem;
import dev.mercator.dealscout.valuation.DealValuation;
import dev.mercator.dealscout.valuation.ItemFacts;
import dev.mercator.dealscout.valuation.MarketValue;
import dev.mercator.dealscout.valuation.PoolKey;
import dev.mercator.dealscout.valuation.PoolKeys;
import dev.mercator.dealscout.valuation.PoolValuation;
import dev.mercator.dealscout.valuation.Proceeds;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.platform.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Identifies an item and prices it: the merchant's facts first, then what the GTIN lookup on the marketplaces found
 * ({@link GtinLookup}: title, brand, model, eBay category), the recognition provider's proposal (when one is installed
 * and enabled) only for what is still missing, then the valuation of its comparable pool. Never
 * invents: no product, no category, no condition or no valuation is a {@link Outcome.NeedsInput} with the reason.
 */
@Component
class Appraiser {

    private final DealValuation valuation;
    private final ObjectProvider<ItemRecognition> recognition;
    private final ObjectStore store;
    private final SurvivalEvidence survival;
    private final GtinLookup lookup;
    private final PricingSettings settings;
    private final Clock clock;

    Appraiser(
            DealValuation valuation,
            ObjectProvider<ItemRecognition> recognition,
            ObjectStore store,
            SurvivalEvidence survival,
            GtinLookup lookup,
            PricingSettings settings,
            Clock clock) {
        this.valuation = valuation;
        this.recognition = recognition;
        this.store = store;
        this.survival = survival;
        this.lookup = lookup;
        this.settings = settings;
        this.clock = clock;
    }

    sealed interface Outcome {
        @Nullable
        RecognizedItem proposal();

        record Priced(Appraisal appraisal, @Nullable RecognizedItem proposal) implements Outcome {}

        record NeedsInput(String reason, @Nullable RecognizedItem proposal) implements Outcome {}
    }

    /** What identification found: the facts, or why there are none. */
    sealed interface Identification {}

    /**
     * The facts the item is identified by, with whether the provider's proposal supplied any of them and what the GTIN
     * lookup found.
     */
    record Identified(ItemFacts facts, boolean proposed, GtinLookup.@Nullable Result lookup)
            implements Identification {}

    /** Why the item could not be identified, for the merchant. */
    record Unidentified(String reason) implements Identification {}

    /** Runs recognition when the merchant left a gap that it could fill; null when it is off or not needed. */
    @Nullable
    RecognizedItem propose(PricingItem item, List<PricingItem.Photo> photos) {
        PricingItem.Inputs in = item.inputs();
        boolean gap = in.conditionId() == null || (in.title() == null && in.gtin() == null);
        ItemRecognition provider = recognition.getIfAvailable();
        if (!gap || provider == null || !provider.enabled()) {
            return null;
        }
        List<ItemRecognition.Photo> stored = new ArrayList<>();
        for (PricingItem.Photo photo : photos) {
            store.get(photo.objectKey())
                    .ifPresent(object -> stored.add(new ItemRecognition.Photo(photo.mediaType(), object.bytes())));
        }
        String hint = in.title() != null ? in.title() : in.description();
        return provider.recognize(stored, hint).orElse(null);
    }

    /**
     * The GTIN the item would be identified by (the merchant's, else the proposal's when the merchant gave no title
     * either), looked up on the marketplaces; null when there is none or it is not a valid GTIN.
     */
    GtinLookup.@Nullable Result lookUp(PricingItem item, @Nullable RecognizedItem proposal) {
        PricingItem.Inputs in = item.inputs();
        String gtin = in.gtin();
        if (gtin == null && in.title() == null && proposal != null) {
            gtin = ProductIdentity.gtin(proposal.gtin()).orElse(null);
        }
        return gtin == null ? null : lookup.find(item.merchant(), gtin);
    }

    /**
     * Step two: the facts, merchant's first, then the GTIN lookup's, then the proposal's; or the reason they are not
     * enough.
     */
    Identification identify(PricingItem item, @Nullable RecognizedItem proposal, GtinLookup.@Nullable Result found) {
        PricingItem.Inputs in = item.inputs();
        boolean proposed = false;
        String title = in.title();
        String gtin = in.gtin();
        String brand = null;
        String model = null;
        Integer condition = in.conditionId();
        if (proposal != null) {
            if (title == null && gtin == null) {
                title = proposal.title();
                gtin = proposal.gtin();
                brand = proposal.brand();
                model = proposal.model();
                proposed = true;
            }
            if (condition == null && proposal.conditionId() != null) {
                try {
                    condition = Integer.valueOf(proposal.conditionId());
                    proposed = true;
                } catch (NumberFormatException e) {
                    // An unusable proposed condition is no condition: the merchant is asked.
                }
            }
        }
        String category = in.categoryId();
        if (found != null && found.found()) {
            // The marketplace's record of the GTIN is better evidence than a guess from photos; never over the
            // merchant.
            title = in.title() != null ? in.title() : found.title() != null ? found.title() : title;
            brand = found.brand() != null ? found.brand() : brand;
            model = found.model() != null ? found.model() : model;
            category = category != null ? category : found.categoryId();
        }
        if (title == null && in.description() != null && gtin == null) {
            title = in.description();
        }
        if (title == null && gtin == null) {
            return new Unidentified("Nothing identifies the product: give a title, a GTIN or a model (PATCH the item)");
        }
        if (category == null) {
            return new Unidentified("The eBay category is needed to find comparable listings (PATCH categoryId)"
                    + (found == null ? "" : "; GTIN lookup: " + found.note()));
        }
        if (condition == null) {
            return new Unidentified("The eBay condition id is needed to price the item (PATCH conditionId)");
        }
        ItemFacts facts =
                new ItemFacts(category, gtin, brand, model, title == null ? "" : title, condition, item.currency());
        try {
            if (PoolKeys.chain(facts).isEmpty()) {
                return new Unidentified(
                        "Nothing in the title identifies the product: give a GTIN or a more specific title");
            }
        } catch (IllegalArgumentException e) {
            return new Unidentified(
                    "The proposed condition is not an eBay condition id: confirm the condition (PATCH conditionId)");
        }
        return new Identified(facts, proposed, found);
    }

    /** Step three: the price, or the reason there is none. */
    Outcome price(Identified identified, @Nullable RecognizedItem proposal) {
        PoolValuation value = valuation.value(identified.facts());
        if (value == null) {
            return new Outcome.NeedsInput("Nothing identifies the product: give a GTIN or a title", proposal);
        }
        if (value instanceof PoolValuation.None none) {
            return new Outcome.NeedsInput(
                    "Too few comparable listings to price it (" + none.comps() + " comps, effective sample "
                            + Math.round(none.effectiveN() * 10) / 10.0
                            + "): check the title, GTIN and condition, or wait for more comps",
                    proposal);
        }
        MarketValue market = (MarketValue) value;
        List<SurvivalEvidence.Sale> sales = survival.of(market.compIds());
        SurvivalEvidence.Ladder ladder = SurvivalEvidence.ladder(
                sales,
                market.low(),
                market.median(),
                market.high(),
                settings.quickSaleHorizon(),
                settings.patientHorizon());
        List<Appraisal.Price> prices = List.of(
                price("quick_sale", ladder.quickSale(), sales),
                price("market", ladder.market(), sales),
                price("patient", ladder.patient(), sales));
        List<Appraisal.Proceeds> proceeds = new ArrayList<>();
        for (Marketplace marketplace : Marketplace.values()) {
            Proceeds kept = valuation.proceeds(marketplace, ladder.market().price(), settings.outboundShipping());
            proceeds.add(new Appraisal.Proceeds(
                    marketplace.id(), kept.salePrice(), kept.fees(), kept.outboundShipping(), kept.net()));
        }
        PoolKey pool = market.key();
        Appraisal appraisal = new Appraisal(
                identified.proposed() ? "proposed, confirm" : "merchant",
                pool.product().kind().name().toLowerCase(Locale.ROOT),
                pool.product().value(),
                identified.lookup(),
                new Appraisal.Valuation(
                        market.method().name().toLowerCase(Locale.ROOT),
                        pool.toString(),
                        market.borrowedFrom() == null
                                ? null
                                : market.borrowedFrom().toString(),
                        market.n(),
                        Math.round(market.effectiveN() * 100) / 100.0,
                        market.thin(),
                        cents(market.median()),
                        cents(market.low()),
                        cents(market.high()),
                        market.coverage(),
                        market.oldest(),
                        market.newest(),
                        identified.facts().currency()),
                prices,
                proceeds,
                clock.instant());
        return new Outcome.Priced(appraisal, proposal);
    }

    private static Appraisal.Price price(String kind, SurvivalEvidence.Rung rung, List<SurvivalEvidence.Sale> sales) {
        double price = rung.price();
        Double days = SurvivalEvidence.expectedDays(sales, price);
        Duration horizon = rung.horizon();
        return new Appraisal.Price(
                kind,
                cents(price),
                rung.basis(),
                rung.n(),
                horizon == null ? null : Math.round(horizon.toMinutes() / 144.0) / 10.0,
                days,
                days == null ? "unknown" : days + " days",
                SurvivalEvidence.countAtOrBelow(sales, price));
    }

    private static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
