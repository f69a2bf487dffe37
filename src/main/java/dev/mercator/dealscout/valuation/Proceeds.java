package dev.mercator.dealscout.valuation;

import dev.mercator.marketplaces.Marketplace;

/**
 * What a seller keeps from selling an item it already owns, in the sale's currency, rounded to cents: the purchase cost
 * is not part of it (unlike {@link NetMargin}), since a merchant pricing its own stock may not know it.
 *
 * @param sellOn the marketplace it is sold on
 * @param salePrice the total the buyer pays (price plus the shipping they are charged)
 * @param fees the marketplace's fees on that total
 * @param outboundShipping what the seller pays to ship it
 * @param net sale price − fees − outbound shipping (negative when the fees and shipping exceed the price)
 */
public record Proceeds(Marketplace sellOn, double salePrice, double fees, double outboundShipping, double net) {}
