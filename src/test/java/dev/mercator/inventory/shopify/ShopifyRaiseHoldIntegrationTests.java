package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.PushOutcome;
import dev.mercator.inventory.PushRequest;
import dev.mercator.inventory.PushTarget;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.SimulatedShopify;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A push that would raise Shopify's level over one Mercator did not expect, moments after that level changed, waits
 * for the settle window: the change is most likely an order whose webhook is still on its way, and writing over it
 * would offer sold units again. Lowering never waits, and a level that has been still for the window is written.
 */
@TestPropertySource(properties = "mercator.inventory.manual-edit-settle=3s")
class ShopifyRaiseHoldIntegrationTests extends IntegrationTest {

    @Autowired
    ShopifyGateway gateway;

    @Test
    void aRaiseOverAnUnseenOrderWaitsForTheSettleWindowButALowerQuantityGoesAtOnce() {
        SimulatedShopify sim = new SimulatedShopify(api);
        Tenant tenant = newMerchant("Hold shop");
        MerchantId merchant = MerchantId.of(tenant.id());
        String domain = SimulatedShopify.newDomain();
        String token = "shpat_" + UUID.randomUUID().toString().replace("-", "");
        long location = ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        // No webhook URL: the order's webhook never reaches Mercator, as if it were still on its way.
        String secret = "whsec-" + UUID.randomUUID();
        sim.register(domain, token, secret, location, Map.of());
        var connected = tenant.api()
                .put(
                        "/api/channels/shopify",
                        Map.of(
                                "shopDomain",
                                domain,
                                "accessToken",
                                token,
                                "webhookSecret",
                                secret,
                                "locationId",
                                Long.toString(location)));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(204);
        long item = sim.stock(domain, "HOLD", 10);
        sim.order(domain, "HOLD", 1);

        PushOutcome raise = push(merchant, item, 10, null);

        assertThat(raise).isInstanceOf(PushOutcome.Throttled.class);
        assertThat(((PushOutcome.Throttled) raise).retryAfter())
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMillis(3_100));
        assertThat(sim.available(domain, item))
                .as("the sold unit is not offered again")
                .isEqualTo(9);

        // A stale expectation (Mercator thought 10) re-reads 9, just changed: the raise waits too.
        assertThat(push(merchant, item, 12, 10)).isInstanceOf(PushOutcome.Throttled.class);
        assertThat(sim.available(domain, item)).isEqualTo(9);

        // Lowering is always safe.
        assertThat(push(merchant, item, 7, null)).isInstanceOf(PushOutcome.Applied.class);
        assertThat(sim.available(domain, item)).isEqualTo(7);

        // Once the level has been still for the window, the difference is real and the raise is written.
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> push(merchant, item, 8, null) instanceof PushOutcome.Applied);
        assertThat(sim.available(domain, item)).isEqualTo(8);
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
