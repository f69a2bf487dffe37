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

/** Orders API v0: merchant-fulfilled orders updated since a watermark, and their items. */
@Component
class AmazonOrders {

    private final SpApi api;

    AmazonOrders(SpApi api) {
        this.api = api;
    }

    /** An order as the poller needs it. */
    record Order(String orderId, String status, Instant lastUpdated) {

        boolean canceled() {
            return status.equals("Canceled");
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
            String path = "/orders/v0/orders?MarketplaceIds={marketplaces}&LastUpdatedAfter={after}"
                    + "&FulfillmentChannels=MFN&MaxResultsPerPage=100"
                    + (nextToken == null ? "" : "&NextToken={next}");
            Object[] variables = nextToken == null
                    ? new Object[] {String.join(",", account.marketplaceIds()), iso(after)}
                    : new Object[] {String.join(",", account.marketplaceIds()), iso(after), nextToken};
            JsonNode payload = api.call(
                            account, SpApi.Operation.GET_ORDERS, deadline, HttpMethod.GET, path, null, variables)
                    .body()
                    .path("payload");
            for (JsonNode order : payload.path("Orders")) {
                orders.add(new Order(
                        order.path("AmazonOrderId").asString(""),
                        order.path("OrderStatus").asString(""),
                        Instant.parse(order.path("LastUpdateDate").asString(iso(after)))));
            }
            if (before == null && payload.hasNonNull("LastUpdatedBefore")) {
                before = Instant.parse(payload.path("LastUpdatedBefore").asString(""));
            }
            String next = AmazonHttp.text(payload.path("NextToken"));
            nextToken = next.isBlank() ? null : next;
        } while (nextToken != null);
        return new Updated(orders, before);
    }

    List<Item> items(AmazonAccount account, String orderId, Instant deadline) {
        List<Item> items = new ArrayList<>();
        String nextToken = null;
        do {
            String path = "/orders/v0/orders/{orderId}/orderItems" + (nextToken == null ? "" : "?NextToken={next}");
            Object[] variables = nextToken == null ? new Object[] {orderId} : new Object[] {orderId, nextToken};
            JsonNode payload = api.call(
                            account, SpApi.Operation.GET_ORDER_ITEMS, deadline, HttpMethod.GET, path, null, variables)
                    .body()
                    .path("payload");
            for (JsonNode item : payload.path("OrderItems")) {
                String sellerSku = AmazonHttp.text(item.path("SellerSKU"));
                items.add(new Item(
                        item.path("OrderItemId").asString(""),
                        sellerSku.isBlank() ? null : sellerSku,
                        item.path("ASIN").asString(""),
                        item.path("QuantityOrdered").asInt(0)));
            }
            String next = AmazonHttp.text(payload.path("NextToken"));
            nextToken = next.isBlank() ? null : next;
        } while (nextToken != null);
        return items;
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
