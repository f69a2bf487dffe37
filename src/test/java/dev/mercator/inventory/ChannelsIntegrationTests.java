package dev.mercator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.AmazonSeller;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ChannelsIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    static Map<String, Object> shopify(String domain, String token) {
        return new ShopifyShop(domain, token, "whsec-" + UUID.randomUUID(), MerchantFixture.LOCATION).connection();
    }

    static Map<String, Object> amazon(String refreshToken) {
        return new AmazonSeller(
                        "A1B2C3D4E5F6G7",
                        "amzn1.application-oa2-client.abc",
                        "lwa-secret-" + UUID.randomUUID(),
                        refreshToken)
                .connection();
    }

    @Test
    void connectedChannelsAreShownWithoutTheirSecrets() {
        Tenant tenant = newMerchant("Connected");
        String domain = "conn-" + UUID.randomUUID().toString().substring(0, 6) + ".myshopify.com";
        String token = "shpat_" + UUID.randomUUID();
        String refresh = "Atzr|" + UUID.randomUUID();

        assertThat(tenant.api()
                        .put("/api/channels/shopify", shopify(domain, token))
                        .status())
                .isEqualTo(204);
        assertThat(tenant.api().put("/api/channels/amazon", amazon(refresh)).status())
                .isEqualTo(204);
        Api.Response listed = tenant.api().get("/api/channels");

        JsonNode channels = listed.json();
        assertThat(channels).hasSize(2);
        assertThat(channels.get(0).get("configured").asBoolean()).isTrue();
        assertThat(channels.get(0).get("health").asString()).isEqualTo("healthy");
        assertThat(listed.body()).doesNotContain(token).doesNotContain(refresh).doesNotContain("whsec-");
        String stored = String.join(
                "",
                jdbc.sql("select ciphertext from merchant_credentials where merchant_id = :m")
                        .param("m", UUID.fromString(tenant.id()))
                        .query((rs, n) -> rs.getString(1))
                        .list());
        assertThat(stored).isNotEmpty().doesNotContain(token).doesNotContain(refresh);
    }

    @Test
    void invalidChannelSettingsAreRefusedAndNothingStored() {
        Tenant tenant = newMerchant("Careless Connector");

        assertThat(tenant.api()
                        .put("/api/channels/shopify", shopify("not-a-shop.example.com", "t"))
                        .status())
                .isEqualTo(400);
        assertThat(tenant.api()
                        .put(
                                "/api/channels/shopify",
                                Map.of(
                                        "shopDomain",
                                        "a.myshopify.com",
                                        "accessToken",
                                        "t",
                                        "webhookSecret",
                                        "short",
                                        "locationId",
                                        "1"))
                        .status())
                .isEqualTo(400);
        Map<String, Object> badRegion = new java.util.HashMap<>(amazon("Atzr|x"));
        badRegion.put("region", "moon");
        assertThat(tenant.api().put("/api/channels/amazon", badRegion).status()).isEqualTo(400);
        assertThat(tenant.api().put("/api/channels/amazon", "{\"sellerId\": ").status())
                .isEqualTo(400);
        assertThat(api.put("/api/channels/amazon", amazon("Atzr|x")).status()).isEqualTo(401);

        assertThat(tenant.api()
                        .get("/api/channels")
                        .json()
                        .get(0)
                        .get("configured")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aShopConnectedToOneMerchantCannotBeClaimedByAnother() {
        Tenant owner = newMerchant("Owner");
        Tenant other = newMerchant("Other");
        String domain = "owned-" + UUID.randomUUID().toString().substring(0, 6) + ".myshopify.com";
        owner.api().put("/api/channels/shopify", shopify(domain, "shpat_1"));

        Api.Response claim = other.api().put("/api/channels/shopify", shopify(domain, "shpat_2"));

        assertThat(claim.status()).isEqualTo(409);
        assertThat(other.api()
                        .get("/api/channels")
                        .json()
                        .get(1)
                        .get("configured")
                        .asBoolean())
                .isFalse();
    }
}
