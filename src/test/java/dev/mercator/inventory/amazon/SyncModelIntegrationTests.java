package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.StockLevels;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.SimulatedShopify;
import dev.mercator.support.SyncModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The "never oversell" promise against the simulators' ground truth (ADR 10). A seeded random schedule of orders,
 * partial and full cancellations, returns, refunds without restock, manual edits in Shopify admin (during order traffic
 * and in quiet times) and warehouse counts told to Mercator runs against a shop whose webhooks come late (up to 3 s,
 * where Mercator's patience is 3 s: minutes against the production 30 s), out of order, duplicated, and some only after
 * a retry. While it runs, neither channel may offer more than was recently true; once it settles, physical and both
 * channels equal the truth (initial − sold + restocked + edits) and the ledger's edits are exactly the merchant's.
 *
 * <p>Three random seeds per run ({@code -Dmercator.sync-model.seeds=N} for more); a failing one is printed with the
 * property that replays it ({@code -Dmercator.sync-model.seed=N}).
 */
@TestPropertySource(
        properties = {
            "mercator.inventory.workers-enabled=true",
            "mercator.inventory.poll-interval=100ms",
            "mercator.inventory.verify-delay=300ms",
            "mercator.inventory.shopify-levels.check-delay=200ms",
            "mercator.inventory.shopify-levels.unexplained-patience=3s",
            "mercator.sandbox.amazon.visibility-delay=0s",
            "mercator.sandbox.amazon.orders-settle=0s",
            "mercator.providers.amazon.orders-settle=0s",
            "mercator.providers.amazon.burst=4",
            "mercator.providers.amazon.orders-poll-interval=1h",
            "logging.level.dev.mercator.inventory.shopify=DEBUG",
            "logging.level.org.zalando.logbook=INFO"
        })
class SyncModelIntegrationTests extends IntegrationTest {

    private static final int SKUS = 4;
    private static final int INITIAL = 30;
    private static final int OPERATIONS = 45;
    /** How long a sale may take to reach the other channel: the latest webhook, the patience, and a loaded machine. */
    private static final Duration LAG = Duration.ofSeconds(10);

    @Autowired
    StockLevels levels;

    @Autowired
    JdbcClient jdbc;

    static LongStream seeds() {
        String replay = System.getProperty("mercator.sync-model.seed", "");
        if (!replay.isBlank()) {
            return LongStream.of(Long.parseLong(replay.strip()));
        }
        return ThreadLocalRandom.current().longs(Integer.getInteger("mercator.sync-model.seeds", 3));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noChannelEverOffersMoreThanIsTrueAndEverythingEndsOnTheTruth(long seed) throws Exception {
        AmazonSandbox amazon = new AmazonSandbox(api, admin);
        SimulatedShopify shopify = new SimulatedShopify(api);
        Tenant tenant = newMerchant("Model " + seed);
        MerchantId merchant = MerchantId.of(tenant.id());
        String domain = SimulatedShopify.newDomain();
        String token = "shpat_" + UUID.randomUUID().toString().replace("-", "");
        String secret = "whsec-" + UUID.randomUUID();
        shopify.register(
                domain,
                token,
                secret,
                24826418L,
                Map.of(
                        "duplicateProbability", 0.3,
                        "duplicateCopies", 1,
                        "maxReorderDelayMs", 3000,
                        "webhookRetries", 4,
                        "webhookRetryWindowMs", 6000,
                        "lostFirstAttemptProbability", 0.2));
        assertThat(tenant.api()
                        .put(
                                "/api/channels/shopify",
                                Map.of(
                                        "shopDomain", domain,
                                        "accessToken", token,
                                        "webhookSecret", secret,
                                        "locationId", "24826418"))
                        .status())
                .isEqualTo(204);
        AmazonSandbox.SellerBuilder listings = amazon.newSeller();
        List<SyncModel.Sku> skus = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            String sku = "M" + Long.toHexString(seed & 0xffffff) + "-" + i;
            skus.add(new SyncModel.Sku(sku, shopify.stock(domain, sku, INITIAL)));
            listings.listing(sku, INITIAL);
        }
        AmazonSandbox.Seller seller = listings.register();
        amazon.connect(tenant, seller);
        for (SyncModel.Sku sku : skus) {
            tenant.api().put("/api/inventory/" + sku.sku(), Map.of("physical", INITIAL));
            tenant.api()
                    .post(
                            "/api/mapping",
                            Map.of(
                                    "sku",
                                    sku.sku(),
                                    "asin",
                                    "B0MODEL001",
                                    "shopifyInventoryItemId",
                                    Long.toString(sku.shopifyItem()),
                                    "shopifyLocationId",
                                    "24826418"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> skus.stream().allMatch(s -> inSync(tenant, s.sku())));

        SyncModel model = new SyncModel(seed, api, tenant.api(), domain, seller.sellerId(), skus, INITIAL);
        AtomicBoolean sampling = model.sample(Duration.ofMillis(100));
        try {
            model.run(OPERATIONS, null);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> model.webhooksSettled()
                            && skus.stream()
                                    .allMatch(s -> physical(merchant, s.sku()) == model.truth(s.sku())
                                            && model.shopify(s) == model.truth(s.sku())
                                            && Integer.valueOf(model.truth(s.sku()))
                                                    .equals(model.amazon(s.sku()))));
        } catch (org.awaitility.core.ConditionTimeoutException notSettled) {
            throw new AssertionError(
                    "did not settle on the truth: " + model.describe() + "; now " + state(merchant, model, skus),
                    notSettled);
        } finally {
            sampling.set(false);
        }

        assertThat(model.samples()).isPositive();
        assertThat(model.overOffers(LAG))
                .as(model.describe() + "\n" + model.timeline(LAG))
                .isEmpty();
        for (SyncModel.Sku sku : skus) {
            assertThat(levels.ledgerSum(merchant, sku.sku()))
                    .as("ledger of %s, %s", sku.sku(), model.describe())
                    .isEqualTo(model.truth(sku.sku()));
            assertThat(editsInLedger(merchant, sku.sku()))
                    .as("edits of %s in the ledger, %s", sku.sku(), model.describe())
                    .isEqualTo(model.edits(sku.sku()));
        }
    }

    private String state(MerchantId merchant, SyncModel model, List<SyncModel.Sku> skus) {
        StringBuilder state = new StringBuilder();
        for (SyncModel.Sku sku : skus) {
            state.append(sku.sku())
                    .append(": physical ")
                    .append(physical(merchant, sku.sku()))
                    .append(", shopify ")
                    .append(model.shopify(sku))
                    .append(", amazon ")
                    .append(model.amazon(sku.sku()))
                    .append(", edits in ledger ")
                    .append(editsInLedger(merchant, sku.sku()))
                    .append("; ");
        }
        return state.toString();
    }

    private int physical(MerchantId merchant, String sku) {
        return levels.find(merchant, sku).orElseThrow().physical();
    }

    private int editsInLedger(MerchantId merchant, String sku) {
        return jdbc.sql("select coalesce(sum(delta), 0) from inventory_ledger where merchant_id = :m and sku = :sku"
                        + " and reason = 'edited in Shopify admin'")
                .param("m", merchant.value())
                .param("sku", sku)
                .query(Integer.class)
                .single();
    }

    private static boolean inSync(Tenant tenant, String sku) {
        JsonNode view = tenant.api().get("/api/inventory/" + sku).json();
        JsonNode channels = view.get("channels");
        // Anchored too: an edit made before its starting point is part of that point (ADR 10).
        return channels.get("shopify").get("syncState").asString().equals("in_sync")
                && channels.get("amazon").get("syncState").asString().equals("in_sync")
                && channels.get("shopify")
                        .path("levelCheck")
                        .path("state")
                        .asString("")
                        .equals("explained");
    }
}
