package dev.mercator.inventory.reconciliation;

import static dev.mercator.inventory.reconciliation.DriftWorld.PATIENCE;
import static dev.mercator.inventory.reconciliation.DriftWorld.alerts;
import static dev.mercator.inventory.reconciliation.DriftWorld.awaitInSync;
import static dev.mercator.inventory.reconciliation.DriftWorld.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.SimulatedShopify;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Drift made in the simulators behind Mercator's back, found by a reconciliation run and repaired through the real
 * push workers, all over HTTP (ADR 24). The schedule is off (as in every suite but the scheduled one): each test starts its runs itself.
 */
@TestPropertySource(
        properties = {
            "mercator.inventory.workers-enabled=true",
            "mercator.inventory.poll-interval=100ms",
            "mercator.inventory.verify-delay=300ms",
            "mercator.sandbox.amazon.visibility-delay=0s",
            "mercator.providers.amazon.orders-poll-interval=1h"
        })
class DriftRepairIntegrationTests extends IntegrationTest {

    @Test
    void aShopifyEditWhoseWebhookWasLostIsFoundAndRepairedInTheNextRun() {
        DriftWorld world = new DriftWorld(api);
        SimulatedShopify shopify = new SimulatedShopify(api);
        Tenant tenant = newMerchant("Shopify drift");
        String sku = DriftWorld.sku("SHOP-DRIFT");
        MerchantFixture.ShopifyShop shop = MerchantFixture.connect(tenant.api(), MerchantFixture.ShopifyShop.random());
        shopify.register(shop, Map.of());
        long item = shopify.stock(shop.domain(), sku, 10);
        MerchantFixture.AmazonSeller seller = world.amazon(tenant, List.of(sku), 10);
        tenant.api().put("/api/inventory/" + sku, Map.of("physical", 10));
        DriftWorld.expect(
                tenant.api()
                        .post(
                                "/api/mapping",
                                Map.of(
                                        "sku",
                                        sku,
                                        "asin",
                                        "B0DRIFT001",
                                        "shopifyInventoryItemId",
                                        Long.toString(item),
                                        "shopifyLocationId",
                                        Long.toString(shop.location()))),
                200);
        awaitInSync(tenant, sku, 10, "shopify", "amazon");
        await().atMost(PATIENCE)
                .until(() -> DriftWorld.sku(tenant, sku)
                        .get("channels")
                        .get("shopify")
                        .get("levelCheck")
                        .get("state")
                        .asString()
                        .equals("explained"));

        // Someone takes 4 units off in Shopify admin; the level update never reaches Mercator.
        world.editOnShopifyLosingWebhook(shop.domain(), item, 6);

        JsonNode found = run(tenant);
        assertThat(found.get("drifted").asInt()).as(found.toString()).isEqualTo(1);
        assertThat(found.get("repaired").asInt()).isEqualTo(1);
        assertThat(found.get("skusChecked").asInt()).isEqualTo(2);
        assertThat(found.get("apiCalls").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode drift = found.get("drifts").get(0);
        assertThat(drift.get("sku").asString()).isEqualTo(sku);
        assertThat(drift.get("channel").asString()).isEqualTo("shopify");
        assertThat(drift.get("expected").asInt()).isEqualTo(10);
        assertThat(drift.get("shown").asInt()).isEqualTo(6);
        String subject = sku + " on shopify";
        await().atMost(PATIENCE)
                .until(() -> alerts(tenant, "inventory.drift", subject, "open").size() == 1);
        assertThat(alerts(tenant, "inventory.drift", subject, "open")
                        .getFirst()
                        .get("severity")
                        .asString())
                .isEqualTo("info");

        // Repaired: Shopify's order list has no sale to explain the 4 units, so the edit is the merchant's (ADR 10)
        // and every channel offers the same again.
        awaitInSync(tenant, sku, 6, "shopify", "amazon");
        await().atMost(PATIENCE).until(() -> world.onAmazon(seller, sku) == 6);
        assertThat(world.onShopify(shop.domain(), item)).isEqualTo(6);

        JsonNode next = run(tenant);
        assertThat(next.get("drifted").asInt()).as(next.toString()).isZero();
        assertThat(next.get("skusChecked").asInt()).isEqualTo(2);
        await().atMost(PATIENCE)
                .until(() -> alerts(tenant, "inventory.drift", subject, "open").isEmpty());
        assertThat(alerts(tenant, "inventory.drift", subject, "resolved")).hasSize(1);
    }

    @Test
    void anAmazonQuantityChangedBehindMercatorsBackIsFoundAndPushedBackInTheNextRun() {
        DriftWorld world = new DriftWorld(api);
        Tenant tenant = newMerchant("Amazon drift");
        String sku = DriftWorld.sku("AMZ-DRIFT");
        String steady = DriftWorld.sku("AMZ-STEADY");
        MerchantFixture.AmazonSeller seller = world.amazon(tenant, List.of(sku, steady), 10);
        tenant.api().put("/api/inventory/" + sku, Map.of("physical", 10));
        tenant.api().put("/api/inventory/" + steady, Map.of("physical", 10));
        awaitInSync(tenant, sku, 10, "amazon");
        awaitInSync(tenant, steady, 10, "amazon");

        world.changeOnAmazon(seller, sku, 15);

        JsonNode found = run(tenant);
        assertThat(found.get("skusChecked").asInt()).as(found.toString()).isEqualTo(2);
        assertThat(found.get("drifted").asInt()).isEqualTo(1);
        assertThat(found.get("repaired").asInt()).isEqualTo(1);
        assertThat(found.get("errors").asInt()).isZero();
        assertThat(found.get("apiCalls").asInt()).isEqualTo(2);
        assertThat(found.get("trigger").asString()).isEqualTo("api");
        assertThat(found.get("drifts").get(0).get("sku").asString()).isEqualTo(sku);
        assertThat(found.get("drifts").get(0).get("shown").asInt()).isEqualTo(15);

        await().atMost(PATIENCE).until(() -> world.onAmazon(seller, sku) == 10);
        awaitInSync(tenant, sku, 10, "amazon");
        await().atMost(PATIENCE)
                .until(() -> alerts(tenant, "inventory.drift", sku + " on amazon", "open")
                                .size()
                        == 1);
        assertThat(alerts(tenant, "inventory.drift", steady + " on amazon", "open"))
                .isEmpty();

        JsonNode next = run(tenant);
        assertThat(next.get("drifted").asInt()).as(next.toString()).isZero();
        await().atMost(PATIENCE)
                .until(() -> alerts(tenant, "inventory.drift", sku + " on amazon", "open")
                        .isEmpty());
        JsonNode runs = tenant.api().get("/api/reconciliation/runs").json();
        assertThat(runs.get("total").asInt()).isEqualTo(2);
        assertThat(runs.get("items").get(0).get("id").asString())
                .isEqualTo(next.get("id").asString());
    }

    @Test
    void driftOnTheSameSkuInThreeRunsInARowRaisesAWarningThatARunInStepResolves() {
        DriftWorld world = new DriftWorld(api);
        Tenant tenant = newMerchant("Repeated drift");
        String sku = DriftWorld.sku("AMZ-AGAIN");
        MerchantFixture.AmazonSeller seller = world.amazon(tenant, List.of(sku), 10);
        tenant.api().put("/api/inventory/" + sku, Map.of("physical", 10));
        awaitInSync(tenant, sku, 10, "amazon");
        String subject = sku + " on amazon";

        for (int run = 1; run <= 3; run++) {
            world.changeOnAmazon(seller, sku, 20 + run);
            assertThat(run(tenant).get("drifted").asInt()).isEqualTo(1);
            await().atMost(PATIENCE).until(() -> world.onAmazon(seller, sku) == 10);
            awaitInSync(tenant, sku, 10, "amazon");
            if (run < 3) {
                await().atMost(PATIENCE)
                        .until(() -> alerts(tenant, "inventory.drift", subject, "open")
                                        .size()
                                == 1);
                assertThat(alerts(tenant, "inventory.drift_repeated", subject, "open"))
                        .isEmpty();
            }
        }
        await().atMost(PATIENCE)
                .until(() -> alerts(tenant, "inventory.drift_repeated", subject, "open")
                                .size()
                        == 1);
        JsonNode warning =
                alerts(tenant, "inventory.drift_repeated", subject, "open").getFirst();
        assertThat(warning.get("severity").asString()).isEqualTo("warning");
        assertThat(warning.get("details").get("runsInARow").asString()).isEqualTo("3");

        assertThat(run(tenant).get("drifted").asInt()).isZero();
        await().atMost(PATIENCE)
                .until(() -> alerts(tenant, "inventory.drift_repeated", subject, "open")
                                .isEmpty()
                        && alerts(tenant, "inventory.drift", subject, "open").isEmpty());
    }
}
