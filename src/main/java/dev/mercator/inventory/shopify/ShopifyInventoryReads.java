package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Mercator reads from Shopify to tell what a level means: items' {@code available} with its {@code updatedAt},
 * several per request under aliases, and the orders that touch a SKU since a moment ({@code orders(query:)} with
 * {@code sku:} and {@code updated_at:}), with their lines and refund lines, so that an order whose webhook has not
 * arrived is found by asking rather than by waiting.
 */
@Component
class ShopifyInventoryReads {

    /** Items per level request: about three points each, far below Shopify's 1,000-point ceiling per query. */
    static final int LEVELS_PER_REQUEST = 50;
    /**
     * Orders per page. A page asks for up to 10 lines and 5 refunds of 10 lines per order (128 points an order), so
     * seven stay under the 1,000-point ceiling; an order with more is reported as truncated, never silently cut.
     */
    static final int ORDERS_PER_PAGE = 7;

    /** What a page of orders costs by Shopify's rules: 2 + 7 × (1 + (2 + 10) + 5 × (1 + 2 + 10 × 2)). */
    static final int ORDERS_PAGE_COST = 2 + ORDERS_PER_PAGE * (1 + 12 + 5 * 23);

    /** How long reading an order list may wait for Shopify's bucket: a page costs nine seconds of a Standard shop's. */
    static final java.time.Duration ORDERS_MAX_WAIT = java.time.Duration.ofSeconds(15);

    static final int MAX_ORDER_PAGES = 25;

    private static final String ORDERS_QUERY = """
            query MercatorOrders($query: String!, $after: String) {
              orders(first: %d, after: $after, query: $query, sortKey: UPDATED_AT) {
                pageInfo { hasNextPage endCursor }
                nodes {
                  id name createdAt
                  lineItems(first: 10) { pageInfo { hasNextPage } nodes { id sku quantity } }
                  refunds(first: 5) {
                    id createdAt
                    refundLineItems(first: 10) {
                      pageInfo { hasNextPage }
                      nodes { id quantity restockType lineItem { id sku } }
                    }
                  }
                }
              }
            }""".formatted(ORDERS_PER_PAGE);

    sealed interface Read permits Level, Missing, Unreadable {}

    /** Shopify's available quantity and when it last changed ({@code InventoryQuantity.updatedAt}, when given). */
    record Level(int available, @Nullable Instant updatedAt) implements Read {}

    record Missing(String reason) implements Read {}

    record Unreadable(ShopifyAdminApi.Failure failure) implements Read {}

    /** One item at one location. */
    record ItemAt(String item, String location) {}

    sealed interface OrderList permits Orders, OrdersUnreadable {}

    /** Every order that touched the SKU in the window, as Shopify's GraphQL nodes. */
    record Orders(List<JsonNode> nodes) implements OrderList {}

    record OrdersUnreadable(String reason) implements OrderList {}

    private final ShopifyAdminApi api;

    ShopifyInventoryReads(ShopifyAdminApi api) {
        this.api = api;
    }

    Read level(ChannelAccounts.ShopifyAccount account, String item, String location) {
        Read read = levels(account, List.of(new ItemAt(item, location))).get(new ItemAt(item, location));
        return read != null ? read : new Missing("Shopify did not answer for item " + item);
    }

    /** The levels of several items, one request per {@value #LEVELS_PER_REQUEST}. */
    Map<ItemAt, Read> levels(ChannelAccounts.ShopifyAccount account, List<ItemAt> items) {
        Map<ItemAt, Read> reads = new LinkedHashMap<>();
        for (int from = 0; from < items.size(); from += LEVELS_PER_REQUEST) {
            List<ItemAt> batch = items.subList(from, Math.min(items.size(), from + LEVELS_PER_REQUEST));
            reads.putAll(levelBatch(account, batch));
        }
        return reads;
    }

