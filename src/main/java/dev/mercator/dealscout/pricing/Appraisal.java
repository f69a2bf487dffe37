package dev.mercator.dealscout.pricing;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer for a priced item, as the API shows it.
 *
 * @param basis {@code merchant} when every fact used came from the merchant, {@code proposed, confirm} when the
 *     recognition provider's proposal filled a gap and the merchant has not confirmed it yet
 * @param identifiedBy how the product was identified ({@code gtin}, {@code model}, {@code title})
 * @param product the normalised product key the comps were pooled by
 * @param valuation the comps' market value and how it was reached
 * @param gtinLookup what looking the GTIN up on the marketplaces found (null when the item has no GTIN)
 * @param prices quick-sale, market and patient prices, each with its basis and the expected days to sell
 * @param netProceeds what the merchant keeps at the market price on each marketplace after its fees and the outbound
 *     shipping ({@code mercator.dealscout.pricing.outbound-shipping}); the purchase cost is not included: Mercator does
 *     not know it
 */
record Appraisal(
        String basis,
        String identifiedBy,
        String product,
        GtinLookup.@Nullable Result gtinLookup,
        Valuation valuation,
        List<Price> prices,
        List<Proceeds> netProceeds,
        Instant pricedAt) {

    record Valuation(
            String method,
            String pool,
            @Nullable String borrowedFrom,
            int n,
            double effectiveN,
            boolean thin,
            double median,
            double low,
            double high,
            double coverage,
            Instant oldest,
            Instant newest,
            String currency) {}

    /**
     * @param basis {@code survival evidence} (derived from comps that sold, see {@code SurvivalEvidence#ladder}) or
     *     {@code interval} (the valuation's confidence interval point, when too few comps sold)
     * @param basisN the sold comps the price was derived from (0 on the interval basis)
     * @param horizonDays the time-on-market bound of those comps in days; null for the market price and the interval
     * @param expectedDaysToSell the median days on the market of comparable listings that sold at or below this price,
     *     or null when the survival evidence is too thin ({@code daysToSell} then says {@code unknown})
     * @param evidence vanished comparable listings at or below this price
     */
    record Price(
            String kind,
            double price,
            String basis,
            int basisN,
            @Nullable Double horizonDays,
            @Nullable Double expectedDaysToSell,
            String daysToSell,
            long evidence) {}

    record Proceeds(String marketplace, double salePrice, double fees, double outboundShipping, double net) {}
}
