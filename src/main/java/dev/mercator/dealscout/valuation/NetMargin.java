package dev.mercator.dealscout.valuation;

import dev.mercator.marketplaces.Marketplace;

/**
 * What a reseller keeps from buying a listing and selling it again, in the listing's currency, rounded to cents.
 *
 * @param sellOn the marketplace it is sold on
 * @param salePrice the total the next buyer pays (price plus the shipping they are charged)
 * @param fees the marketplace's fees on that total
 * @param outboundShipping what the reseller pays to ship it on
 * @param purchaseTotal what the reseller pays for the listing, shipping included
 * @param net sale price − fees − outbound shipping − purchase total
 * @param marginOnCost net / purchase total
 */
public record NetMargin(
        Marketplace sellOn,
        double salePrice,
        double fees,
        double outboundShipping,
        double purchaseTotal,
        double net,
        double marginOnCost) {}
