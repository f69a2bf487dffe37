package dev.mercator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.Api;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.LiveAgainstSimulators;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.AmazonSeller;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import dev.mercator.support.ServiceProcess;
import dev.mercator.support.SyncModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The model schedule of {@code SyncModelIntegrationTests} (orders, cancellations, returns, refunds, manual edits, with
 * late, reordered, duplicated and retried webhooks) with Mercator killed by SIGKILL at a random moment of it and
 * started again. The simulated Shopify and Amazon live in a process of their own and keep retrying what they could not
 * deliver, as the real ones do. After it settles, physical and both channels equal the truth, the ledger adds up, and
 * the only edits in it are the merchant's; outside the time Mercator was down, no channel offered more than was true.
 */
class SyncModelCrashIntegrationTests {

    private static final int SKUS = 4;
    private static final int INITIAL = 30;
    private static final int OPERATIONS = 45;
    private static final Duration LAG = Duration.ofSeconds(10);

    /** Where the Mercator under test keeps its data across the kill: an H2 file here; PostgreSQL in the subclass. */
    protected Map<String, String> database() throws Exception {
        Path dir = Files.createTempDirectory("mercator-model-crash");
        return Map.of(
                "MERCATOR_DB_URL",
                "jdbc:h2:file:" + dir.resolve("mercator")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
    }

    @Test
    void afterAKillAtARandomMomentEverythingEndsOnTheTruth() throws Exception {
        String replay = System.getProperty("mercator.sync-model.seed", "");
        long seed = replay.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(replay.strip());
        try (ServiceProcess outside = ServiceProcess.start(LiveAgainstSimulators.simulators())) {
            Api world = outside.api();
            int port = ServiceProcess.freePort();
            Map<String, String> environment = LiveAgainstSimulators.mercator(database(), outside.port());
            environment.put("MERCATOR_AMAZON_ORDERS_POLL_INTERVAL", "1h");
            environment.put("MERCATOR_SHOPIFY_LEVEL_CHECK_DELAY", "200ms");
            environment.put("MERCATOR_SHOPIFY_LEVEL_UNEXPLAINED_PATIENCE", "3s");
            environment.put("MERCATOR_SHOPIFY_LEVEL_ANCHOR_STILLNESS", "1s");
            environment.put("MERCATOR_SHOPIFY_LEVEL_POLL_INTERVAL", "100ms");

            ShopifyShop store = ShopifyShop.random().at(MerchantFixture.LOCATION);
            AmazonSeller amazon = AmazonSeller.random("amzn1.application-oa2-client.model", "model-secret");
            String domain = store.domain();
            String sellerId = amazon.sellerId();
            Map<String, Object> shop = new HashMap<>();
            shop.put("webhookUrl", "http://localhost:" + port + "/webhook/shopify");
            shop.put("webhookRetries", 8);
            shop.put("webhookRetryWindowMs", 60_000);
            shop.put("duplicateProbability", 0.3);
            shop.put("maxReorderDelayMs", 3000);
            shop.put("lostFirstAttemptProbability", 0.2);
            expect(world.put("/sandbox/shopify/" + domain + "/_sim/shop", store.registration(shop)));
            List<SyncModel.Sku> skus = new ArrayList<>();
            List<Map<String, Object>> listings = new ArrayList<>();
            for (int i = 0; i < SKUS; i++) {
                String sku = "K" + Long.toHexString(seed & 0xffffff) + "-" + i;
                long item = expect(world.post(
                                "/sandbox/shopify/" + domain + "/_sim/inventory-items",
                                Map.of("sku", sku, "available", INITIAL)))
                        .get("id")
                        .asLong();
                skus.add(new SyncModel.Sku(sku, item));
                listings.add(Map.of("sku", sku, "quantity", INITIAL, "productType", "PRODUCT"));
            }
            expect(world.post("/sandbox/amazon/_sim/sellers", amazon.registration(listings)));

            SyncModel model = new SyncModel(seed, world, null, domain, sellerId, skus, INITIAL);
            AtomicLong downFrom = new AtomicLong(Long.MAX_VALUE);
            String apiKey;
            AtomicBoolean sampling;
            try (ServiceProcess first = ServiceProcess.start(environment, port)) {
                Api admin = first.api().asAdmin(IntegrationTest.ADMIN_TOKEN);
                apiKey = expect(admin.post("/api/admin/merchants", Map.of("name", "Killed at random")))
                        .get("apiKey")
                        .asString();
                Api merchant = first.api().asMerchant(apiKey);
                MerchantFixture.connect(merchant, store);
                MerchantFixture.connect(merchant, amazon);
                for (SyncModel.Sku sku : skus) {
                    expect(merchant.put("/api/inventory/" + sku.sku(), Map.of("physical", INITIAL)));
                    expect(merchant.post(
                            "/api/mapping",
                            Map.of(
                                    "sku",
                                    sku.sku(),
                                    "asin",
                                    "B0MODELK01",
                                    "shopifyInventoryItemId",
                                    Long.toString(sku.shopifyItem()),
                                    "shopifyLocationId",
                                    "24826418")));
                }
                awaitInSync(merchant, skus);

                sampling = model.sample(Duration.ofMillis(100));
                model.run(OPERATIONS, () -> {
                    downFrom.set(System.nanoTime());
                    try {
                        first.kill();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(interrupted);
                    }
                });
            }

            try (ServiceProcess second = ServiceProcess.start(environment, port)) {
                long downUntil = System.nanoTime();
                Api merchant = second.api().asMerchant(apiKey);
                boolean settled = Eventually.holds(Duration.ofSeconds(120), Duration.ofMillis(500), () -> {
                    boolean now = model.webhooksSettled();
                    for (SyncModel.Sku sku : skus) {
                        int truth = model.truth(sku.sku());
                        now &= physical(merchant, sku.sku()) == truth
                                && model.shopify(sku) == truth
                                && Integer.valueOf(truth).equals(model.amazon(sku.sku()));
                    }
                    return now;
                });
                sampling.set(false);
                String state = model.describe() + "; now " + state(merchant, model, skus);
                assertThat(settled).as("settled on the truth: %s", state).isTrue();
                // After the restart, a webhook that failed while Mercator was down comes with Shopify's next retry: up
                // to half the 60 s retry window later. A push the killed process had claimed is claimed again when its
                // lease runs out, which is at most 15 s after the kill since pushes renew short leases (ADR 8).
                List<String> over = model.overOffers(
                        LAG, downFrom.get(), downUntil + Duration.ofSeconds(30).toNanos());
                assertThat(over).as(state + "\n" + model.timeline(over)).isEmpty();
                for (SyncModel.Sku sku : skus) {
                    int sum = 0;
                    int edits = 0;
                    for (JsonNode entry : merchant.get("/api/inventory/" + sku.sku() + "/history?size=500")
                            .json()
                            .get("items")) {
                        sum += entry.get("delta").asInt();
                        edits += entry.get("reason").asString().equals("edited in Shopify admin")
                                ? entry.get("delta").asInt()
                                : 0;
                    }
                    assertThat(sum).as("ledger of %s: %s", sku.sku(), state).isEqualTo(model.truth(sku.sku()));
                    assertThat(edits).as("edits of %s: %s", sku.sku(), state).isEqualTo(model.edits(sku.sku()));
                }
            }
        }
    }

    private static void awaitInSync(Api merchant, List<SyncModel.Sku> skus) {
        await("the initial sync")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    boolean inSync = true;
                    for (SyncModel.Sku sku : skus) {
                        JsonNode channels = merchant.get("/api/inventory/" + sku.sku())
                                .json()
                                .get("channels");
                        // Anchored too: an edit made before its starting point is part of that point (ADR 10).
                        inSync &= channels.get("shopify")
                                        .get("syncState")
                                        .asString()
                                        .equals("in_sync")
                                && channels.get("amazon")
                                        .get("syncState")
                                        .asString()
                                        .equals("in_sync")
                                && channels.get("shopify")
                                        .path("levelCheck")
                                        .path("state")
                                        .asString("")
                                        .equals("explained");
                    }
                    return inSync;
                });
    }

    private static int physical(Api merchant, String sku) {
        return merchant.get("/api/inventory/" + sku).json().get("physical").asInt();
    }

    private static String state(Api merchant, SyncModel model, List<SyncModel.Sku> skus) {
        StringBuilder state = new StringBuilder();
        for (SyncModel.Sku sku : skus) {
            state.append(sku.sku())
                    .append(": physical ")
                    .append(physical(merchant, sku.sku()))
                    .append(", shopify ")
                    .append(model.shopify(sku))
                    .append(", amazon ")
                    .append(model.amazon(sku.sku()))
                    .append("; ");
        }
        return state.toString();
    }

    private static JsonNode expect(Api.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("unexpected answer: " + response);
        }
        return response.raw().length == 0 ? NullNode.getInstance() : response.json();
    }
}
