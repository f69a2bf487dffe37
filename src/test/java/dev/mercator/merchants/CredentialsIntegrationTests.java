package dev.mercator.merchants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.crypto.SecretCipher;
import dev.mercator.platform.crypto.UndecryptableSecretException;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The credential vault over HTTP and at rest. */
class CredentialsIntegrationTests extends IntegrationTest {

    static final String TOKEN = "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";
    static final Map<String, String> SHOPIFY = Map.of("accessToken", TOKEN, "shopDomain", "acme-outdoor.myshopify.com");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MerchantCredentials credentials;

    @Autowired
    SecretCipher cipher;

    @Test
    void storedCredentialsHaveNoPlaintextAtRest() {
        Tenant tenant = newMerchant("Vault At Rest");

        assertThat(tenant.api().put("/api/credentials/shopify", SHOPIFY).status())
                .isEqualTo(204);

        Map<String, Object> row = jdbc.sql("select * from merchant_credentials where merchant_id = :id")
                .param("id", UUID.fromString(tenant.id()))
                .query()
                .singleRow();
        String everything = row.values().toString();
        assertThat(everything)
                .doesNotContain(TOKEN)
                .doesNotContain("shpat_")
                .doesNotContain("acme-outdoor")
                .doesNotContain("accessToken")
                .doesNotContain("shopDomain");
        assertThat((String) row.get("ciphertext")).startsWith("v1:" + cipher.currentKeyId() + ":");
        assertThat(row.get("key_id")).isEqualTo(cipher.currentKeyId());
    }

    @Test
    void storedCredentialsDecryptForInternalUse() {
        Tenant tenant = newMerchant("Vault Round Trip");

        tenant.api().put("/api/credentials/shopify", SHOPIFY);

        assertThat(credentials.find(merchant(tenant), "shopify")).contains(SHOPIFY);
        assertThat(credentials.find(merchant(tenant), "amazon")).isEmpty();
    }

    @Test
    void storingAgainReplacesTheWholeSet() {
        Tenant tenant = newMerchant("Vault Replace");
        tenant.api().put("/api/credentials/shopify", SHOPIFY);

        Api.Response replaced =
                tenant.api().put("/api/credentials/shopify", Map.of("apiKey", "k-2", "apiSecret", "s-2"));

        assertThat(replaced.status()).isEqualTo(204);
        assertThat(credentials.find(merchant(tenant), "shopify")).contains(Map.of("apiKey", "k-2", "apiSecret", "s-2"));
        assertThat(rows(tenant)).isEqualTo(1);
    }

