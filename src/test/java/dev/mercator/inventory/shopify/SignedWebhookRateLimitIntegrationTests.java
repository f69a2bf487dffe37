package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Shopify delivers bursts from a few addresses: a validly signed delivery is never refused by the per-address limit,
 * while deliveries whose signature fails count against it and are refused once it is spent.
 */
@TestPropertySource(properties = "mercator.rate-limit.per-ip-per-minute=12")
class SignedWebhookRateLimitIntegrationTests extends ShopifyWebhookFixture {

    @Test
    void signedBurstsPassTheAddressLimitWhileBadSignaturesSpendIt() {
        Shop shop = shop("BURST", 1000);

        for (int i = 0; i < 30; i++) {
            Api.Response delivered =
                    deliver(shop, "orders/create", "burst-" + UUID.randomUUID(), order(60_000 + i, "BURST", 1));
            assertThat(delivered.status())
                    .as("signed delivery %d: %s", i, delivered)
                    .isEqualTo(200);
        }

        int refused = 0;
        for (int i = 0; i < 20 && refused == 0; i++) {
            int status = forged(shop).status();
            assertThat(status).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused)
                .as("a flood of bad signatures is refused by the address limit")
                .isEqualTo(1);
        assertThat(forged(shop).status()).isEqualTo(429);

        Api.Response stillSigned =
                deliver(shop, "orders/create", "after-" + UUID.randomUUID(), order(70_000, "BURST", 1));
        assertThat(stillSigned.status())
                .as("Shopify's own deliveries keep going")
                .isEqualTo(200);
        assertThat(physical(shop, "BURST")).isEqualTo(1000 - 31);
    }

    private Api.Response forged(Shop shop) {
        byte[] raw = order(80_000, "BURST", 1).getBytes(StandardCharsets.UTF_8);
        return api.send(
                "POST",
                "/webhook/shopify",
                "application/json",
                raw,
                "X-Shopify-Topic",
                "orders/create",
                "X-Shopify-Shop-Domain",
                shop.domain(),
                "X-Shopify-Hmac-Sha256",
                WebhookSignature.sign(raw, "not-the-secret"),
                "X-Shopify-Event-Id",
                "forged-" + UUID.randomUUID());
    }
}
