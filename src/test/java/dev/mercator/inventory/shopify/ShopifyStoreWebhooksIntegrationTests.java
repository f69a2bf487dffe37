package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.StockLevels;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import dev.mercator.support.SimulatedShopify;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The store simulator's webhooks arriving at Mercator's real intake: signed, at least once, duplicated, out of order,
 * retried after a refusal; and the echo of Mercator's own write told apart from a merchant's edit.
 */
class ShopifyStoreWebhooksIntegrationTests extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Shopify's retry schedule compressed into 10 s, so a delivery that meets a busy moment is retried at once. */
    private static final int QUICK_RETRIES = 10_000;

    @Autowired
    StockLevels levels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ShopifyGateway gateway;

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

    record Shop(Tenant tenant, ShopifyShop shopify) {

        MerchantId merchant() {
            return MerchantId.of(tenant.id());
        }

        String domain() {
            return shopify.domain();
        }
    }

    /** A shop registered in the simulator, with a merchant in Mercator that may or may not have connected it yet. */
    Shop shop(Map<String, ?> deliveryOptions, boolean connected) {
        Tenant tenant = newMerchant("Store " + UUID.randomUUID());
        Shop shop = new Shop(tenant, ShopifyShop.random());
        sim.register(shop.shopify(), deliveryOptions);
        if (connected) {
            connect(shop);
        }
        return shop;
    }

    void connect(Shop shop) {
        MerchantFixture.connect(shop.tenant().api(), shop.shopify());
    }

    void count(Shop shop, String sku, int physical) {
        Api.Response set = shop.tenant().api().put("/api/inventory/" + sku, Map.of("physical", physical));
        assertThat(set.status()).as(set.toString()).isBetween(200, 299);
    }

    int physical(Shop shop, String sku) {
        return levels.find(shop.merchant(), sku).orElseThrow().physical();
    }

    long ledgerEntriesFromShopify(Shop shop, String sku) {
        return jdbc.sql("select count(*) from inventory_ledger where merchant_id = :m and sku = :sku and source = "
                        + "'shopify'")
                .param("m", shop.merchant().value())
                .param("sku", sku)
                .query(Long.class)
                .single();
    }

    JsonNode settledWebhooks(Shop shop) {
        JsonNode[] webhooks = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            webhooks[0] = sim.webhooks(shop.domain());
            assertThat(webhooks[0].get("stats").get("pending").asLong()).isZero();
        });
        return webhooks[0];
    }

    @Test
    void ordersAreAppliedExactlyOnceThoughEveryWebhookComesThreeTimesAndOutOfOrder() {
        Shop shop = shop(
                Map.of(
                        "duplicateProbability",
                        1.0,
                        "duplicateCopies",
                        2,
                        "maxReorderDelayMs",
                        300,
                        "webhookRetryWindowMs",
                        QUICK_RETRIES),
                true);
        count(shop, "MUG", 20);
        sim.stock(shop.domain(), "MUG", 20);

        sim.order(shop.domain(), "MUG", 2);
        sim.order(shop.domain(), "MUG", 3);

        JsonNode webhooks = settledWebhooks(shop);
        // Two orders/create and two inventory_levels/update, each delivered three times, every copy accepted.
        assertThat(webhooks.get("stats").get("events").asLong()).isEqualTo(4);
        assertThat(webhooks.get("stats").get("duplicates").asLong()).isEqualTo(8);
        assertThat(webhooks.get("stats").get("successes").asLong()).isEqualTo(12);
        List<JsonNode> orderDeliveries = webhooks.get("deliveries")
                .valueStream()
                .filter(d -> d.get("topic").asString().equals("orders/create"))
                .toList();
        assertThat(orderDeliveries).hasSize(6);
        assertThat(orderDeliveries.stream()
                        .map(d -> d.get("eventId").asString())
                        .distinct())
                .hasSize(2);
        assertThat(physical(shop, "MUG")).isEqualTo(15);
        assertThat(ledgerEntriesFromShopify(shop, "MUG")).isEqualTo(2);
        assertThat(levels.ledgerSum(shop.merchant(), "MUG")).isEqualTo(15);
    }

    @Test
    void deliveriesMercatorRefusesAreRetriedUntilItTakesThem() {
        // Shopify's 8 retries over 4 hours, compressed into a minute; the first retries come within a second or two.
        Shop shop = shop(Map.of("webhookRetries", 8, "webhookRetryWindowMs", 60_000), false);
        count(shop, "HAT", 10);
        sim.stock(shop.domain(), "HAT", 10);

        sim.order(shop.domain(), "HAT", 1);
        // The shop is not connected yet: Mercator cannot verify the signature and answers 401.
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(sim.webhooks(shop.domain())
                                .get("stats")
                                .get("failures")
                                .asLong())
                        .isGreaterThanOrEqualTo(2));
        assertThat(physical(shop, "HAT")).isEqualTo(10);

        connect(shop);

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(physical(shop, "HAT")).isEqualTo(9));
        JsonNode webhooks = settledWebhooks(shop);
        assertThat(webhooks.get("stats").get("retries").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(webhooks.get("stats").get("gaveUp").asLong()).isZero();
        JsonNode order = webhooks.get("deliveries")
                .valueStream()
                .filter(d -> d.get("topic").asString().equals("orders/create"))
                .findFirst()
                .orElseThrow();
        assertThat(order.get("state").asString()).isEqualTo("delivered");
        assertThat(order.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(order.get("lastStatus").asInt()).isEqualTo(200);
        assertThat(physical(shop, "HAT")).isEqualTo(9);
    }

    @Test
    void echoOfMercatorsOwnWriteAsksNothingButALaterManualEditCountsByItsDelta() {
        Shop shop = shop(Map.of(), true);
        long item = sim.stock(shop.domain(), "CHAIR", 10);
        count(shop, "CHAIR", 10);
        Api.Response mapped = shop.tenant()
                .api()
                .post(
                        "/api/mapping",
                        Map.of(
                                "sku",
                                "CHAIR",
                                "asin",
                                "B000000001",
                                "shopifyInventoryItemId",
                                Long.toString(item),
                                "shopifyLocationId",
                                Long.toString(shop.shopify().location())));
        assertThat(mapped.status()).as(mapped.toString()).isEqualTo(200);
        assertThat(push(shop, item, 10, null)).isEqualTo(new PushOutcome.Applied("CHAIR", 10));
        awaitExpected(shop, item, 10);
        // Physical moves on (an Amazon sale, say) while a push of the previous broadcast, 6, is on its way.
        count(shop, "CHAIR", 5);

        assertThat(push(shop, item, 6, 10)).isEqualTo(new PushOutcome.Applied("CHAIR", 6));

        // Shopify reports available 6, its echo: no check, nothing changes.
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(reportOutcome(shop, item, 6)).contains("echo"));
        assertThat(shopifyLevels
                        .find(shop.merchant(), Long.toString(item))
                        .orElseThrow()
                        .expected())
                .isEqualTo(6);
        assertThat(physical(shop, "CHAIR")).isEqualTo(5);

        // The merchant sets 15 in Shopify admin: no order explains the +9, so physical moves by +9.
        sim.edit(shop.domain(), item, 15);

        await().atMost(PATIENCE).untilAsserted(() -> {
            checks.checkDue();
            lookups.lookUpRequested();
            assertThat(physical(shop, "CHAIR")).isEqualTo(14);
        });
        assertThat(levels.ledgerSum(shop.merchant(), "CHAIR")).isEqualTo(14);
        assertThat(jdbc.sql("select delta from inventory_ledger where merchant_id = :m and sku = 'CHAIR' and reason = "
                                + "'edited in Shopify admin'")
                        .param("m", shop.merchant().value())
                        .query(Integer.class)
                        .list())
                .containsExactly(9);
    }

    private PushOutcome push(Shop shop, long item, int quantity, Integer lastConfirmed) {
        return gateway.push(
                        shop.merchant(),
                        List.of(new PushRequest(
                                new PushTarget("CHAIR", null, null, Long.toString(item), null),
                                quantity,
                                lastConfirmed,
                                UUID.randomUUID().toString())))
                .getFirst();
    }

    private void awaitExpected(Shop shop, long item, int expected) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            checks.checkDue();
            lookups.lookUpRequested();
            assertThat(shopifyLevels
                            .find(shop.merchant(), Long.toString(item))
                            .orElseThrow()
                            .expected())
                    .isEqualTo(expected);
        });
    }

    @Test
    void cancelledOrderIsRestockedOnceThoughCancellationAndRefundBothSaySo() {
        Shop shop = shop(
                Map.of(
                        "duplicateProbability",
                        1.0,
                        "duplicateCopies",
                        1,
                        "maxReorderDelayMs",
                        200,
                        "webhookRetryWindowMs",
                        QUICK_RETRIES),
                true);
        count(shop, "KNIFE", 10);
        long item = sim.stock(shop.domain(), "KNIFE", 10);
        long orderId = sim.order(shop.domain(), "KNIFE", 4).get("id").asLong();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(physical(shop, "KNIFE")).isEqualTo(6));

        sim.cancel(shop.domain(), orderId, true);

        JsonNode webhooks = settledWebhooks(shop);
        assertThat(webhooks.get("deliveries")
                        .valueStream()
                        .map(d -> d.get("topic").asString()))
                .contains("orders/cancelled", "refunds/create");
        assertThat(sim.available(shop.domain(), item)).isEqualTo(10);
        assertThat(physical(shop, "KNIFE")).isEqualTo(10);
        assertThat(levels.ledgerSum(shop.merchant(), "KNIFE")).isEqualTo(10);
    }

    @Test
    void returnedUnitsAreRestocked() {
        Shop shop = shop(Map.of("webhookRetryWindowMs", QUICK_RETRIES), true);
        count(shop, "FORK", 10);
        sim.stock(shop.domain(), "FORK", 10);
        JsonNode order = sim.order(shop.domain(), "FORK", 3);
        long lineItem = order.get("line_items").get(0).get("id").asLong();
        sim.fulfill(shop.domain(), order.get("id").asLong());

        sim.refund(shop.domain(), order.get("id").asLong(), lineItem, 1, "return");

        settledWebhooks(shop);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(physical(shop, "FORK")).isEqualTo(8));
        assertThat(levels.ledgerSum(shop.merchant(), "FORK")).isEqualTo(8);
    }

    private Optional<String> reportOutcome(Shop shop, long item, int available) {
        return jdbc.sql("""
                        select outcome from inventory_level_reports
                        where merchant_id = :m and inventory_item_id = :item and available = :available
                          and outcome is not null and outcome <> 'processing'""")
                .param("m", shop.merchant().value())
                .param("item", Long.toString(item))
                .param("available", available)
                .query(String.class)
                .optional();
    }
}
