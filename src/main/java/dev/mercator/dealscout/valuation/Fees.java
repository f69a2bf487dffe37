package dev.mercator.dealscout.valuation;

import dev.mercator.marketplaces.Marketplace;

/** Marketplace selling fees from {@link FeeSettings}, and the net margin they leave a reseller. */
final class Fees {

    private final FeeSettings settings;

    Fees(FeeSettings settings) {
        this.settings = settings;
    }

    /** The fee a marketplace takes when an item sells for {@code total} (price plus shipping charged). */
    double on(Marketplace marketplace, double total) {
        return switch (marketplace) {
            case EBAY ->
                total * settings.ebayPercent() / 100
                        + (total <= settings.ebaySmallOrderLimit()
                                ? settings.ebaySmallOrderPerOrder()
                                : settings.ebayPerOrder());
            case AMAZON ->
                Math.max(settings.amazonMinimum(), total * settings.amazonPercent() / 100) + settings.amazonPerItem();
            case ALIEXPRESS -> total * settings.aliexpressPercent() / 100;
        };
    }

    NetMargin margin(Marketplace sellOn, double purchaseTotal, double salePrice, double outboundShipping) {
        if (!(purchaseTotal > 0) || !(salePrice > 0) || !(outboundShipping >= 0)) {
            throw new IllegalArgumentException("prices must be positive and shipping not negative");
        }
        double fees = cents(on(sellOn, salePrice));
        double net = cents(salePrice - fees - outboundShipping - purchaseTotal);
        return new NetMargin(
                sellOn,
                cents(salePrice),
                fees,
                cents(outboundShipping),
                cents(purchaseTotal),
                net,
                Math.round(net / purchaseTotal * 10_000) / 10_000.0);
    }

    Proceeds proceeds(Marketplace sellOn, double salePrice, double outboundShipping) {
        if (!(salePrice > 0) || !(outboundShipping >= 0) || !Double.isFinite(salePrice + outboundShipping)) {
            throw new IllegalArgumentException("the sale price must be positive and shipping not negative");
        }
        double fees = cents(on(sellOn, salePrice));
        return new Proceeds(
                sellOn, cents(salePrice), fees, cents(outboundShipping), cents(salePrice - fees - outboundShipping));
    }

    private static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
