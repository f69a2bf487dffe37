package dev.mercator.sandbox.amazon;

import java.util.Map;

/**
 * Amazon's per seller-app token buckets (rate per second, burst) for the operations the simulator serves, as each
 * operation's "Usage Plan" table in Amazon's published model states them (docs/providers/amazon-sp-api.md names the
 * model files and commits). {@code jsonListingsFeed} is the extra JSON_LISTINGS_FEED limit of 5 submissions per 5
 * minutes, from the Feeds API's feed-type limits page: it is in no model.
 */
final class SimLimits {

    static final String GET_LISTINGS_ITEM = "getListingsItem";
    static final String PATCH_LISTINGS_ITEM = "patchListingsItem";
    static final String CREATE_FEED_DOCUMENT = "createFeedDocument";
    static final String CREATE_FEED = "createFeed";
    static final String GET_FEED = "getFeed";
    static final String GET_FEED_DOCUMENT = "getFeedDocument";
    static final String JSON_LISTINGS_FEED = "jsonListingsFeed";
    static final String SEARCH_ORDERS = "searchOrders";
    static final String GET_ORDER = "getOrder";

    static final Map<String, AmazonSimSettings.Limit> DEFAULTS = Map.of(
            GET_LISTINGS_ITEM, new AmazonSimSettings.Limit(5, 10),
            PATCH_LISTINGS_ITEM, new AmazonSimSettings.Limit(5, 5),
            CREATE_FEED_DOCUMENT, new AmazonSimSettings.Limit(0.5, 15),
            CREATE_FEED, new AmazonSimSettings.Limit(0.0083, 15),
            GET_FEED, new AmazonSimSettings.Limit(2, 15),
            GET_FEED_DOCUMENT, new AmazonSimSettings.Limit(0.0222, 10),
            JSON_LISTINGS_FEED, new AmazonSimSettings.Limit(5.0 / 300, 5),
            SEARCH_ORDERS, new AmazonSimSettings.Limit(0.0056, 20),
            GET_ORDER, new AmazonSimSettings.Limit(0.5, 30));

    private SimLimits() {}
}
