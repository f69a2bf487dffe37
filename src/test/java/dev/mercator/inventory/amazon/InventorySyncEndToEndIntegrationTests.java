package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.StockLevels;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.SimulatedShopify;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole loop with Mercator's real background workers, real clients and both simulators over HTTP: a sale on
 * Shopify lowers what Amazon offers, a sale on Amazon lowers what Shopify offers, and both end in sync with a ledger
 * that adds up.
 */
@TestPropertySource(
        properties = {
            "mercator.inventory.workers-enabled=true",
            "mercator.inventory.poll-interval=100ms",
            "mercator.inventory.verify-delay=300ms",
            "mercator.sandbox.amazon.visibility-delay=0s",
            "mercator.sandbox.amazon.orders-settle=0s",
            "mercator.providers.amazon.orders-settle=0s",
            "mercator.providers.amazon.burst=4",
            "mercator.providers.amazon.orders-poll-interval=1h"
        })
class InventorySyncEndToEndIntegrationTests extends IntegrationTest {

    @Autowired
    StockLevels levels;

    @Autowired
    AmazonOrdersPoller amazonOrders;

    @Test
    void aSaleOnEitherChannelReachesTheOtherAndBothEndInSync() {
        AmazonSandbox amazon = new AmazonSandbox(api, admin);
        SimulatedShopify shopify = new SimulatedShopify(api);
        String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
        Tenant tenant = newMerchant("Both Channels");
        MerchantId merchant = MerchantId.of(tenant.id());

        String domain = SimulatedShopify.newDomain();
        String shopToken = "shpat_" + UUID.randomUUID();
        String secret = "whsec-" + UUID.randomUUID();
        shopify.register(domain, shopToken, secret, 24826418L, Map.of());
        long item = shopify.stock(domain, sku, 10);
        assertThat(tenant.api()
                        .put(
                                "/api/channels/shopify",
                                Map.of(
                                        "shopDomain", domain,
                                        "accessToken", shopToken,
                                        "webhookSecret", secret,
                                        "locationId", "24826418"))
                        .status())
                .isEqualTo(204);
        AmazonSandbox.Seller seller = amazon.newSeller().listing(sku, 10).register();
        amazon.connect(tenant, seller);
        tenant.api().put("/api/inventory/" + sku, Map.of("physical", 10));
        tenant.api()
                .post(
                        "/api/mapping",
                        Map.of(
                                "sku",
                                sku,
                                "asin",
                                "B0E2E00001",
                                "shopifyInventoryItemId",
                                Long.toString(item),
                                "shopifyLocationId",
                                "24826418"));
        awaitInSync(tenant, sku, 10);

        // A sale on Shopify: the webhook lowers physical, the outbox lowers Amazon.
        shopify.order(domain, sku, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> amazon.quantity(seller, sku) == 7);
        awaitInSync(tenant, sku, 7);
        assertThat(shopify.available(domain, item)).isEqualTo(7);

        // A sale on Amazon: the orders poll lowers physical, the outbox lowers Shopify.
        amazon.seedOrder(seller, "UNSHIPPED", "MERCHANT", Map.of(sku, 2));
        amazonOrders.pollAll();
        await().atMost(Duration.ofSeconds(30)).until(() -> shopify.available(domain, item) == 5);
        awaitInSync(tenant, sku, 5);
        assertThat(amazon.quantity(seller, sku)).isEqualTo(5);

        // A buffer on Amazon only changes what Amazon is offered.
        tenant.api().post("/api/buffer/" + sku, Map.of("channel", "amazon", "buffer", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> amazon.quantity(seller, sku) == 3);
        assertThat(shopify.available(domain, item)).isEqualTo(5);

        assertThat(levels.ledgerSum(merchant, sku))
                .isEqualTo(levels.find(merchant, sku).orElseThrow().physical());
        assertThat(levels.find(merchant, sku).orElseThrow().physical()).isEqualTo(5);
    }

    private static void awaitInSync(Tenant tenant, String sku, int physical) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode view = tenant.api().get("/api/inventory/" + sku).json();
            JsonNode channels = view.get("channels");
            return view.get("physical").asInt() == physical
                    && channels.get("shopify").get("syncState").asString().equals("in_sync")
                    && channels.get("amazon").get("syncState").asString().equals("in_sync");
        });
    }
}
