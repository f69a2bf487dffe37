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

    /** A sale Mercator saw and Shopify shipped: the order, its line and the inventory item. */
    private record Sale(long orderId, long lineId, long item) {}

    private Sale shippedSale(Tenant tenant, ShopifyShop shop, String sku, int stock, int sold) {
        MerchantFixture.connect(tenant.api(), shop);
        assertThat(tenant.api()
                        .put("/api/inventory/" + sku, Map.of("physical", stock))
                        .status())
                .isEqualTo(200);
        long item = sim.stock(shop.domain(), sku, stock);
        Api.Response mapped = tenant.api()
                .post(
                        "/api/mapping",
                        Map.of(
                                "sku",
                                sku,
                                "asin",
                                "B000000001",
                                "shopifyInventoryItemId",
                                Long.toString(item),
                                "shopifyLocationId",
                                Long.toString(shop.location())));
        assertThat(mapped.status()).as(mapped.toString()).isBetween(200, 299);
        JsonNode order = sim.order(shop.domain(), sku, sold);
        long orderId = order.get("id").asLong();
        await().atMost(PATIENCE).until(() -> physical(tenant, sku) == stock - sold);
        sim.fulfill(shop.domain(), orderId);
        return new Sale(orderId, order.get("line_items").get(0).get("id").asLong(), item);
    }

    @Test
    void eachDispositionOfAShopifyReturnIsRoutedAndARestockCountsOnceNotAgainAsAnEdit() {
        Tenant tenant = newMerchant("Shopify returns " + UUID.randomUUID());
        ShopifyShop shop = ShopifyShop.random();
        sim.register(shop, Map.of());
        Sale sale = shippedSale(tenant, shop, "MUG", 20, 4);
        long orderId = sale.orderId();
        long lineId = sale.lineId();
        long item = sale.item();
        // Mercator knows the item's level before the return (anchored and explained), as in steady trading.
        awaitExplained(tenant, shop, item);
        String rfoLine = sim.openReturn(shop, orderId, lineId, 4);
        String location = "gid://shopify/Location/" + shop.location();

        JsonNode disposed = sim.dispose(
                shop,
                List.of(
                        Map.of(
                                "reverseFulfillmentOrderLineItemId",
                                rfoLine,
                                "quantity",
                                2,
                                "locationId",
                                location,
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
                                "PROCESSING_REQUIRED")));
        assertThat(disposed.get("userErrors")).as(disposed.toString()).isEmpty();

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
    void disposingMoreThanWasReturnedOrRestockingWithoutALocationIsRefusedAsByShopifyAndChangesNothing() {
        ShopifyShop shop = ShopifyShop.random();
        sim.register(shop, Map.of());
        long item = sim.stock(shop.domain(), "HAT", 5);
        JsonNode order = sim.order(shop.domain(), "HAT", 1);
        sim.fulfill(shop.domain(), order.get("id").asLong());
        String rfoLine = sim.openReturn(
                shop,
                order.get("id").asLong(),
                order.get("line_items").get(0).get("id").asLong(),
                1);

        JsonNode tooMany = sim.dispose(
                shop,
                List.of(Map.of(
                        "reverseFulfillmentOrderLineItemId",
                        rfoLine,
                        "quantity",
                        2,
                        "locationId",
                        "gid://shopify/Location/" + shop.location(),
                        "dispositionType",
                        "RESTOCKED")));
        JsonNode noLocation = sim.dispose(
                shop,
                List.of(Map.of(
                        "reverseFulfillmentOrderLineItemId", rfoLine, "quantity", 1, "dispositionType", "RESTOCKED")));
        Api.Response unknownType = sim.graphql(
                shop.domain(),
                shop.token(),
                "mutation { reverseFulfillmentOrderDispose(dispositionInputs: [{reverseFulfillmentOrderLineItemId: \""
                        + rfoLine + "\", quantity: 1, dispositionType: BROKEN}]) { userErrors { message } } }",
                Map.of());

        assertThat(tooMany.get("userErrors").get(0).get("field").toString()).contains("quantity");
        assertThat(tooMany.get("reverseFulfillmentOrderLineItems").isNull()).isTrue();
        assertThat(noLocation.get("userErrors").get(0).get("field").toString()).contains("locationId");
        assertThat(unknownType
                        .json()
                        .get("errors")
                        .get(0)
                        .get("extensions")
                        .get("code")
                        .asString())
                .isEqualTo("argumentLiteralsIncompatible");
        assertThat(sim.available(shop.domain(), item)).isEqualTo(4);
        assertThat(sim.webhooks(shop.domain())
                        .get("deliveries")
                        .valueStream()
                        .filter(d -> d.get("topic").asString().equals("reverse_fulfillment_orders/dispose"))
                        .count())
                .isZero();
    }

    @Test
    void theDisposeWebhookCarriesShopifysDocumentedFieldsOnlyAndTheOrderIsReadFromTheReverseFulfillmentOrder() {
        ShopifyShop shop = ShopifyShop.random();
        sim.register(shop, Map.of());
        sim.stock(shop.domain(), "CAP", 5);
        JsonNode order = sim.order(shop.domain(), "CAP", 2);
        long orderId = order.get("id").asLong();
        long lineId = order.get("line_items").get(0).get("id").asLong();
        sim.fulfill(shop.domain(), orderId);
        String rfoLine = sim.openReturn(shop, orderId, lineId, 2);
        sim.dispose(
                shop,
                List.of(Map.of(
                        "reverseFulfillmentOrderLineItemId", rfoLine, "quantity", 1, "dispositionType", "MISSING")));

        String body = await().atMost(PATIENCE)
                .until(
                        () -> sim.webhooks(shop.domain())
                                .get("deliveries")
                                .valueStream()
                                .filter(d -> d.get("topic").asString().equals("reverse_fulfillment_orders/dispose"))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow()
                .get("body")
                .asString();
        JsonNode payload =
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);

        // Shopify's documented payload: the reverse fulfillment order and, per disposition, the line item's own id.
        assertThat(payload.propertyNames())
                .containsExactly("id", "admin_graphql_api_id", "dispositions", "total_dispositions");
        JsonNode disposition = payload.get("dispositions").get(0);
        assertThat(disposition.propertyNames())
                .containsExactlyInAnyOrder(
                        "reverse_fulfillment_order_line_item",
                        "reverse_delivery_line_item",
                        "type",
                        "location",
                        "quantity");
        assertThat(disposition.get("reverse_fulfillment_order_line_item").propertyNames())
                .containsExactlyInAnyOrder("id", "admin_graphql_api_id");
        assertThat(disposition.get("type").asString()).isEqualTo("missing");

        // The consumer reads the order and the line from the reverse fulfillment order, as Mercator does.
        JsonNode rfo = sim.graphql(
                        shop.domain(),
                        shop.token(),
                        ShopifyReturnsIntake.RFO_QUERY,
                        Map.of("id", payload.get("admin_graphql_api_id").asString()))
                .json()
                .get("data")
                .get("reverseFulfillmentOrder");
        assertThat(rfo.get("order").get("legacyResourceId").asString()).isEqualTo(Long.toString(orderId));
        JsonNode line = rfo.get("lineItems").get("nodes").get(0);
        assertThat(line.get("fulfillmentLineItem").get("lineItem").get("id").asString())
                .isEqualTo("gid://shopify/LineItem/" + lineId);
        assertThat(line.get("dispositions").get(0).get("type").asString()).isEqualTo("MISSING");
    }

    @Test
    void aDisposeWhoseWebhookWasLostIsRecordedFromTheNextAndCopiesOfThatOneAddNothing() {
        Tenant tenant = newMerchant("Shopify lost dispose " + UUID.randomUUID());
        ShopifyShop shop = ShopifyShop.random();
        sim.register(shop, Map.of());
        Sale sale = shippedSale(tenant, shop, "JUG", 10, 3);
        String rfoLine = sim.openReturn(shop, sale.orderId(), sale.lineId(), 3);
        // Every first attempt is lost and there are no retries: the first dispose never reaches Mercator.
        sim.register(shop, Map.of("webhookRetries", 0, "lostFirstAttemptProbability", 1.0));
        sim.dispose(
                shop,
                List.of(Map.of(
                        "reverseFulfillmentOrderLineItemId", rfoLine, "quantity", 1, "dispositionType", "MISSING")));
        await().atMost(PATIENCE)
                .until(() -> disposeDeliveries(shop)
                        .anyMatch(d -> d.get("state").asString().equals("gave-up")));

        // From now on each event arrives three times.
        sim.register(shop, Map.of("webhookRetries", 3, "duplicateProbability", 1.0, "duplicateCopies", 2));
        sim.dispose(
                shop,
                List.of(Map.of(
                        "reverseFulfillmentOrderLineItemId",
                        rfoLine,
                        "quantity",
                        1,
                        "locationId",
                        "gid://shopify/Location/" + shop.location(),
                        "dispositionType",
                        "RESTOCKED")));
        await().atMost(PATIENCE)
                .until(() -> disposeDeliveries(shop)
                                .filter(d -> d.get("state").asString().equals("delivered"))
                                .count()
                        == 3);

        JsonNode all = tenant.api().get("/api/returns").json();
        assertThat(all.get("total").asLong()).as(all.toString()).isEqualTo(2);
        assertThat(tenant.api().get("/api/returns?status=restocked").json().get("items"))
                .hasSize(1);
        assertThat(tenant.api().get("/api/returns?status=written_off").json().get("items"))
                .hasSize(1);
        assertThat(jdbc.sql(
                                "select count(*) from inventory_ledger where merchant_id = :m and source_event_id like 'return:%'")
                        .param("m", MerchantId.of(tenant.id()).value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(physical(tenant, "JUG")).isEqualTo(8);
    }

    @Test
    void whileShopifyCannotShowTheReverseFulfillmentOrderTheWebhookIsRefusedAndItsRedeliveryCountsOnce() {
        Tenant tenant = newMerchant("Shopify unreadable dispose " + UUID.randomUUID());
        ShopifyShop shop = ShopifyShop.random();
        Map<String, Object> retrying = Map.of("webhookRetries", 4, "webhookRetryWindowMs", 30_000);
        sim.register(shop, retrying);
        Sale sale = shippedSale(tenant, shop, "BOWL", 10, 2);
        String rfoLine = sim.openReturn(shop, sale.orderId(), sale.lineId(), 2);
        // The shop stops accepting Mercator's token: the reverse fulfillment order cannot be read.
        ShopifyShop rotated = new ShopifyShop(shop.domain(), "shpat_rotated", shop.secret(), shop.location());
        sim.register(rotated, retrying);
        sim.dispose(
                rotated,
                List.of(Map.of(
                        "reverseFulfillmentOrderLineItemId",
                        rfoLine,
                        "quantity",
                        2,
                        "dispositionType",
                        "NOT_RESTOCKED")));
        await().atMost(PATIENCE)
                .until(() -> disposeDeliveries(shop)
                        .anyMatch(d -> d.path("lastStatus").asInt(0) == 503));
        assertThat(tenant.api().get("/api/returns").json().get("total").asLong())
                .isZero();

        sim.register(shop, retrying);

        await().atMost(PATIENCE)
                .until(() ->
                        tenant.api().get("/api/returns").json().get("total").asLong() == 1);
        JsonNode written =
                tenant.api().get("/api/returns?status=written_off").json().get("items");
        assertThat(written).hasSize(1);
        assertThat(written.get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(written.get(0).get("orderId").asString()).isEqualTo(Long.toString(sale.orderId()));
    }

    @Test
    void aFinalDispositionOfProcessingUnitsRoutesTheirWaitingReturnAndAfterAnInspectionInMercatorIsHeldNotCounted() {
        Tenant tenant = newMerchant("Shopify processing " + UUID.randomUUID());
        ShopifyShop shop = ShopifyShop.random();
        sim.register(shop, Map.of());
        Sale sale = shippedSale(tenant, shop, "VASE", 10, 2);
        awaitExplained(tenant, shop, sale.item());
        String rfoLine = sim.openReturn(shop, sale.orderId(), sale.lineId(), 2);
        String location = "gid://shopify/Location/" + shop.location();
        for (int i = 1; i <= 2; i++) {
            JsonNode processing = sim.dispose(
                    shop,
                    List.of(Map.of(
                            "reverseFulfillmentOrderLineItemId",
                            rfoLine,
                            "quantity",
                            1,
                            "dispositionType",
                            "PROCESSING_REQUIRED")));
            assertThat(processing.get("userErrors")).as(processing.toString()).isEmpty();
        }
        await().atMost(PATIENCE).until(() -> waiting(tenant).size() == 2);
        JsonNode first = waiting(tenant).get(0);

        // Shopify finishes processing one unit and restocks it: the waiting return is routed, no second return.
        sim.dispose(
                shop,
                List.of(Map.of(
                        "reverseFulfillmentOrderLineItemId",
                        rfoLine,
                        "quantity",
                        1,
                        "locationId",
                        location,
                        "dispositionType",
                        "RESTOCKED")));
        await().atMost(PATIENCE).until(() -> waiting(tenant).size() == 1);
        JsonNode restocked =
                tenant.api().get("/api/returns?status=restocked").json().get("items");
        assertThat(restocked).hasSize(1);
        assertThat(tenant.api().get("/api/returns").json().get("total").asLong())
                .isEqualTo(2);
        assertThat(physical(tenant, "VASE")).isEqualTo(9);
        String second = waiting(tenant).get(0).get("id").asString();
        assertThat(restocked.get(0).get("id").asString()).isNotEqualTo(second);

        // The merchant inspects the other unit in Mercator; Shopify later writes the same unit off: held, not counted.
        assertThat(tenant.api()
                        .post("/api/returns/" + second + "/inspect", Map.of("disposition", "sellable"))
                        .status())
                .isEqualTo(200);
        assertThat(physical(tenant, "VASE")).isEqualTo(10);
        sim.dispose(
                shop,
                List.of(Map.of(
                        "reverseFulfillmentOrderLineItemId",
                        rfoLine,
                        "quantity",
                        1,
                        "dispositionType",
                        "NOT_RESTOCKED")));
        await().atMost(PATIENCE)
                .until(() -> tenant.api()
                                .get("/api/returns?status=held")
                                .json()
                                .get("items")
                                .size()
                        == 1);
        assertThat(tenant.api().get("/api/returns").json().get("total").asLong())
                .isEqualTo(3);
        assertThat(physical(tenant, "VASE")).isEqualTo(10);
        assertThat(first.get("id").asString()).isNotBlank();
    }

    private JsonNode waiting(Tenant tenant) {
        return tenant.api()
                .get("/api/returns?status=awaiting_inspection")
                .json()
                .get("items");
    }

    private java.util.stream.Stream<JsonNode> disposeDeliveries(ShopifyShop shop) {
        return sim.webhooks(shop.domain())
                .get("deliveries")
                .valueStream()
                .filter(d -> d.get("topic").asString().equals("reverse_fulfillment_orders/dispose"));
    }
}
