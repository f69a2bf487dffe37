package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ShopifyWebhooksIntegrationTests extends ShopifyWebhookFixture {

    @Test
    void signedOrderDecrementsEachLine() {
        Shop shop = shop("MUG", 10);

        Api.Response response = deliver(shop, "orders/create", "evt-1", order(1001, "MUG", 3));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("applied");
        assertThat(physical(shop, "MUG")).isEqualTo(7);
        assertLedgerMatches(shop, "MUG");
    }

    @Test
    void sameDeliveryFiveTimesInSequenceAndConcurrentlyDecrementsOnce() throws Exception {
        Shop shop = shop("TEE", 20);
        String body = order(2002, "TEE", 2);
        for (int i = 0; i < 5; i++) {
            assertThat(deliver(shop, "orders/create", "evt-seq", body).status()).isEqualTo(200);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(pool.submit(() -> deliver(shop, "orders/create", "evt-conc", order(2003, "TEE", 2))
                        .status()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        }

        assertThat(physical(shop, "TEE")).isEqualTo(16);
        assertLedgerMatches(shop, "TEE");
    }

    @Test
    void sameOrderLineThroughAnotherDeliveryIsNotCountedTwice() {
        Shop shop = shop("CAP", 5);

        deliver(shop, "orders/create", "evt-a", order(3003, "CAP", 1));
        Api.Response second = deliver(shop, "orders/create", "evt-b", order(3003, "CAP", 1));

        assertThat(second.json().get("status").asString()).isEqualTo("duplicate");
        assertThat(physical(shop, "CAP")).isEqualTo(4);
    }

    @Test
    void badSignatureIsRefusedAndNothingStored() {
        Shop shop = shop("SOCK", 5);
        byte[] raw = order(4004, "SOCK", 1).getBytes(StandardCharsets.UTF_8);

        Api.Response forged = api.send(
                "POST",
                "/webhook/shopify",
                "application/json",
                raw,
                "X-Shopify-Topic",
                "orders/create",
                "X-Shopify-Shop-Domain",
                shop.domain(),
                "X-Shopify-Hmac-Sha256",
                WebhookSignature.sign(raw, "not-the-secret-at-all"),
                "X-Shopify-Event-Id",
                "evt-forged");
        Api.Response unsigned = api.send(
                "POST",
                "/webhook/shopify",
                "application/json",
                raw,
                "X-Shopify-Topic",
                "orders/create",
                "X-Shopify-Shop-Domain",
                shop.domain(),
                "X-Shopify-Event-Id",
                "evt-unsigned");

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(physical(shop, "SOCK")).isEqualTo(5);
        assertThat(deliveries(shop)).isZero();
    }

    @Test
    void webhookSignedWithAnotherMerchantsSecretIsRefused() {
        Shop victim = shop("VASE", 5);
        Shop attacker = shop("VASE", 5);

        Api.Response crossSigned =
                deliver(victim.domain(), attacker.secret(), "orders/create", "evt-x", order(5005, "VASE", 5));
        Api.Response unknownShop =
                deliver("nobody.myshopify.com", attacker.secret(), "orders/create", "evt-y", order(5006, "VASE", 5));

        assertThat(crossSigned.status()).isEqualTo(401);
        assertThat(unknownShop.status()).isEqualTo(401);
        assertThat(physical(victim, "VASE")).isEqualTo(5);
        assertThat(physical(attacker, "VASE")).isEqualTo(5);
    }

    @Test
    void previousSecretStillVerifiesDuringARotation() {
        Shop shop = shop("LAMP", 9);
        String newSecret = "whsec-rotated-" + UUID.randomUUID();
        MerchantFixture.connect(
                shop.tenant().api(), new ShopifyShop(shop.domain(), "shpat_new", newSecret, MerchantFixture.LOCATION));

        Api.Response withOld = deliver(shop.domain(), shop.secret(), "orders/create", "r-1", order(6006, "LAMP", 1));
        Api.Response withNew = deliver(shop.domain(), newSecret, "orders/create", "r-2", order(6007, "LAMP", 1));

        assertThat(withOld.status()).isEqualTo(200);
        assertThat(withNew.status()).isEqualTo(200);
        assertThat(physical(shop, "LAMP")).isEqualTo(7);
    }

    @Test
    void malformedPayloadsAreRefusedWithNothingHalfApplied() {
        Shop shop = shop("BOWL", 10);
        String twoLinesOneBad = """
                {"id": 7007, "name": "#7007", "line_items": [
                  {"id": 1, "sku": "BOWL", "quantity": 2},
                  {"id": 2, "sku": "BOWL", "quantity": -4}
                ]}""";

        assertThat(deliver(shop, "orders/create", "m-1", "{\"id\": 1, \"line_items\": [")
                        .status())
                .isEqualTo(400);
        assertThat(deliver(shop, "orders/create", "m-2", "{\"id\": 7008, \"line_items\": []}")
                        .status())
                .isEqualTo(400);
        assertThat(deliver(shop, "orders/create", "m-3", twoLinesOneBad).status())
                .isEqualTo(400);
        assertThat(deliver(shop, "orders/create", "m-4", order(7009, "BOWL", 50_000_000))
                        .status())
                .isEqualTo(400);
        assertThat(deliver(shop, "orders/create", "m-5", "[1,2,3]").status()).isEqualTo(400);
        assertThat(deliver(
                                shop,
                                "orders/create",
                                "m-6",
                                "{\"id\": \"abc\", \"line_items\": [{\"id\": 1, \"sku\": \"BOWL\", \"quantity\": 1}]}")
                        .status())
                .isEqualTo(400);
        String huge = "{\"id\": 1, \"note\": \"" + "x".repeat(1_100_000) + "\"}";
        assertThat(deliver(shop, "orders/create", "m-7", huge).status()).isEqualTo(413);

        assertThat(physical(shop, "BOWL")).isEqualTo(10);
        assertThat(deliveries(shop)).isZero();
        // A refused delivery is not remembered: Shopify's retry with a good body is applied.
        assertThat(deliver(shop, "orders/create", "m-1", order(7010, "BOWL", 1)).status())
                .isEqualTo(200);
        assertThat(physical(shop, "BOWL")).isEqualTo(9);
    }

    @Test
    void unknownTopicIsAcknowledgedAndIgnored() {
        Shop shop = shop("PEN", 3);

        Api.Response response = deliver(shop, "products/update", "t-1", "{\"id\": 1}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("ignored");
        assertThat(physical(shop, "PEN")).isEqualTo(3);
    }

    @Test
    void cancellationRestocksOnceEvenWhenItsRefundAlsoSaysCancel() {
        Shop shop = shop("KNIFE", 10);
        deliver(shop, "orders/create", "c-1", order(8008, "KNIFE", 4));
        String refund = """
                {"id": 99, "order_id": 8008, "restock": true, "refund_line_items": [
                  {"id": 1, "line_item_id": 80081, "quantity": 4, "restock_type": "cancel",
                   "line_item": {"id": 80081, "sku": "KNIFE", "quantity": 4}}
                ]}""";
        String cancelled = """
                {"id": 8008, "name": "#8008", "cancelled_at": "2026-11-22T10:00:00Z", "line_items": [
                  {"id": 80081, "sku": "KNIFE", "quantity": 4, "fulfillment_status": null}
                ], "refunds": [%s]}""".formatted(refund);

        deliver(shop, "orders/cancelled", "c-2", cancelled);
        deliver(shop, "refunds/create", "c-3", refund);

        assertThat(physical(shop, "KNIFE")).isEqualTo(10);
        assertLedgerMatches(shop, "KNIFE");
    }

    /**
     * One unit of a line cancelled (refunded with restock type cancel), then the whole order: the second refund covers
     * the two open units. Whatever order the three webhooks arrive in, and however often, all three units come back.
     */
    @Test
    void partialCancellationThenFullCancellationRestocksEveryUnitOnce() {
        String partial = """
                {"id": 201, "order_id": %d, "refund_line_items": [
                  {"id": 2011, "line_item_id": %d1, "quantity": 1, "restock_type": "cancel",
                   "line_item": {"id": %d1, "sku": "%s", "quantity": 3}}
                ]}""";
        String rest = """
                {"id": 202, "order_id": %d, "refund_line_items": [
                  {"id": 2021, "line_item_id": %d1, "quantity": 2, "restock_type": "cancel",
                   "line_item": {"id": %d1, "sku": "%s", "quantity": 3}}
                ]}""";
        String cancelled = """
                {"id": %d, "name": "#%d", "cancelled_at": "2026-11-22T10:00:00Z", "line_items": [
                  {"id": %d1, "sku": "%s", "quantity": 3, "current_quantity": 0, "fulfillable_quantity": 0,
                   "fulfillment_status": null}
                ], "refunds": [%s, %s]}""";
        List<List<String>> orders = List.of(
                List.of("partial", "cancelled", "rest"),
                List.of("partial", "rest", "cancelled"),
                List.of("cancelled", "partial", "rest", "cancelled"),
                List.of("rest", "cancelled", "partial", "partial"));
        for (int i = 0; i < orders.size(); i++) {
            String sku = "SPOON" + i;
            long orderId = 7100 + i;
            Shop shop = shop(sku, 10);
            deliver(shop, "orders/create", "p-" + i, order(orderId, sku, 3));
            String partialBody = partial.formatted(orderId, orderId, orderId, sku);
            String restBody = rest.formatted(orderId, orderId, orderId, sku);
            Map<String, String[]> webhooks = Map.of(
                    "partial", new String[] {"refunds/create", partialBody},
                    "rest", new String[] {"refunds/create", restBody},
                    "cancelled",
                            new String[] {
                                "orders/cancelled",
                                cancelled.formatted(orderId, orderId, orderId, sku, partialBody, restBody)
                            });
            int delivery = 0;
            for (String name : orders.get(i)) {
                String[] webhook = webhooks.get(name);
                deliver(shop, webhook[0], "p-" + i + "-" + delivery++, webhook[1]);
            }

            assertThat(physical(shop, sku))
                    .as("arrival order %s", orders.get(i))
                    .isEqualTo(10);
            assertLedgerMatches(shop, sku);
        }
    }

    @Test
    void cancellationWithoutRestockLeavesTheCountAlone() {
        Shop shop = shop("LADLE", 10);
        deliver(shop, "orders/create", "n-1", order(7200, "LADLE", 2));

        // Acknowledged, not failed: a webhook with nothing to restock is still a delivery Shopify must not retry.
        assertThat(deliver(shop, "orders/cancelled", "n-2", """
                                {"id": 7200, "name": "#7200", "cancelled_at": "2026-11-22T10:00:00Z", "line_items": [
                                  {"id": 72001, "sku": "LADLE", "quantity": 2, "fulfillment_status": null}
                                ], "refunds": []}""").status()).isEqualTo(200);

        assertThat(physical(shop, "LADLE")).isEqualTo(8);
    }

    @Test
    void returnRefundRestocksAndNoRestockDoesNot() {
        Shop shop = shop("FORK", 10);
        deliver(shop, "orders/create", "f-1", order(9009, "FORK", 3));
        String refund = """
                {"id": 100, "order_id": 9009, "refund_line_items": [
                  {"id": 1, "line_item_id": 90091, "quantity": 1, "restock_type": "return",
                   "line_item": {"id": 90091, "sku": "FORK"}},
                  {"id": 2, "line_item_id": 90091, "quantity": 1, "restock_type": "no_restock",
                   "line_item": {"id": 90091, "sku": "FORK"}}
                ]}""";

        deliver(shop, "refunds/create", "f-2", refund);
        deliver(shop, "refunds/create", "f-3", refund);

        assertThat(physical(shop, "FORK")).isEqualTo(8);
    }

    @Test
    void aRefundThatOvertakesItsOrderCountsTheSaleFirstSoPhysicalNeverStandsAboveTheTruth() {
        Shop shop = shop("SPOON", 10);
        String refund = """
                {"id": 200, "order_id": 7007, "created_at": "2026-12-03T10:00:05-05:00", "refund_line_items": [
                  {"id": 3, "line_item_id": 70071, "quantity": 1, "restock_type": "cancel",
                   "line_item": {"id": 70071, "sku": "SPOON", "quantity": 3}}
                ]}""";

        deliver(shop, "refunds/create", "s-1", refund);
        assertThat(physical(shop, "SPOON")).as("three sold, one back").isEqualTo(8);

        deliver(shop, "orders/create", "s-2", order(7007, "SPOON", 3));
        assertThat(physical(shop, "SPOON")).as("the order was already counted").isEqualTo(8);
        assertLedgerMatches(shop, "SPOON");
    }

    @Test
    void ordersForUnknownSkusAreKeptAndAppliedLater() {
        Shop shop = shop("KNOWN", 1);

        deliver(shop, "orders/create", "u-1", order(1111, "LATER", 2));
        assertThat(shop.tenant().api().get("/api/inventory/unmapped").json()).hasSize(1);
        shop.tenant().api().put("/api/inventory/LATER", Map.of("physical", 5));

        assertThat(physical(shop, "LATER")).isEqualTo(3);
        assertThat(shop.tenant().api().get("/api/inventory/unmapped").json()).isEmpty();
    }

    @Test
    void levelReportsNeverChangePhysicalThemselvesButAskForACheckUnlessTheyEchoMercatorsWrite() {
        Shop shop = shop("CHAIR", 10);
        shop.tenant()
                .api()
                .post(
                        "/api/mapping",
                        Map.of(
                                "sku", "CHAIR",
                                "asin", "B000000001",
                                "shopifyInventoryItemId", "555",
                                "shopifyLocationId", "24826418"));
        // Mercator wrote 8 to Shopify a moment ago: its echo asks for nothing.
        jdbc.sql("insert into inventory_shopify_writes (merchant_id, inventory_item_id, quantity, written_at) "
                        + "values (:m, '555', 8, :now)")
                .param("m", shop.merchant().value())
                .param("now", Timestamp.from(Instant.now()))
                .update();

        assertThat(deliver(shop, "inventory_levels/update", "l-1", level(555, 8))
                        .status())
                .isEqualTo(200);
        assertThat(shopifyLevels.find(shop.merchant(), "555")).isEmpty();

        // Any other level, however far from physical, is only a question for the check (ADR 10).
        assertThat(deliver(shop, "inventory_levels/update", "l-2", level(555, 25))
                        .status())
                .isEqualTo(200);
        assertThat(physical(shop, "CHAIR")).isEqualTo(10);
        ShopifyLevels.Level level = shopifyLevels.find(shop.merchant(), "555").orElseThrow();
        assertThat(level.checkDueAt()).isNotNull();
        assertThat(level.sku()).isEqualTo("CHAIR");
        assertThat(reportOutcomes(shop)).containsExactlyInAnyOrder("echo", "check");
        assertThat(deliver(shop, "inventory_levels/update", "l-2", level(555, 25))
                        .status())
                .as("a redelivered report is a duplicate")
                .isEqualTo(200);
        assertThat(reportOutcomes(shop)).hasSize(2);
        assertLedgerMatches(shop, "CHAIR");
    }

    private java.util.List<String> reportOutcomes(Shop shop) {
        return jdbc.sql("select outcome from inventory_level_reports where merchant_id = :m order by received_at")
                .param("m", shop.merchant().value())
                .query((rs, n) -> rs.getString(1))
                .list();
    }
}
