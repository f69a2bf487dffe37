package dev.mercator.dealscout.valuation;

import org.jspecify.annotations.Nullable;

/**
 * What a listing says about the item it sells, as far as comparable pools care: where it is listed, what product it
 * is, its condition and the currency of its price. The same facts key a listing's own valuation and the comps it adds.
 *
 * @param category the marketplace category id
 * @param gtin a GTIN in any form the marketplace gave (checked and normalised; an invalid one is ignored)
 * @param brand the brand item specific, if any
 * @param model the model or MPN item specific, if any
 * @param title the listing's title
 * @param conditionId eBay's numeric condition id
 * @param currency ISO 4217 code of the price
 */
public record ItemFacts(
        String category,
        @Nullable String gtin,
        @Nullable String brand,
        @Nullable String model,
        String title,
        int conditionId,
        String currency) {}
