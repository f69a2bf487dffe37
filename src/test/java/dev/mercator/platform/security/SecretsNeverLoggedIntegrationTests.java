package dev.mercator.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Known secrets (admin token, a merchant API key, a provider token, a webhook secret, vault values) are carried by
 * requests and by background calls to a provider, at every log level Mercator uses (outbound exchanges are logged at
 * TRACE); none of them may appear in the captured output.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "mercator.providers.heartbeat.api-token=" + SecretsNeverLoggedIntegrationTests.PROVIDER_TOKEN,
            "logging.level.dev.mercator=DEBUG"
        })
class SecretsNeverLoggedIntegrationTests extends IntegrationTest {

    static final String PROVIDER_TOKEN = "hb_live_token_9f1e2d3c4b5a69788796a5b4";
    static final String WEBHOOK_SECRET = "whsec_known_5c4b3a29187f6e5d4c3b2a19";
    static final String SHOP_TOKEN = "shpat_known_0a1b2c3d4e5f60718293a4b5";
    static final String VAULT_SECRET = "vault_value_7e6d5c4b3a2918f7e6d5c4b3";

    @Test
    void noKnownSecretAppearsInTheLogs(CapturedOutput output) throws Exception {
        Tenant tenant = newMerchant("Secretive Seller");
        // Requests carrying each kind of credential, good and bad.
        tenant.api().get("/api/me");
        api.get("/api/me", "Authorization", "Bearer " + tenant.apiKey());
        api.asMerchant(tenant.apiKey() + "x").get("/api/me");
        admin.get("/api/admin/merchants");
        admin.get("/health/detailed");
        api.asAdmin(ADMIN_TOKEN + "wrong").get("/api/admin/merchants");
        // Secrets stored in the vault, including through a malformed body that fails to parse.
        MerchantFixture.connect(
                tenant.api(), new ShopifyShop("secretive.myshopify.com", SHOP_TOKEN, WEBHOOK_SECRET, 1));
        tenant.api().put("/api/credentials/ebay", Map.of("clientSecret", VAULT_SECRET));
        tenant.api().put("/api/credentials/ebay", "{\"clientSecret\": \"" + VAULT_SECRET + "\"");
        // A signed webhook, and one signed with a wrong secret.
        byte[] body = "{\"id\": 1, \"line_items\": [{\"id\": 2, \"sku\": \"X\", \"quantity\": 1}]}"
                .getBytes(StandardCharsets.UTF_8);
        for (String secret : List.of(WEBHOOK_SECRET, WEBHOOK_SECRET + "-wrong")) {
            api.send(
                    "POST",
                    "/webhook/shopify",
                    "application/json",
                    body,
                    "X-Shopify-Topic",
                    "orders/create",
                    "X-Shopify-Shop-Domain",
                    "secretive.myshopify.com",
                    "X-Shopify-Hmac-Sha256",
                    sign(body, secret),
                    "X-Shopify-Event-Id",
                    "evt-" + secret.length());
        }
        // A background call to a provider that carries its token (the health probe), also when it fails.
        Api.Response health = admin.get("/health/detailed");
        admin.post("/api/admin/sandbox/heartbeat/faults", Map.of("errorRate", 1.0));
        admin.get("/health/detailed");
        admin.delete("/api/admin/sandbox/heartbeat/faults");

        assertThat(health.body()).contains("provider:heartbeat");
        assertThat(output.getAll())
                .as("the outbound call was logged, so masking was exercised")
                .contains("/sandbox/heartbeat/v1/ping");
        for (String secret : List.of(
                ADMIN_TOKEN,
                tenant.apiKey(),
                PROVIDER_TOKEN,
                WEBHOOK_SECRET,
                SHOP_TOKEN,
                VAULT_SECRET,
                ENCRYPTION_KEY)) {
            assertThat(output.getAll())
                    .as("log output must not contain a secret")
                    .doesNotContain(secret);
        }
    }

    private static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
