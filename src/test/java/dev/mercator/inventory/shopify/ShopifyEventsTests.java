package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.mercator.inventory.ledger.StockChange;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook payloads in the shape Shopify documents for API version 2026-04 (see docs/providers/shopify-admin.md): REST
 * field names, ids as JSON numbers beyond 2^53, {@code sku} null on a custom line, and every {@code restock_type} of a
 * refund line, including {@code legacy_restock} (refunds recorded before restock types existed) and {@code no_restock}
 * with a null {@code location_id}.
 */
class ShopifyEventsTests {

    private static final String SHOP = "mercator-test.myshopify.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ShopifyEvents events = new ShopifyEvents(SHOP, 100_000);

    @Test
    void ordersCreateReadsSixtyFourBitIdsAndKeepsALineWithoutSkuUnderItsVariant() {
        JsonNode order = JSON.readTree("""
                {"id": 820982911946150001, "admin_graphql_api_id": "gid://shopify/Order/820982911946150001",
                 "name": "#1001", "created_at": "2026-04-02T11:30:19-04:00",
                 "line_items": [
                   {"id": 866550311766430002, "variant_id": 808000014, "sku": "MUG-RED", "quantity": 2},
                   {"id": 141249953214520003, "variant_id": null, "sku": null, "quantity": 1}
                 ]}""");

        List<StockChange> changes = events.orderCreated(order);

        assertThat(changes)
                .extracting(StockChange::ref, StockChange::amount, StockChange::sourceEventId)
                .containsExactly(
                        tuple(
                                StockChange.ItemRef.sku("MUG-RED"),
                                -2,
                                "shopify:" + SHOP + ":order:820982911946150001:line:866550311766430002"),
                        tuple(
                                new StockChange.ItemRef(StockChange.RefKind.SHOPIFY_VARIANT, "unknown"),
                                -1,
                                "shopify:" + SHOP + ":order:820982911946150001:line:141249953214520003"));
        assertThat(changes.getFirst().occurredAt()).hasToString("2026-04-02T15:30:19Z");
    }

    @Test
    void refundsCreateRestocksReturnAndLegacyRestockLinesAndSkipsNoRestock() {
        JsonNode refund = JSON.readTree("""
                {"id": 509000006, "order_id": 450000008, "created_at": "2026-04-02T11:31:00-04:00",
                 "restock": true, "admin_graphql_api_id": "gid://shopify/Refund/509000006",
                 "refund_line_items": [
                   {"id": 104600001, "line_item_id": 703000001, "location_id": 487000012,
                    "restock_type": "legacy_restock", "quantity": 1,
                    "line_item": {"id": 703000001, "variant_id": 457000009, "sku": "CASE-BLACK", "quantity": 1}},
                   {"id": 1058000003, "line_item_id": 518000002, "location_id": null,
                    "restock_type": "no_restock", "quantity": 1,
                    "line_item": {"id": 518000002, "variant_id": 49000010, "sku": "CASE-RED", "quantity": 1}},
                   {"id": 1058000004, "line_item_id": 466000005, "location_id": 487000012,
                    "restock_type": "return", "quantity": 2,
                    "line_item": {"id": 466000005, "variant_id": 39000011, "sku": "CASE-GREEN", "quantity": 3}}
                 ]}""");

        List<StockChange> changes = events.refundCreated(refund);

        // Each restock is preceded by the sale of its line, under that line's orders/create key.
        assertThat(changes)
                .extracting(StockChange::ref, StockChange::amount, StockChange::sourceEventId)
                .containsExactly(
                        tuple(
                                StockChange.ItemRef.sku("CASE-BLACK"),
                                -1,
                                "shopify:" + SHOP + ":order:450000008:line:703000001"),
                        tuple(
                                StockChange.ItemRef.sku("CASE-BLACK"),
                                1,
                                "shopify:" + SHOP + ":refund:509000006:line:104600001"),
                        tuple(
                                StockChange.ItemRef.sku("CASE-GREEN"),
                                -3,
                                "shopify:" + SHOP + ":order:450000008:line:466000005"),
                        tuple(
                                StockChange.ItemRef.sku("CASE-GREEN"),
                                2,
                                "shopify:" + SHOP + ":refund:509000006:line:1058000004"));
    }

    @Test
    void ordersCancelledRestocksTheCancelRefundEmbeddedInTheOrder() {
        JsonNode order = JSON.readTree("""
                {"id": 450000008, "name": "#1002", "created_at": "2026-04-02T11:00:00-04:00",
                 "cancelled_at": "2026-04-02T12:00:00-04:00", "cancel_reason": "customer",
                 "line_items": [{"id": 466000005, "variant_id": 39000011, "sku": "CASE-GREEN", "quantity": 3}],
                 "refunds": [
                   {"id": 509000007, "order_id": 450000008, "created_at": "2026-04-02T12:00:00-04:00",
                    "refund_line_items": [
                      {"id": 1058000013, "line_item_id": 466000005, "location_id": 487000012,
                       "restock_type": "cancel", "quantity": 3,
                       "line_item": {"id": 466000005, "variant_id": 39000011, "sku": "CASE-GREEN", "quantity": 3}}
                    ]}
                 ]}""");

        List<StockChange> changes = events.orderCancelled(order);

        assertThat(changes)
                .extracting(StockChange::amount, StockChange::sourceEventId)
                .containsExactly(
                        tuple(-3, "shopify:" + SHOP + ":order:450000008:line:466000005"),
                        tuple(3, "shopify:" + SHOP + ":refund:509000007:line:1058000013"));
    }
}