    private Map<ItemAt, Read> levelBatch(ChannelAccounts.ShopifyAccount account, List<ItemAt> batch) {
        StringBuilder parameters = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        ObjectNode variables = api.json().createObjectNode();
        for (int i = 0; i < batch.size(); i++) {
            parameters.append(i == 0 ? "" : ", ").append("$i%d: ID!, $l%d: ID!".formatted(i, i));
            fields.append("  i%d: inventoryItem(id: $i%d) { inventoryLevel(locationId: $l%d) {".formatted(i, i, i))
                    .append(" quantities(names: [\"available\"]) { name quantity updatedAt } } }\n");
            variables.put("i" + i, "gid://shopify/InventoryItem/" + batch.get(i).item());
            variables.put("l" + i, "gid://shopify/Location/" + batch.get(i).location());
        }
        String document = "query MercatorLevels(" + parameters + ") {\n" + fields + "}";
        ShopifyAdminApi.Answer answer = api.call(account, document, variables, 3 * batch.size());
        Map<ItemAt, Read> reads = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            ItemAt at = batch.get(i);
            reads.put(
                    at,
                    switch (answer) {
                        case ShopifyAdminApi.Failure failure -> new Unreadable(failure);
                        case ShopifyAdminApi.Data data -> level(data.data().path("i" + i), at);
                    });
        }
        return reads;
    }

    private static Read level(JsonNode inventoryItem, ItemAt at) {
        if (!inventoryItem.isObject()) {
            return new Missing("Shopify has no inventory item " + at.item());
        }
        JsonNode level = inventoryItem.path("inventoryLevel");
        if (!level.isObject()) {
            return new Missing("Shopify inventory item " + at.item() + " is not stocked at location " + at.location());
        }
        for (JsonNode quantity : level.path("quantities")) {
            if ("available".equals(quantity.path("name").asString(""))
                    && quantity.path("quantity").isIntegralNumber()) {
                return new Level(quantity.path("quantity").asInt(), instant(quantity.path("updatedAt")));
            }
        }
        return new Unreadable(
                ShopifyAdminApi.Failure.transientFailure("Shopify answered without an available quantity", false));
    }

    /**
     * Every order that touched {@code sku} since {@code since} (Shopify's {@code updated_at} moves with every order
     * event: creation, cancellation, refund), all pages. A list that could not be read whole is unreadable: a verdict
     * on part of the orders could take a missing order for an edit.
     */
    OrderList ordersTouching(ChannelAccounts.ShopifyAccount account, String sku, Instant since) {
        String query = "sku:'" + searchEscaped(sku) + "' updated_at:>='" + since.truncatedTo(ChronoUnit.SECONDS) + "'";
        List<JsonNode> nodes = new ArrayList<>();
        @Nullable String after = null;
        for (int page = 0; page < MAX_ORDER_PAGES; page++) {
            ObjectNode variables = api.json().createObjectNode();
            variables.put("query", query);
            if (after == null) {
                variables.putNull("after");
            } else {
                variables.put("after", after);
            }
            ShopifyAdminApi.Answer answer =
                    api.call(account, ORDERS_QUERY, variables, ORDERS_PAGE_COST, ORDERS_MAX_WAIT);
            if (answer instanceof ShopifyAdminApi.Failure failure) {
                return new OrdersUnreadable(failure.reason());
            }
            JsonNode orders = ((ShopifyAdminApi.Data) answer).data().path("orders");
            if (!orders.isObject()) {
                return new OrdersUnreadable("Shopify answered without orders");
            }
            for (JsonNode order : orders.path("nodes")) {
                if (truncated(order)) {
                    return new OrdersUnreadable("Shopify order "
                            + order.path("name").asString("?") + " has more lines or refunds than one page holds");
                }
                nodes.add(order);
            }
            JsonNode pageInfo = orders.path("pageInfo");
            if (!pageInfo.path("hasNextPage").asBoolean(false)) {
                return new Orders(nodes);
            }
            after = pageInfo.path("endCursor").asString(null);
            if (after == null) {
                return new OrdersUnreadable("Shopify said there are more orders but gave no cursor");
            }
        }
        return new OrdersUnreadable("more than " + MAX_ORDER_PAGES * ORDERS_PER_PAGE + " orders touched " + sku);
    }

    private static boolean truncated(JsonNode order) {
        if (order.path("lineItems").path("pageInfo").path("hasNextPage").asBoolean(false)
                || order.path("refunds").size() >= 5) {
            return true;
        }
        for (JsonNode refund : order.path("refunds")) {
            if (refund.path("refundLineItems")
                    .path("pageInfo")
                    .path("hasNextPage")
                    .asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    /** Shopify's search syntax: a quoted value escapes its quotes and backslashes. */
    static String searchEscaped(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    static @Nullable Instant instant(JsonNode value) {
        String text = value.asString(null);
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
