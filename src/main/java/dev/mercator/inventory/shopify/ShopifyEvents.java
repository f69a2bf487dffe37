package dev.mercator.inventory.shopify;

import dev.mercator.inventory.StockSource;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.platform.web.ApiProblem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Shopify webhook payloads into stock changes. Each change carries an id that names the business fact, not the
 * delivery (shop + order + line item, or shop + refund + refund line), so the same fact arriving through a retry, a
 * second subscription or a different topic is applied once.
 */
final class ShopifyEvents {

    static final StockSource SOURCE = StockSource.SHOPIFY;

    private final String shop;
    private final int maxQuantity;

    ShopifyEvents(String shop, int maxQuantity) {
        this.shop = shop;
        this.maxQuantity = maxQuantity;
    }

    /** orders/create: every line decrements its SKU. */
    List<StockChange> orderCreated(JsonNode order) {
        String orderId = id(order, "id");
        String name = text(order, "name", "#" + orderId);
        @Nullable Instant createdAt = time(order, "created_at");
        List<StockChange> changes = new ArrayList<>();
        for (JsonNode line : lines(order)) {
            int quantity = quantity(line, "quantity");
            changes.add(StockChange.delta(
                            ref(line),
                            -quantity,
                            SOURCE,
                            orderLineKey(orderId, id(line, "id")),
                            "Shopify order " + name,
                            "shopify:" + shop)
                    .at(createdAt));
        }
        return changes;
    }

    /**
     * orders/cancelled: units go back on the shelf only where the cancellation restocked them, which Shopify records
     * as refunds with restock type {@code cancel}, embedded in the cancelled order (a merchant may cancel without
     * restocking). Each restocked refund line is keyed exactly as in refunds/create, so whichever topic arrives first
     * counts and the other is a duplicate; a partial cancellation refunded earlier is its own refund line and is
     * neither lost nor counted twice.
     */
    List<StockChange> orderCancelled(JsonNode order) {
        String orderId = id(order, "id");
        JsonNode refunds = order.path("refunds");
        // The sale first, under its own keys: a cancellation overtaking its orders/create must not leave the restock
        // counted without the sale it undoes (physical would stand above the truth until the order arrived).
        List<StockChange> changes = new ArrayList<>(orderCreated(order));
        if (!refunds.isArray()) {
            // Older payloads without the refunds array: the refunds/create webhooks carry the restocks.
            return changes;
        }
        for (JsonNode refund : refunds) {
            changes.addAll(restocks(refund, orderId, time(order, "created_at")));
        }
        return distinct(changes);
    }

    /**
     * refunds/create: lines with a restock type ({@code cancel} for open units, {@code return} for fulfilled ones) put
     * units back, each refund line once.
     */
    List<StockChange> refundCreated(JsonNode refund) {
        return distinct(restocks(refund, id(refund, "order_id"), null));
    }

    /**
     * The restocks of a refund, each preceded by the sale of the line it restocks, under the key of that line's order
     * webhook: a refund that overtakes its order must not count units back whose sale Mercator has not counted (a
     * duplicate when the order came first). Its time is the order's when known, else the refund's: the order was no
     * later.
     */
    private List<StockChange> restocks(JsonNode refund, String orderId, @Nullable Instant orderCreatedAt) {
        String refundId = id(refund, "id");
        boolean legacyRestock = refund.path("restock").asBoolean(false);
        @Nullable Instant createdAt = time(refund, "created_at");
        JsonNode refundLines = refund.path("refund_line_items");
        if (!refundLines.isArray()) {
            throw malformed("refund_line_items must be an array");
        }
        List<StockChange> changes = new ArrayList<>();
        for (JsonNode refundLine : refundLines) {
            String restockType = text(refundLine, "restock_type", legacyRestock ? "return" : "no_restock");
            if (restockType.equals("no_restock")) {
                continue;
            }
            int quantity = quantity(refundLine, "quantity");
            JsonNode lineItem = refundLine.path("line_item");
            StockChange.ItemRef ref = lineItem.isObject() ? ref(lineItem) : StockChange.ItemRef.sku("");
            if (lineItem.path("id").isIntegralNumber()
                    && lineItem.path("quantity").isIntegralNumber()
                    && lineItem.path("quantity").asLong() > 0) {
                // Without the line's own quantity (a trimmed payload) the sale waits for its order webhook.
                changes.add(StockChange.delta(
                                ref,
                                -quantity(lineItem, "quantity"),
                                SOURCE,
                                orderLineKey(orderId, id(lineItem, "id")),
                                "Shopify order " + orderId + " (known from its refund " + refundId + ")",
                                "shopify:" + shop)
                        .at(orderCreatedAt != null ? orderCreatedAt : createdAt));
            }
            changes.add(StockChange.delta(
                            ref,
                            quantity,
                            SOURCE,
                            "shopify:" + shop + ":refund:" + refundId + ":line:" + id(refundLine, "id"),
                            "Shopify refund " + refundId + " of order " + orderId + " (" + restockType + ")",
                            "shopify:" + shop)
                    .at(createdAt));
        }
        return changes;
    }

