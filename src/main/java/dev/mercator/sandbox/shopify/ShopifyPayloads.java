package dev.mercator.sandbox.shopify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Webhook payloads in Shopify's REST shape: snake_case, numeric ids, timestamps in the shop's time zone with an
 * offset, the {@code admin_graphql_api_id} beside each id.
 */
final class ShopifyPayloads {

    /** The simulated shops keep New York time, so consumers meet offsets such as {@code -04:00}, as in production. */
    static final ZoneId SHOP_ZONE = ZoneId.of("America/New_York");

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final String PRICE = "10.00";

    private ShopifyPayloads() {}

    static String timestamp(Instant at) {
        return TIMESTAMP.format(at.atZone(SHOP_ZONE));
    }

    static Map<String, @Nullable Object> order(ShopOrders.Order order) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("id", order.id);
        json.put("admin_graphql_api_id", "gid://shopify/Order/" + order.id);
        json.put("name", order.name());
        json.put("order_number", order.number);
        json.put("created_at", timestamp(order.createdAt));
        json.put("updated_at", timestamp(order.updatedAt));
        json.put("cancelled_at", order.cancelledAt == null ? null : timestamp(order.cancelledAt));
        json.put("cancel_reason", order.cancelReason);
        json.put("financial_status", order.cancelledAt == null ? "paid" : "refunded");
        json.put("fulfillment_status", fulfillmentStatus(order));
        json.put("test", false);
        json.put("source_name", "web");
        json.put("currency", "USD");
        json.put("line_items", order.lines.stream().map(ShopifyPayloads::line).toList());
        json.put("refunds", order.refunds.stream().map(ShopifyPayloads::refund).toList());
        return json;
    }

    static Map<String, @Nullable Object> refund(ShopOrders.Refund refund) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("id", refund.id);
        json.put("order_id", refund.orderId);
        json.put("admin_graphql_api_id", "gid://shopify/Refund/" + refund.id);
        json.put("created_at", timestamp(refund.createdAt));
        json.put("processed_at", timestamp(refund.createdAt));
        json.put("note", refund.note);
        // Legacy flag; consumers should read restock_type per line.
        json.put("restock", refund.lines.stream().anyMatch(l -> !l.restockType().equals("no_restock")));
        List<Map<String, @Nullable Object>> lines = new ArrayList<>();
        for (ShopOrders.RefundLine line : refund.lines) {
            Map<String, @Nullable Object> item = new LinkedHashMap<>();
            item.put("id", line.id());
            item.put("line_item_id", line.line().id);
            item.put("quantity", line.quantity());
            item.put("restock_type", line.restockType());
            item.put("location_id", line.locationId());
            item.put("subtotal", 10.0 * line.quantity());
            item.put("total_tax", 0.0);
            item.put("line_item", line(line.line()));
            lines.add(item);
        }
        json.put("refund_line_items", lines);
        json.put("transactions", List.of());
        json.put("order_adjustments", List.of());
        json.put("return", null);
        return json;
    }

    static Map<String, @Nullable Object> level(long itemId, long locationId, int available, Instant at) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("inventory_item_id", itemId);
        json.put("location_id", locationId);
        json.put("available", available);
        json.put("updated_at", timestamp(at));
        json.put("admin_graphql_api_id", "gid://shopify/InventoryLevel/" + locationId + "?inventory_item_id=" + itemId);
        return json;
    }

    private static Map<String, @Nullable Object> line(ShopOrders.Line line) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("id", line.id);
        json.put("admin_graphql_api_id", "gid://shopify/LineItem/" + line.id);
        json.put("product_id", line.productId);
        json.put("variant_id", line.variantId);
        json.put("sku", line.sku);
        json.put("title", line.sku);
        json.put("name", line.sku);
        json.put("variant_title", null);
        json.put("quantity", line.quantity);
        json.put("current_quantity", line.currentQuantity());
        json.put("fulfillable_quantity", Math.max(0, line.unfulfilled()));
        json.put("fulfillment_service", "manual");
        json.put("fulfillment_status", fulfillmentStatus(line));
        json.put("requires_shipping", true);
        json.put("gift_card", false);
        json.put("variant_inventory_management", "shopify");
        json.put("price", PRICE);
        return json;
    }

    private static @Nullable String fulfillmentStatus(ShopOrders.Line line) {
        if (line.fulfilled == 0) {
            return null;
        }
        return line.fulfilled >= line.quantity - line.cancelled ? "fulfilled" : "partial";
    }

    private static @Nullable String fulfillmentStatus(ShopOrders.Order order) {
        int fulfilled = order.lines.stream().mapToInt(l -> l.fulfilled).sum();
        if (fulfilled == 0) {
            return null;
        }
        boolean all = order.lines.stream().allMatch(l -> l.unfulfilled() == 0);
        return all ? "fulfilled" : "partial";
    }
}
