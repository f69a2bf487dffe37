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
    static final String CREATE_REPORT = "createReport";
    static final String GET_REPORT = "getReport";
    static final String GET_REPORT_DOCUMENT = "getReportDocument";
    static final String GET_INVENTORY_SUMMARIES = "getInventorySummaries";

    static final Map<String, AmazonSimSettings.Limit> DEFAULTS = Map.ofEntries(
            Map.entry(GET_LISTINGS_ITEM, new AmazonSimSettings.Limit(5, 10)),
            Map.entry(PATCH_LISTINGS_ITEM, new AmazonSimSettings.Limit(5, 5)),
            Map.entry(CREATE_FEED_DOCUMENT, new AmazonSimSettings.Limit(0.5, 15)),
            Map.entry(CREATE_FEED, new AmazonSimSettings.Limit(0.0083, 15)),
            Map.entry(GET_FEED, new AmazonSimSettings.Limit(2, 15)),
            Map.entry(GET_FEED_DOCUMENT, new AmazonSimSettings.Limit(0.0222, 10)),
            Map.entry(JSON_LISTINGS_FEED, new AmazonSimSettings.Limit(5.0 / 300, 5)),
            Map.entry(SEARCH_ORDERS, new AmazonSimSettings.Limit(0.0056, 20)),
            Map.entry(GET_ORDER, new AmazonSimSettings.Limit(0.5, 30)),
            // Reports API 2021-06-30 (reports_2021-06-30.json) and FBA Inventory v1 (fbaInventory.json) usage plans.
            Map.entry(CREATE_REPORT, new AmazonSimSettings.Limit(0.0167, 15)),
            Map.entry(GET_REPORT, new AmazonSimSettings.Limit(2, 15)),
            Map.entry(GET_REPORT_DOCUMENT, new AmazonSimSettings.Limit(0.0167, 15)),
            Map.entry(GET_INVENTORY_SUMMARIES, new AmazonSimSettings.Limit(2, 2)));

    private SimLimits() {}
}
