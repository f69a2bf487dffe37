package dev.mercator.sandbox.ebay;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The living eBay market's defaults: the shape a market gets when {@code _sim} creates one without saying otherwise,
 * and the accounts that have one from start-up. Accounts without a market keep the fixed catalogue.
 *
 * @param accounts eBay app ids (OAuth client ids) that get a market at start-up
 * @param seed seeds every market's dice unless its creation names another seed
 * @param products how many generated products a market has
 * @param listingsPerProductPerDay new listings per product and simulated day
 * @param priceSpread the log-normal sigma of asking prices around the true value
 * @param vanishPerDay the share of fairly priced listings that vanish (sell) per simulated day
 * @param cutPerDay the share of listings whose price is cut per simulated day
 * @param auctionShare the share of new listings that are auctions
 * @param dealShare the share of new listings that are planted deals
 * @param scamShare the share of new listings that are planted scams
 */
@ConfigurationProperties("mercator.sandbox.ebay.market")
@ConditionalOnSandbox
record MarketSettings(
        @DefaultValue List<String> accounts,
        @DefaultValue("20261204") long seed,
        @DefaultValue("12") int products,
        @DefaultValue("6") double listingsPerProductPerDay,
        @DefaultValue("0.12") double priceSpread,
        @DefaultValue("0.15") double vanishPerDay,
        @DefaultValue("0.1") double cutPerDay,
        @DefaultValue("0.2") double auctionShare,
        @DefaultValue("0.03") double dealShare,
        @DefaultValue("0.02") double scamShare) {

    MarketSettings {
        accounts = List.copyOf(accounts);
    }

    /** The default shape with these settings. */
    MarketShape shape() {
        return new MarketShape(
                seed,
                products,
                List.of(),
                listingsPerProductPerDay,
                priceSpread,
                vanishPerDay,
                cutPerDay,
                auctionShare,
                dealShare,
                scamShare);
    }
}
