package dev.mercator.merchants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class MerchantsIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminCreatesMerchantWhoseKeyAuthenticates() {
        Tenant acme = newMerchant("Acme Outdoor");

        Api.Response me = acme.api().get("/api/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("name").asString()).isEqualTo("Acme Outdoor");
        assertThat(me.json().get("id").asString()).isEqualTo(acme.id());
    }

    @Test
    void keysAreStoredOnlyAsHashes() {
        Tenant tenant = newMerchant("Hashed Goods");

        var stored = jdbc.sql("select key_hash from api_keys where merchant_id = :id")
                .param("id", java.util.UUID.fromString(tenant.id()))
                .query(String.class)
                .list();

        assertThat(stored).hasSize(1).doesNotContain(tenant.apiKey());
        assertThat(stored.getFirst()).isEqualTo(ApiKeys.hash(tenant.apiKey()));
    }

    @Test
    void bearerHeaderWorksLikeApiKey() {
        Tenant tenant = newMerchant("Bearer Co");

        Api.Response me = api.get("/api/me", "Authorization", "Bearer " + tenant.apiKey());

        assertThat(me.status()).isEqualTo(200);
    }

    @Test
    void secondKeyWorksAndRevokedKeyStops() {
        Tenant tenant = newMerchant("Rotating Keys Ltd");
        Api.Response issued = admin.post("/api/admin/merchants/" + tenant.id() + "/keys", Map.of("label", "ci"));
        assertThat(issued.status()).isEqualTo(201);
        String second = issued.json().get("apiKey").asString();
        String secondId = issued.json().get("keyId").asString();

        assertThat(api.asMerchant(second).get("/api/me").status()).isEqualTo(200);

        Api.Response revoked = admin.delete("/api/admin/merchants/" + tenant.id() + "/keys/" + secondId);
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(api.asMerchant(second).get("/api/me").status()).isEqualTo(401);
        assertThat(tenant.api().get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void revokingAnotherMerchantsKeyIsNotFound() {
        Tenant one = newMerchant("One");
        Tenant two = newMerchant("Two");
        Api.Response issued = admin.post("/api/admin/merchants/" + two.id() + "/keys", Map.of());
        String twoKeyId = issued.json().get("keyId").asString();

        Api.Response wrongOwner = admin.delete("/api/admin/merchants/" + one.id() + "/keys/" + twoKeyId);

        assertThat(wrongOwner.status()).isEqualTo(404);
        assertThat(api.asMerchant(issued.json().get("apiKey").asString())
                        .get("/api/me")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void merchantListingNeverShowsSecrets() {
        Tenant tenant = newMerchant("Secretive");

        Api.Response view = admin.get("/api/admin/merchants/" + tenant.id());

        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).doesNotContain(tenant.apiKey()).doesNotContain(ApiKeys.hash(tenant.apiKey()));
        assertThat(view.json().get("keys").get(0).get("hint").asString()).startsWith("mk_");
    }
}
