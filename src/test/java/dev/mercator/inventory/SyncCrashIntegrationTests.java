package dev.mercator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.LiveAgainstSimulators;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.AmazonSeller;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import dev.mercator.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Mercator is killed with SIGKILL in the middle of a burst of Shopify orders and restarted; both channels must then
 * converge to the right quantities. The simulated Shopify and Amazon run in a process of their own (a Mercator that
 * only hosts the sandbox), and the Mercator under test talks to them in live mode, exactly as it would to the real
 * APIs: its death cannot take the outside world with it, and the simulated Shopify keeps retrying the webhooks it could
 * not deliver, as Shopify does.
 */
class SyncCrashIntegrationTests {

    private static final int SKUS = 10;
    private static final int ORDERS = 300;
    private static final int START = 1000;

    /** Where the Mercator under test keeps its data across the kill: an H2 file here; PostgreSQL in the subclass. */
    protected Map<String, String> database() throws Exception {
        Path dir = Files.createTempDirectory("mercator-sync-crash");
        return Map.of(
                "MERCATOR_DB_URL",
                "jdbc:h2:file:" + dir.resolve("mercator")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
    }

    @Test
    void afterAKillMidBurstBothChannelsConvergeToTheRightQuantities() throws Exception {
        try (ServiceProcess outside = ServiceProcess.start(LiveAgainstSimulators.simulators())) {
            Api world = outside.api();
            int port = ServiceProcess.freePort();
            Map<String, String> environment = LiveAgainstSimulators.mercator(database(), outside.port());

            ShopifyShop shop = ShopifyShop.random().at(MerchantFixture.LOCATION);
            AmazonSeller amazon = AmazonSeller.random("amzn1.application-oa2-client.crash", "crash-secret");
            String domain = shop.domain();
            String sellerId = amazon.sellerId();
            expect(world.put(
                    "/sandbox/shopify/" + domain + "/_sim/shop",
                    shop.registration(Map.of(
                            "webhookUrl",
                            "http://localhost:" + port + "/webhook/shopify",
                            "webhookRetryWindowMs",
                            60_000))));
            List<Map<String, Object>> listings = new ArrayList<>();
            Map<String, Long> items = new HashMap<>();
            Map<String, Integer> expected = new HashMap<>();
            for (int i = 0; i < SKUS; i++) {
                String sku = "KILL-" + i;
                listings.add(Map.of("sku", sku, "quantity", START, "productType", "PRODUCT"));
                items.put(
                        sku,
                        expect(world.post(
                                        "/sandbox/shopify/" + domain + "/_sim/inventory-items",
                                        Map.of("sku", sku, "available", START)))
                                .get("id")
                                .asLong());
                expected.put(sku, START);
            }
            expect(world.post("/sandbox/amazon/_sim/sellers", amazon.registration(listings)));

            String apiKey;
            try (ServiceProcess first = ServiceProcess.start(environment, port)) {
                Api admin = first.api().asAdmin(IntegrationTest.ADMIN_TOKEN);
                apiKey = expect(admin.post("/api/admin/merchants", Map.of("name", "Killed Mid-Burst")))
                        .get("apiKey")
                        .asString();
                Api seller = first.api().asMerchant(apiKey);
                MerchantFixture.connect(seller, shop);
                MerchantFixture.connect(seller, amazon);
                for (String sku : items.keySet()) {
                    expect(seller.put("/api/inventory/" + sku, Map.of("physical", START)));
                    expect(seller.post(
                            "/api/mapping",
                            Map.of(
                                    "sku",
                                    sku,
                                    "asin",
                                    "B0KILLED01",
                                    "shopifyInventoryItemId",
                                    Long.toString(items.get(sku)),
                                    "shopifyLocationId",
                                    "24826418")));
                }

                // The burst: orders keep coming in the simulated store; Mercator dies a third of the way in.
                try (ExecutorService shoppers = Executors.newFixedThreadPool(8)) {
                    List<Future<?>> orders = new ArrayList<>();
                    for (int i = 0; i < ORDERS; i++) {
                        String sku = "KILL-" + (i % SKUS);
                        expected.merge(sku, -1, Integer::sum);
                        orders.add(shoppers.submit(() -> expect(world.post(
                                "/sandbox/shopify/" + domain + "/_sim/orders",
                                Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)))))));
                        if (i == ORDERS / 3) {
                            first.kill();
                        }
                    }
                    for (Future<?> order : orders) {
                        order.get();
                    }
                }
            }

            try (ServiceProcess second = ServiceProcess.start(environment, port)) {
                Api seller = second.api().asMerchant(apiKey);
                Eventually.holds(Duration.ofSeconds(120), Duration.ofMillis(500), () -> {
                    boolean converged = true;
                    for (String sku : items.keySet()) {
                        int want = expected.get(sku);
                        converged &= seller.get("/api/inventory/" + sku)
                                                .json()
                                                .get("physical")
                                                .asInt()
                                        == want
                                && expect(world.get("/sandbox/shopify/" + domain + "/_sim/inventory-items/"
                                                        + items.get(sku)))
                                                .get("available")
                                                .asInt()
                                        == want
                                && expect(world.get("/sandbox/amazon/_sim/sellers/" + sellerId + "/listings/" + sku))
                                                .get("quantity")
                                                .asInt()
                                        == want;
                    }
                    return converged;
                });
                for (String sku : items.keySet()) {
                    int want = expected.get(sku);
                    assertThat(seller.get("/api/inventory/" + sku)
                                    .json()
                                    .get("physical")
                                    .asInt())
                            .as("%s physical", sku)
                            .isEqualTo(want);
                    assertThat(expect(world.get("/sandbox/amazon/_sim/sellers/" + sellerId + "/listings/" + sku))
                                    .get("quantity")
                                    .asInt())
                            .as("%s on Amazon", sku)
                            .isEqualTo(want);
                    assertThat(expect(world.get(
                                            "/sandbox/shopify/" + domain + "/_sim/inventory-items/" + items.get(sku)))
                                    .get("available")
                                    .asInt())
                            .as("%s on Shopify", sku)
                            .isEqualTo(want);
                    JsonNode history = seller.get("/api/inventory/" + sku + "/history?size=500")
                            .json();
                    int sum = 0;
                    for (JsonNode entry : history.get("items")) {
                        sum += entry.get("delta").asInt();
                    }
                    assertThat(sum).as("ledger of %s", sku).isEqualTo(want);
                }
            }
        }
    }

    private static JsonNode expect(Api.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("unexpected answer: " + response);
        }
        return response.raw().length == 0 ? tools.jackson.databind.node.NullNode.getInstance() : response.json();
    }
}
