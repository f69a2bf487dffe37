package dev.mercator.inventory.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The schedule at test speed: a merchant with a connected channel gets runs of its own, one per slot, and a drift made
 * behind Mercator's back is repaired without anyone asking.
 */
@TestPropertySource(
        properties = {
            "mercator.inventory.workers-enabled=true",
            "mercator.inventory.poll-interval=100ms",
            "mercator.inventory.verify-delay=300ms",
            "mercator.sandbox.amazon.visibility-delay=0s",
            "mercator.providers.amazon.orders-poll-interval=1h",
            "mercator.inventory.reconciliation.schedule-enabled=true",
            "mercator.inventory.reconciliation.interval=2s",
            "mercator.inventory.reconciliation.poll-interval=100ms"
        })
class ScheduledReconciliationIntegrationTests extends IntegrationTest {

    @Test
    void eachMerchantIsReconciledInItsSlotAndDriftIsRepairedUnasked() {
        DriftWorld world = new DriftWorld(api);
        Tenant tenant = newMerchant("Scheduled");
        String sku = DriftWorld.sku("SCHED");
        MerchantFixture.AmazonSeller seller = world.amazon(tenant, List.of(sku), 10);
        tenant.api().put("/api/inventory/" + sku, Map.of("physical", 10));
        DriftWorld.awaitInSync(tenant, sku, 10, "amazon");

        world.changeOnAmazon(seller, sku, 17);

        await().atMost(DriftWorld.PATIENCE)
                .until(() -> runs(tenant)
                        .valueStream()
                        .anyMatch(run -> run.get("trigger").asString().equals("schedule")
                                && run.get("drifted").asInt() == 1));
        await().atMost(DriftWorld.PATIENCE).until(() -> world.onAmazon(seller, sku) == 10);
        DriftWorld.awaitInSync(tenant, sku, 10, "amazon");
        // One run per slot: consecutive scheduled runs start at least most of an interval apart.
        await().atMost(DriftWorld.PATIENCE).until(() -> runs(tenant).size() >= 3);
        List<JsonNode> scheduled = runs(tenant)
                .valueStream()
                .filter(run -> run.get("trigger").asString().equals("schedule"))
                .toList();
        for (int i = 1; i < scheduled.size(); i++) {
            java.time.Instant later = java.time.Instant.parse(
                    scheduled.get(i - 1).get("startedAt").asString());
            java.time.Instant earlier =
                    java.time.Instant.parse(scheduled.get(i).get("startedAt").asString());
            assertThat(java.time.Duration.between(earlier, later)).isGreaterThan(java.time.Duration.ofMillis(1500));
        }
    }

    private static JsonNode runs(Tenant tenant) {
        return tenant.api().get("/api/reconciliation/runs?size=200").json().get("items");
    }
}