    /**
     * An order as Shopify's {@code orders} query lists it (GraphQL ids and names): its lines and its restocking refund
     * lines, under exactly the keys its webhooks carry (the numbers in the GIDs are the webhooks' ids), so whichever
     * arrives first counts and the other is a duplicate.
     */
    List<StockChange> listedOrder(JsonNode order) {
        String orderId = gidNumber(order.path("id"));
        String name = text(order, "name", "#" + orderId);
        @Nullable Instant createdAt = ShopifyInventoryReads.instant(order.path("createdAt"));
        List<StockChange> changes = new ArrayList<>();
        for (JsonNode line : order.path("lineItems").path("nodes")) {
            if (text(line, "sku", "").isBlank()) {
                // Listed by SKU, so a line without one is not what the list was asked for; its webhook keeps it.
                continue;
            }
            changes.add(StockChange.delta(
                            listedRef(line),
                            -quantity(line, "quantity"),
                            SOURCE,
                            orderLineKey(orderId, gidNumber(line.path("id"))),
                            "Shopify order " + name,
                            "shopify:" + shop)
                    .at(createdAt));
        }
        for (JsonNode refund : order.path("refunds")) {
            String refundId = gidNumber(refund.path("id"));
            @Nullable Instant refundedAt = ShopifyInventoryReads.instant(refund.path("createdAt"));
            for (JsonNode refundLine : refund.path("refundLineItems").path("nodes")) {
                String restockType =
                        text(refundLine, "restockType", "NO_RESTOCK").toLowerCase(java.util.Locale.ROOT);
                if (restockType.equals("no_restock")
                        || text(refundLine.path("lineItem"), "sku", "").isBlank()) {
                    continue;
                }
                changes.add(StockChange.delta(
                                listedRef(refundLine.path("lineItem")),
                                quantity(refundLine, "quantity"),
                                SOURCE,
                                "shopify:" + shop + ":refund:" + refundId + ":line:" + gidNumber(refundLine.path("id")),
                                "Shopify refund " + refundId + " of order " + orderId + " (" + restockType + ")",
                                "shopify:" + shop)
                        .at(refundedAt));
            }
        }
        return changes;
    }

    /** Each business fact once, the first time it appears (a line's sale implied by two of its refunds, say). */
    private static List<StockChange> distinct(List<StockChange> changes) {
        java.util.Map<String, StockChange> byKey = new java.util.LinkedHashMap<>();
        changes.forEach(change -> byKey.putIfAbsent(change.sourceEventId(), change));
        return List.copyOf(byKey.values());
    }

    private static StockChange.ItemRef listedRef(JsonNode line) {
        return StockChange.ItemRef.sku(text(line, "sku", "").strip());
    }

    /** The number at the end of a GID ({@code gid://shopify/Order/123} → 123). */
    private static String gidNumber(JsonNode gid) {
        String value = gid.asString("");
        String number = value.substring(value.lastIndexOf('/') + 1);
        int query = number.indexOf('?');
        number = query >= 0 ? number.substring(0, query) : number;
        if (!number.matches("[0-9]{1,20}")) {
            throw new IllegalStateException("Shopify sent an id that is not a GID: " + value);
        }
        return number;
    }

    private String orderLineKey(String orderId, String lineId) {
        return "shopify:" + shop + ":order:" + orderId + ":line:" + lineId;
    }

    private static Iterable<JsonNode> lines(JsonNode order) {
        JsonNode lines = order.path("line_items");
        if (!lines.isArray() || lines.isEmpty()) {
            throw malformed("The order has no line items");
        }
        return lines;
    }

    /** Lines are matched by SKU; a line without one is kept as unmapped under its variant, never dropped. */
    private static StockChange.ItemRef ref(JsonNode line) {
        String sku = text(line, "sku", "").strip();
        if (!sku.isEmpty()) {
            return StockChange.ItemRef.sku(sku);
        }
        return new StockChange.ItemRef(StockChange.RefKind.SHOPIFY_VARIANT, text(line, "variant_id", "unknown"));
    }

    private int quantity(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber()) {
            throw malformed("'" + field + "' must be a whole number");
        }
        long quantity = value.asLong();
        if (quantity <= 0 || quantity > maxQuantity) {
            throw malformed("'" + field + "' must be between 1 and " + maxQuantity + ", was " + quantity);
        }
        return (int) quantity;
    }

    static String id(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber() || (value.isString() && value.asString().matches("[0-9]{1,20}"))) {
            return value.asString();
        }
        throw malformed("'" + field + "' must be a numeric id");
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? fallback : value.asString();
    }

    /** A Shopify timestamp ({@code 2026-12-03T10:15:30-05:00}); absent or unreadable is null, never a refusal. */
    static @Nullable Instant time(JsonNode node, String field) {
        @Nullable String value = nullable(node, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    static ApiProblem malformed(String detail) {
        return new ApiProblem(dev.mercator.platform.web.ProblemType.MALFORMED_BODY, detail);
    }

    static @Nullable String nullable(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }
}
