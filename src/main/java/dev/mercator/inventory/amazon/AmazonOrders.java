package dev.mercator.inventory.amazon;

import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Orders API v2026-01-01 {@code searchOrders}: merchant-fulfilled orders updated since a watermark, each with its
 * items (the model makes {@code orderItems} part of every order, so no call per order). The status lives in the
 * {@code FULFILLMENT} dataset, which is therefore asked for; nothing else is, because nothing else is needed and
 * buyer and recipient data would be personal data Mercator has no use for.
 */
@Component
class AmazonOrders {

    static final String SEARCH = "/orders/2026-01-01/orders";

    private final SpApi api;

    AmazonOrders(SpApi api) {
        this.api = api;
    }

    /** An order as the poller needs it. */
    record Order(String orderId, String status, Instant lastUpdated, List<Item> items) {

        boolean canceled() {
            return status.equals("CANCELLED");
        }
    }

    record Item(String orderItemId, @Nullable String sellerSku, String asin, int quantityOrdered) {}

    /**
     * @param orders every order of every page
     * @param lastUpdatedBefore the end of the window Amazon listed, the next poll's start; null if Amazon gave none
     */
    record Updated(List<Order> orders, @Nullable Instant lastUpdatedBefore) {}

    Updated updatedSince(AmazonAccount account, Instant after, Instant deadline) {
        List<Order> orders = new ArrayList<>();
        Instant before = null;
        String nextToken = null;
        do {
            // Every page repeats the first page's filters: Amazon honours a paginationToken only with them.
            String path = SEARCH + "?marketplaceIds={marketplaces}&lastUpdatedAfter={after}&fulfilledBy=MERCHANT"
                    + "&includedData=FULFILLMENT&maxResultsPerPage=100"
                    + (nextToken == null ? "" : "&paginationToken={next}");
            Object[] variables = nextToken == null
                    ? new Object[] {String.join(",", account.marketplaceIds()), iso(after)}
                    : new Object[] {String.join(",", account.marketplaceIds()), iso(after), nextToken};
            JsonNode page = api.call(
                            account, SpApi.Operation.SEARCH_ORDERS, deadline, HttpMethod.GET, path, null, variables)
                    .body();
            for (JsonNode order : page.path("orders")) {
                String status = AmazonHttp.text(order.path("fulfillment").path("fulfillmentStatus"));
                if (status.isBlank()) {
                    // Without its status a cancelled order would pass for a sale: fail the poll, keep the watermark.
                    throw AmazonFailure.transientFailure(
                            "searchOrders answered an order without fulfillmentStatus", true);
                }
                orders.add(new Order(
                        order.path("orderId").asString(""),
                        status,
                        Instant.parse(order.path("lastUpdatedTime").asString(iso(after))),
                        items(order.path("orderItems"))));
            }
            if (before == null && page.hasNonNull("lastUpdatedBefore")) {
                before = Instant.parse(page.path("lastUpdatedBefore").asString(""));
            }
            String next = AmazonHttp.text(page.path("pagination").path("nextToken"));
            nextToken = next.isBlank() ? null : next;
        } while (nextToken != null);
        return new Updated(orders, before);
    }

    private static List<Item> items(JsonNode orderItems) {
        List<Item> items = new ArrayList<>();
        for (JsonNode item : orderItems) {
            String sellerSku = AmazonHttp.text(item.path("product").path("sellerSku"));
            items.add(new Item(
                    item.path("orderItemId").asString(""),
                    sellerSku.isBlank() ? null : sellerSku,
                    item.path("product").path("asin").asString(""),
                    item.path("quantityOrdered").asInt(0)));
        }
        return items;
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
