package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.StockLevels;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import dev.mercator.support.SimulatedShopify;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Shopify returns: the store simulator opens a return and disposes its reverse fulfillment order line items, its
 * {@code reverse_fulfillment_orders/dispose} webhook reaches Mercator's real intake signed, and each disposition is
 * routed (ADR 23).
 */
class ShopifyReturnsIntegrationTests extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    StockLevels levels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ShopifyLevelChecks checks;

    @Autowired
    ShopifyOrderLookups lookups;

    @Autowired
    ShopifyLevels shopifyLevels;

    SimulatedShopify sim;

    @BeforeEach
    void simulator() {
        sim = new SimulatedShopify(api);
    }

    private String sim(ShopifyShop shop) {
        return "/sandbox/shopify/" + shop.domain() + "/_sim";
    }

    private int physical(Tenant tenant, String sku) {
        return levels.find(MerchantId.of(tenant.id()), sku).orElseThrow().physical();
    }

    @Test
    void eachDispositionOfAShopifyReturnIsRoutedAndARestockCountsOnceNotAgainAsAnEdit() {
        Tenant tenant = newMerchant("Shopify returns " + UUID.randomUUID());
        ShopifyShop shop = ShopifyShop.random();
        sim.register(shop, Map.of());
        MerchantFixture.connect(tenant.api(), shop);
        assertThat(tenant.api()
                        .put("/api/inventory/MUG", Map.of("physical", 20))
                        .status())
                .isEqualTo(200);
        long item = sim.stock(shop.domain(), "MUG", 20);
        Api.Response mapped = tenant.api()
                .post(
                        "/api/mapping",
                        Map.of(
                                "sku",
                                "MUG",
                                "asin",
                                "B000000001",
                                "shopifyInventoryItemId",
                                Long.toString(item),
                                "shopifyLocationId",
                                Long.toString(shop.location())));
        assertThat(mapped.status()).as(mapped.toString()).isBetween(200, 299);
        JsonNode order = sim.order(shop.domain(), "MUG", 4);
        long orderId = order.get("id").asLong();
        long lineId = order.get("line_items").get(0).get("id").asLong();
        await().atMost(PATIENCE).until(() -> physical(tenant, "MUG") == 16);
        sim.fulfill(shop.domain(), orderId);
        // Mercator knows the item's level before the return (anchored and explained), as in steady trading.
        awaitExplained(tenant, shop, item);
        Api.Response opened = api.post(
                sim(shop) + "/orders/" + orderId + "/returns",
                Map.of("lines", List.of(Map.of("lineItemId", lineId, "quantity", 4))));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        long rfoLine = opened.json()
                .get("reverse_fulfillment_order")
                .get("line_items")
                .get(0)
                .get("id")
                .asLong();

        Api.Response disposed = api.post(
                sim(shop) + "/reverse-fulfillment-orders/dispose",
                Map.of(
                        "dispositionInputs",
                        List.of(
                                Map.of(
                                        "reverseFulfillmentOrderLineItemId",
                                        rfoLine,
                                        "quantity",
                                        2,
                                        "dispositionType",
                                        "RESTOCKED"),
                                Map.of(
                                        "reverseFulfillmentOrderLineItemId",
                                        rfoLine,
                                        "quantity",
                                        1,
                                        "dispositionType",
                                        "NOT_RESTOCKED"),
                                Map.of(
                                        "reverseFulfillmentOrderLineItemId",
                                        rfoLine,
                                        "quantity",
                                        1,
                                        "dispositionType",
                                        "PROCESSING_REQUIRED"))));
        assertThat(disposed.status()).as(disposed.toString()).isEqualTo(200);

        await().atMost(PATIENCE)
                .until(() ->
                        tenant.api().get("/api/returns").json().get("total").asLong() == 3);
        assertThat(physical(tenant, "MUG")).isEqualTo(18);
        JsonNode restocked =
                tenant.api().get("/api/returns?status=restocked").json().get("items");
        assertThat(restocked).hasSize(1);
        assertThat(restocked.get(0).get("orderId").asString()).isEqualTo(Long.toString(orderId));
        assertThat(restocked.get(0).get("sku").asString()).isEqualTo("MUG");
        assertThat(restocked.get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(tenant.api()
                        .get("/api/returns?status=written_off")
                        .json()
                        .get("items")
                        .get(0)
                        .get("disposition")
                        .asString())
                .isEqualTo("unsellable");
        JsonNode waiting = tenant.api()
                .get("/api/returns?status=awaiting_inspection")
                .json()
                .get("items");
        assertThat(waiting).hasSize(1);

        // Shopify put the 2 units back into its own level: once the level is explained again, physical has them once
        // (were the restock not a Shopify event, the +2 would stay unexplained and be taken for an edit: 20).
        awaitExplained(tenant, shop, item);
        assertThat(sim.available(shop.domain(), item)).isEqualTo(18);
        assertThat(physical(tenant, "MUG")).isEqualTo(18);
        assertThat(jdbc.sql(
                                "select count(*) from inventory_ledger where merchant_id = :m and reason = 'edited in Shopify admin'")
                        .param("m", MerchantId.of(tenant.id()).value())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(levels.ledgerSum(MerchantId.of(tenant.id()), "MUG")).isEqualTo(18);

        // A redelivery of the webhook records nothing new.
        JsonNode webhooks = sim.webhooks(shop.domain());
        assertThat(webhooks.get("deliveries")
                        .valueStream()
                        .filter(d -> d.get("topic").asString().equals("reverse_fulfillment_orders/dispose"))
                        .count())
                .isEqualTo(1);
        Api.Response inspected = tenant.api()
                .post(
                        "/api/returns/" + waiting.get(0).get("id").asString() + "/inspect",
                        Map.of("disposition", "sellable"));
        assertThat(inspected.status()).isEqualTo(200);
        assertThat(physical(tenant, "MUG")).isEqualTo(19);
    }

    private void awaitExplained(Tenant tenant, ShopifyShop shop, long item) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            checks.checkDue();
            lookups.lookUpRequested();
            Integer expected = shopifyLevels
                    .find(MerchantId.of(tenant.id()), Long.toString(item))
                    .orElseThrow()
                    .expected();
            assertThat(expected).isEqualTo(sim.available(shop.domain(), item));
        });
    }

    @Test
    void disposingMoreThanWasReturnedIsRefusedBySimulatorAsByShopify() {
        ShopifyShop shop = ShopifyShop.random();
        sim.register(shop, Map.of());
        sim.stock(shop.domain(), "HAT", 5);
        JsonNode order = sim.order(shop.domain(), "HAT", 1);
        sim.fulfill(shop.domain(), order.get("id").asLong());
        long rfoLine = api.post(
                        sim(shop) + "/orders/" + order.get("id").asLong() + "/returns",
                        Map.of(
                                "lines",
                                List.of(Map.of(
                                        "lineItemId",
                                        order.get("line_items").get(0).get("id").asLong(),
                                        "quantity",
                                        1))))
                .json()
                .get("reverse_fulfillment_order")
                .get("line_items")
                .get(0)
                .get("id")
                .asLong();

        Api.Response tooMany = api.post(
                sim(shop) + "/reverse-fulfillment-orders/dispose",
                Map.of(
                        "dispositionInputs",
                        List.of(Map.of(
                                "reverseFulfillmentOrderLineItemId",
                                rfoLine,
                                "quantity",
                                2,
                                "dispositionType",
                                "RESTOCKED"))));
        Api.Response unknownType = api.post(
                sim(shop) + "/reverse-fulfillment-orders/dispose",
                Map.of(
                        "dispositionInputs",
                        List.of(Map.of(
                                "reverseFulfillmentOrderLineItemId",
                                rfoLine,
                                "quantity",
                                1,
                                "dispositionType",
                                "BROKEN"))));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(unknownType.status()).isEqualTo(400);
    }
}
