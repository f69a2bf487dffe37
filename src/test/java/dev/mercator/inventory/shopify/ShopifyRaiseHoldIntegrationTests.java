package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.StockLevels;
import dev.mercator.inventory.StockSource;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import dev.mercator.support.SimulatedShopify;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An order whose webhook never arrives (its deliveries go to an address where nothing listens): Mercator's write finds
 * the level stale. A raise over it waits, a lowering goes at once, and the check finds the order by asking Shopify's
 * order list, applies it exactly once, and only then lets the raise through (ADR 10). A sale whose webhooks Shopify
 * gave up on is found the same way by the periodic recheck. Nothing here waits for a clock: the verdict comes from
 * Shopify's own answers.
 */
class ShopifyRaiseHoldIntegrationTests extends IntegrationTest {

    @Autowired
    ShopifyGateway gateway;

    @Autowired
    ShopifyLevelChecks checks;

    @Autowired
    ShopifyOrderLookups lookups;

    @Autowired
    ShopifyLevels shopifyLevels;

    @Autowired
    ShopifyRaiseGate raiseGate;

    @Autowired
    StockLevels levels;

    @Autowired
    InventoryLedger ledger;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** A connected shop whose webhooks go where nothing listens, with SKU HOLD (10) mapped and anchored. */
    private record Deaf(SimulatedShopify sim, MerchantId merchant, String domain, long item) {}

    private Deaf deafShop() {
        SimulatedShopify sim = new SimulatedShopify(api);
        Tenant tenant = newMerchant("Hold shop");
        MerchantId merchant = MerchantId.of(tenant.id());
        ShopifyShop shop = ShopifyShop.random();
        String domain = shop.domain();
        sim.register(shop, Map.of("webhookUrl", "http://127.0.0.1:9/nobody-listens"));
        MerchantFixture.connect(tenant.api(), shop);
        long item = sim.stock(domain, "HOLD", 10);
        tenant.api().put("/api/inventory/HOLD", Map.of("physical", 10));
        tenant.api()
                .post(
                        "/api/mapping",
                        Map.of("sku", "HOLD", "asin", "B0HOLD0001", "shopifyInventoryItemId", Long.toString(item)));
        assertThat(push(merchant, item, 10, null)).isEqualTo(new PushOutcome.Applied("HOLD", 10));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            checks.checkDue();
            lookups.lookUpRequested();
            assertThat(shopifyLevels
                            .find(merchant, Long.toString(item))
                            .orElseThrow()
                            .expected())
                    .isEqualTo(10);
        });
        return new Deaf(sim, merchant, domain, item);
    }

    @Test
    void aRaiseOverAnUnseenOrderWaitsUntilTheOrderListExplainsItButALowerQuantityGoesAtOnce() {
        Deaf shop = deafShop();
        SimulatedShopify sim = shop.sim();
        MerchantId merchant = shop.merchant();
        String domain = shop.domain();
        long item = shop.item();

        sim.order(domain, "HOLD", 1);

        PushOutcome raise = push(merchant, item, 12, 10);
        assertThat(raise).isInstanceOf(PushOutcome.Throttled.class);
        assertThat(sim.available(domain, item))
                .as("the sold unit is not offered again")
                .isEqualTo(9);
        assertThat(raiseGate.held(merchant, Map.of("HOLD", Instant.EPOCH))).containsExactly("HOLD");

        // An Amazon sale lowers physical to 8; lowering Shopify to 8 is always safe and goes at once.
        ledger.apply(
                merchant,
                StockChange.delta(StockChange.ItemRef.sku("HOLD"), -2, StockSource.AMAZON, "amz-1", "sale", "t"));
        assertThat(push(merchant, item, 8, 10)).isEqualTo(new PushOutcome.Applied("HOLD", 8));
        assertThat(sim.available(domain, item)).isEqualTo(8);

        // The order list shows the sale Mercator never heard of: physical loses it, once, and nothing is an edit.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            checks.checkDue();
            lookups.lookUpRequested();
            assertThat(levels.find(merchant, "HOLD").orElseThrow().physical()).isEqualTo(7);
            assertThat(raiseGate.held(merchant, Map.of("HOLD", Instant.EPOCH))).isEmpty();
        });
        assertThat(levels.ledgerSum(merchant, "HOLD")).isEqualTo(7);
        // Shopify shows 8 and Mercator now explains 8 (its write, then the order it found); the next push lowers it.
        assertThat(shopifyLevels
                        .find(merchant, Long.toString(item))
                        .orElseThrow()
                        .expected())
                .isEqualTo(8);

        // Explained now: a raise (a restock, say) goes through.
        assertThat(push(merchant, item, 9, 8)).isEqualTo(new PushOutcome.Applied("HOLD", 9));
        assertThat(sim.available(domain, item)).isEqualTo(9);
    }

    @Test
    void aSaleWhoseWebhooksNeverCameIsFoundByTheRecheckThoughNothingAskedForIt() {
        Deaf shop = deafShop();

        // Shopify gives up on a webhook after four hours of retries: nothing in Mercator moves, no push asks.
        shop.sim().order(shop.domain(), "HOLD", 2);
        assertThat(levels.find(shop.merchant(), "HOLD").orElseThrow().physical())
                .isEqualTo(10);

        // The recheck interval has passed (moved here instead of waiting ten minutes).
        jdbc.sql("update inventory_shopify_levels set recheck_at = :past where merchant_id = :m")
                .param("past", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)))
                .param("m", shop.merchant().value())
                .update();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            checks.checkDue();
            lookups.lookUpRequested();
            assertThat(levels.find(shop.merchant(), "HOLD").orElseThrow().physical())
                    .isEqualTo(8);
        });
        assertThat(jdbc.sql("select count(*) from inventory_ledger where merchant_id = :m and sku = 'HOLD'"
                                + " and source_event_id like 'shopify:%:order:%'")
                        .param("m", shop.merchant().value())
                        .query(Integer.class)
                        .single())
                .as("the sale, under the key its webhook would have had")
                .isEqualTo(1);
        assertThat(levels.ledgerSum(shop.merchant(), "HOLD")).isEqualTo(8);
    }

    private PushOutcome push(MerchantId merchant, long item, int quantity, @Nullable Integer lastConfirmed) {
        List<PushOutcome> outcomes = gateway.push(
                merchant,
                List.of(new PushRequest(
                        new PushTarget("HOLD", null, null, Long.toString(item), null),
                        quantity,
                        lastConfirmed,
                        UUID.randomUUID().toString())));
        assertThat(outcomes).hasSize(1);
        return outcomes.getFirst();
    }
}
