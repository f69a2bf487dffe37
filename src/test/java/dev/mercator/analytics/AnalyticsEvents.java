package dev.mercator.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: analytics events as a merchant sends them, built as JSON-ready maps. */
public final class AnalyticsEvents {

    private AnalyticsEvents() {}

    public static Map<String, Object> batch(List<Map<String, Object>> events) {
        return Map.of("events", events);
    }

    public static Map<String, Object> event(String id, String type, String occurredAt, Map<String, Object> payload) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("version", 1);
        event.put("occurredAt", occurredAt);
        event.put("payload", payload);
        return event;
    }

    public static Map<String, Object> pageView(String id, String occurredAt) {
        return event(id, "page_view", occurredAt, Map.of("sessionId", "s-1", "url", "https://shop.example/"));
    }

    /** An order of lines (sku, quantity, unit price) in USD with an order-level discount. */
    public static Map<String, Object> order(
            String id,
            String occurredAt,
            String orderId,
            String customerId,
            String channel,
            String discount,
            List<Map<String, Object>> lines) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.put("customerId", customerId);
        payload.put("channel", channel);
        payload.put("currency", "USD");
        payload.put("discount", discount);
        payload.put("lines", lines);
        return event(id, "order_placed", occurredAt, payload);
    }

    public static Map<String, Object> line(String sku, int quantity, String unitPrice) {
        return Map.of("sku", sku, "quantity", quantity, "unitPrice", unitPrice);
    }

    public static Map<String, Object> refund(String id, String occurredAt, String orderId, String amount) {
        return event(
                id,
                "order_refunded",
                occurredAt,
                Map.of("orderId", orderId, "refundId", "r-" + id, "amount", amount, "currency", "USD"));
    }
}
