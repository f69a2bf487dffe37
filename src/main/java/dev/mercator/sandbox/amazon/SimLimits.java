package dev.mercator.sandbox.amazon;

import java.util.Map;

/**
 * Amazon's per seller-app token buckets (rate per second, burst) for the operations the simulator serves, from the
 * SP-API rate-limit pages. getListingsItem uses the model's burst of 10 (the rate-limit page says 5; clients should
 * plan with 5). {@code jsonListingsFeed} is the extra JSON_LISTINGS_FEED limit of 5 submissions per 5 minutes.
 */
final class SimLimits {

    static final String GET_LISTINGS_ITEM = "getListingsItem";
    static final String PATCH_LISTINGS_ITEM = "patchListingsItem";
    static final String CREATE_FEED_DOCUMENT = "createFeedDocument";
    static final String CREATE_FEED = "createFeed";
    static final String GET_FEED = "getFeed";
    static final String GET_FEED_DOCUMENT = "getFeedDocument";
    static final String JSON_LISTINGS_FEED = "jsonListingsFeed";
    static final String GET_ORDERS = "getOrders";
    static final String GET_ORDER_ITEMS = "getOrderItems";

    static final Map<String, AmazonSimSettings.Limit> DEFAULTS = Map.of(
            GET_LISTINGS_ITEM, new AmazonSimSettings.Limit(5, 10),
            PATCH_LISTINGS_ITEM, new AmazonSimSettings.Limit(5, 5),
            CREATE_FEED_DOCUMENT, new AmazonSimSettings.Limit(0.5, 15),
            CREATE_FEED, new AmazonSimSettings.Limit(0.0083, 15),
            GET_FEED, new AmazonSimSettings.Limit(2, 15),
            GET_FEED_DOCUMENT, new AmazonSimSettings.Limit(0.0222, 10),
            JSON_LISTINGS_FEED, new AmazonSimSettings.Limit(5.0 / 300, 5),
            GET_ORDERS, new AmazonSimSettings.Limit(0.0167, 20),
            GET_ORDER_ITEMS, new AmazonSimSettings.Limit(0.5, 30));

    private SimLimits() {}
}