    @Test
    void listingShowsNamesAndFieldNamesButNeverValues() {
        Tenant tenant = newMerchant("Vault Listing");
        tenant.api().put("/api/credentials/shopify", SHOPIFY);
        tenant.api()
                .put("/api/credentials/amazon-eu", Map.of("refreshToken", "Atzr|IwEBIsecret", "sellerId", "A1B2C3"));

        Api.Response listed = tenant.api().get("/api/credentials");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body())
                .doesNotContain(TOKEN)
                .doesNotContain("acme-outdoor")
                .doesNotContain("Atzr")
                .doesNotContain("A1B2C3");
        JsonNode sets = listed.json();
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0).get("name").asString()).isEqualTo("amazon-eu");
        assertThat(sets.get(0).get("fields").toString()).isEqualTo("[\"refreshToken\",\"sellerId\"]");
        assertThat(sets.get(1).get("name").asString()).isEqualTo("shopify");
        assertThat(sets.get(1).get("fields").toString()).isEqualTo("[\"accessToken\",\"shopDomain\"]");
        assertThat(sets.get(1).get("readable").asBoolean()).isTrue();
        assertThat(sets.get(1).get("updatedAt").asString()).isNotBlank();
    }

    @Test
    void noEndpointHandsAValueBack() {
        Tenant tenant = newMerchant("Vault Write Only");
        Api.Response stored = tenant.api().put("/api/credentials/shopify", SHOPIFY);

        List<Api.Response> responses = List.of(
                stored,
                tenant.api().get("/api/credentials"),
                tenant.api().get("/api/credentials/shopify"),
                tenant.api().get("/api/credentials/shopify/accessToken"),
                admin.get("/api/admin/merchants/" + tenant.id()),
                admin.post("/api/admin/credentials/re-encrypt", Map.of()),
                tenant.api().delete("/api/credentials/shopify"));

        assertThat(responses).allSatisfy(r -> assertThat(r.body()).doesNotContain(TOKEN));
        assertThat(responses.get(2).status()).isEqualTo(405);
    }

    @Test
    void alteredCiphertextIsRefusedNotMisread() {
        Tenant tenant = newMerchant("Vault Tampered");
        tenant.api().put("/api/credentials/shopify", SHOPIFY);
        String ciphertext = ciphertext(tenant, "shopify");
        // Flip one character of the base64 payload, keeping it valid base64.
        int at = ciphertext.length() - 10;
        char flipped = ciphertext.charAt(at) == 'A' ? 'B' : 'A';
        jdbc.sql("update merchant_credentials set ciphertext = :c where merchant_id = :m")
                .param("c", ciphertext.substring(0, at) + flipped + ciphertext.substring(at + 1))
                .param("m", UUID.fromString(tenant.id()))
                .update();

        assertThatThrownBy(() -> credentials.find(merchant(tenant), "shopify"))
                .isInstanceOf(UndecryptableSecretException.class);
        Api.Response listed = tenant.api().get("/api/credentials");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get(0).get("readable").asBoolean()).isFalse();
        assertThat(listed.json().get(0).get("fields")).isEmpty();
    }

    @Test
    void ciphertextCopiedToAnotherMerchantDoesNotDecrypt() {
        Tenant owner = newMerchant("Vault Owner");
        Tenant thief = newMerchant("Vault Thief");
        owner.api().put("/api/credentials/shopify", SHOPIFY);
        jdbc.sql("""
                        insert into merchant_credentials (merchant_id, name, ciphertext, key_id, updated_at)
                        select :thief, name, ciphertext, key_id, updated_at from merchant_credentials
                        where merchant_id = :owner and name = 'shopify'""")
                .param("thief", UUID.fromString(thief.id()))
                .param("owner", UUID.fromString(owner.id()))
                .update();

        assertThatThrownBy(() -> credentials.find(merchant(thief), "shopify"))
                .isInstanceOf(UndecryptableSecretException.class);
        assertThat(thief.api()
                        .get("/api/credentials")
                        .json()
                        .get(0)
                        .get("readable")
                        .asBoolean())
                .isFalse();
        assertThat(credentials.find(merchant(owner), "shopify")).contains(SHOPIFY);
    }

    @Test
    void copiedUnderAnotherNameDoesNotDecryptEither() {
        Tenant tenant = newMerchant("Vault Renamed");
        tenant.api().put("/api/credentials/shopify", SHOPIFY);
        jdbc.sql("update merchant_credentials set name = 'amazon' where merchant_id = :m")
                .param("m", UUID.fromString(tenant.id()))
                .update();

        assertThatThrownBy(() -> credentials.find(merchant(tenant), "amazon"))
                .isInstanceOf(UndecryptableSecretException.class);
    }

    @Test
    void merchantsCanNeitherSeeNorDeleteEachOthersCredentials() {
        Tenant a = newMerchant("Vault A");
        Tenant b = newMerchant("Vault B");
        a.api().put("/api/credentials/shopify", SHOPIFY);

        assertThat(b.api().get("/api/credentials").json()).isEmpty();
        assertThat(b.api().delete("/api/credentials/shopify").status()).isEqualTo(404);
        assertThat(b.api()
                        .put("/api/credentials/shopify", Map.of("accessToken", "b-own"))
                        .status())
                .isEqualTo(204);

        assertThat(credentials.find(merchant(a), "shopify")).contains(SHOPIFY);
        assertThat(credentials.find(merchant(b), "shopify")).contains(Map.of("accessToken", "b-own"));
        assertThat(a.api().get("/api/credentials").body()).doesNotContain("b-own");
    }

    @Test
    void deletedCredentialsAreGone() {
        Tenant tenant = newMerchant("Vault Delete");
        tenant.api().put("/api/credentials/shopify", SHOPIFY);

        assertThat(tenant.api().delete("/api/credentials/shopify").status()).isEqualTo(204);
        assertThat(tenant.api().delete("/api/credentials/shopify").status()).isEqualTo(404);
        assertThat(credentials.find(merchant(tenant), "shopify")).isEmpty();
        assertThat(rows(tenant)).isZero();
    }

    @Test
    void withoutAnApiKeyEverythingIs401AndNothingIsStored() {
        Tenant tenant = newMerchant("Vault Anonymous");

        assertThat(api.put("/api/credentials/shopify", SHOPIFY).status()).isEqualTo(401);
        assertThat(api.get("/api/credentials").status()).isEqualTo(401);
        assertThat(api.delete("/api/credentials/shopify").status()).isEqualTo(401);
        assertThat(api.asMerchant("mk_" + "x".repeat(43))
                        .get("/api/credentials")
                        .status())
                .isEqualTo(401);
        assertThat(rows(tenant)).isZero();
    }

    @Test
    void theAdminTokenIsNotAMerchantAndMerchantsCannotReencrypt() {
        Tenant tenant = newMerchant("Vault Roles");

        assertThat(admin.get("/api/credentials").status()).isEqualTo(403);
        assertThat(tenant.api()
                        .post("/api/admin/credentials/re-encrypt", Map.of())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void invalidRequestsAre400WithFieldErrorsAndStoreNothing() {
        Tenant tenant = newMerchant("Vault Validation");
        Map<String, Object> tooMany = new LinkedHashMap<>();
        IntStream.rangeClosed(1, 21).forEach(i -> tooMany.put("f" + i, "v"));
        Map<String, Object> nullValue = new LinkedHashMap<>();
        nullValue.put("token", null);

        assertInvalid(tenant, "/api/credentials/Shopify", SHOPIFY, "name");
        assertInvalid(tenant, "/api/credentials/" + "a".repeat(51), SHOPIFY, "name");
        assertInvalid(tenant, "/api/credentials/shop_ify", SHOPIFY, "name");
        assertInvalid(tenant, "/api/credentials/shopify", Map.of(), "fields");
        assertInvalid(tenant, "/api/credentials/shopify", tooMany, "fields");
        assertInvalid(tenant, "/api/credentials/shopify", Map.of("api-key", "v"), "fields.api-key");
        assertInvalid(
                tenant, "/api/credentials/shopify", Map.of("n".repeat(51), "v"), "fields." + "n".repeat(50) + "…");
        assertInvalid(tenant, "/api/credentials/shopify", Map.of("token", ""), "fields.token");
        assertInvalid(tenant, "/api/credentials/shopify", Map.of("token", "t".repeat(4097)), "fields.token");
        assertInvalid(tenant, "/api/credentials/shopify", Map.of("token", 42), "fields.token");
        assertInvalid(tenant, "/api/credentials/shopify", Map.of("token", Map.of("nested", "x")), "fields.token");
        assertInvalid(tenant, "/api/credentials/shopify", nullValue, "fields.token");
        assertThat(tenant.api().delete("/api/credentials/NOT-valid").status()).isEqualTo(400);

        assertThat(rows(tenant)).isZero();
    }

    @Test
    void validationErrorsNeverEchoValues() {
        Tenant tenant = newMerchant("Vault Echo");

        Api.Response rejected = tenant.api().put("/api/credentials/BAD", Map.of("token", TOKEN, "bad-name", TOKEN));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body()).doesNotContain(TOKEN);
    }

    @Test
    void limitsAreInclusive() {
        Tenant tenant = newMerchant("Vault Limits");
        Map<String, Object> twenty = new LinkedHashMap<>();
        IntStream.rangeClosed(1, 20).forEach(i -> twenty.put("Field_" + i, "v".repeat(4096)));

        assertThat(tenant.api()
                        .put("/api/credentials/" + "a".repeat(50), twenty)
                        .status())
                .isEqualTo(204);
        assertThat(tenant.api()
                        .put("/api/credentials/x", Map.of("n".repeat(50), "1"))
                        .status())
                .isEqualTo(204);
        assertThat(credentials.find(merchant(tenant), "a".repeat(50)).orElseThrow())
                .hasSize(20);
    }

    @Test
    void malformedJsonIs400AndStoresNothing() {
        Tenant tenant = newMerchant("Vault Malformed");

        for (String body : List.of("{\"token\": \"abc\"", "not json", "[\"token\"]", "\"token\"", "null", "")) {
            Api.Response rejected = tenant.api()
                    .send("PUT", "/api/credentials/shopify", "application/json", body.getBytes(StandardCharsets.UTF_8));
            assertThat(rejected.status()).as(body).isEqualTo(400);
            assertThat(rejected.contentType()).startsWith("application/problem+json");
        }
        assertThat(rows(tenant)).isZero();
    }

    @Test
    void otherContentTypesAre415AndStoreNothing() {
        Tenant tenant = newMerchant("Vault Content Type");

        Api.Response form = tenant.api()
                .send(
                        "PUT",
                        "/api/credentials/shopify",
                        "application/x-www-form-urlencoded",
                        "token=abc".getBytes(StandardCharsets.UTF_8));
        Api.Response text = tenant.api()
                .send(
                        "PUT",
                        "/api/credentials/shopify",
                        "text/plain",
                        "{\"token\":\"abc\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(form.status()).isEqualTo(415);
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("type").asString()).isEqualTo("urn:mercator:problem:unsupported-media-type");
        assertThat(rows(tenant)).isZero();
    }

    @Test
    void oversizedBodiesAre413AndStoreNothing() {
        Tenant tenant = newMerchant("Vault Oversized");
        byte[] huge = ("{\"token\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        Api.Response rejected = tenant.api().send("PUT", "/api/credentials/shopify", "application/json", huge);

        assertThat(rejected.status()).isEqualTo(413);
        assertThat(rows(tenant)).isZero();
    }

    private void assertInvalid(Tenant tenant, String path, Object body, String field) {
        Api.Response rejected = tenant.api().put(path, body);
        assertThat(rejected.status()).as(path + " " + field).isEqualTo(400);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.json().get("type").asString()).isEqualTo("urn:mercator:problem:validation-failed");
        assertThat(rejected.json().get("errors").findValuesAsString("field"))
                .as(path + " " + rejected.body())
                .contains(field);
    }

    private long rows(Tenant tenant) {
        return jdbc.sql("select count(*) from merchant_credentials where merchant_id = :id")
                .param("id", UUID.fromString(tenant.id()))
                .query(Long.class)
                .single();
    }

    private String ciphertext(Tenant tenant, String name) {
        return jdbc.sql("select ciphertext from merchant_credentials where merchant_id = :id and name = :name")
                .param("id", UUID.fromString(tenant.id()))
                .param("name", name)
                .query(String.class)
                .single();
    }

    private static MerchantId merchant(Tenant tenant) {
        return MerchantId.of(tenant.id());
    }
}
