package dev.mercator.sandbox.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Amazon simulator's wire behaviour, seen with a plain HTTP client: shapes, headers and rules of the real API. */
class AmazonSimulatorIntegrationTests extends IntegrationTest {

    private static final String SIM = "/sandbox/amazon";
    private static final String MARKETPLACE = "ATVPDKIKX0DER";

    private String sellerId;
    private String clientId;
    private String clientSecret;
    private String refreshToken;

    @BeforeEach
    void registerSeller() {
        String id = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        sellerId = "A" + id.substring(0, 13);
        clientId = "amzn1.application-oa2-client." + id.toLowerCase(Locale.ROOT);
        clientSecret = "secret-" + id;
        refreshToken = "Atzr|" + id;
        Api.Response registered = api.post(
                SIM + "/_sim/sellers",
                Map.of(
                        "sellerId", sellerId,
                        "clientId", clientId,
                        "clientSecret", clientSecret,
                        "refreshToken", refreshToken,
                        "rateLimits", Map.of("getListingsItem", Map.of("rate", 0.001, "burst", 3)),
                        "listings",
                                List.of(Map.of(
                                        "sku",
                                        "MUG",
                                        "quantity",
                                        10,
                                        "leadTimeToShipMaxDays",
                                        3,
                                        "productType",
                                        "CUP"))));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    @Test
    void lwaAcceptsFormAndJsonAndAnswersWithAnExpiringToken() {
        String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken) + "&client_id=" + clientId
                + "&client_secret=" + clientSecret;
        Api.Response fromForm = api.send(
                "POST",
                SIM + "/auth/o2/token",
                "application/x-www-form-urlencoded;charset=UTF-8",
                form.getBytes(StandardCharsets.UTF_8));
        Api.Response fromJson = api.post(SIM + "/auth/o2/token", lwaJson(refreshToken, clientSecret));

        for (Api.Response response : List.of(fromForm, fromJson)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("access_token").asString()).startsWith("Atza|");
            assertThat(body.get("token_type").asString()).isEqualTo("bearer");
            assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
            assertThat(body.get("refresh_token").asString()).isEqualTo(refreshToken);
        }
    }

    @Test
    void lwaRefusesUnknownRefreshTokensAndWrongSecretsWithOAuthErrors() {
        Api.Response badGrant = api.post(SIM + "/auth/o2/token", lwaJson("Atzr|nope", clientSecret));
        Api.Response badClient = api.post(SIM + "/auth/o2/token", lwaJson(refreshToken, "wrong"));

        assertThat(badGrant.status()).isEqualTo(400);
        assertThat(badGrant.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(badGrant.json().get("error_description").asString()).contains("refresh_token");
        assertThat(badClient.status()).isEqualTo(401);
        assertThat(badClient.json().get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void spApiWantsAValidAccessTokenAndAnnouncesItsRate() {
        String path = SIM + "/listings/2021-08-01/items/" + sellerId + "/MUG?marketplaceIds=" + MARKETPLACE
                + "&includedData=summaries,fulfillmentAvailability";

        Api.Response missing = api.get(path);
        Api.Response bogus = api.get(path, "x-amz-access-token", "Atza|bogus");
        Api.Response ok = api.get(path, "x-amz-access-token", token());

        for (Api.Response refused : List.of(missing, bogus)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("errors").get(0).get("code").asString())
                    .isEqualTo("Unauthorized");
            assertThat(refused.header("x-amzn-RateLimit-Limit")).isNull();
            assertThat(refused.header("x-amzn-RequestId")).isNotBlank();
        }
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.header("x-amzn-RateLimit-Limit")).isEqualTo("0.001");
        JsonNode item = ok.json();
        assertThat(item.get("summaries").get(0).get("productType").asString()).isEqualTo("CUP");
        assertThat(item.get("fulfillmentAvailability")
                        .get(0)
                        .get("fulfillmentChannelCode")
                        .asString())
                .isEqualTo("DEFAULT");
        assertThat(item.get("fulfillmentAvailability").get(0).get("quantity").asInt())
                .isEqualTo(10);
    }

    @Test
    void anEmptyBucketAnswers429QuotaExceeded() {
        String token = token();
        String path = SIM + "/listings/2021-08-01/items/" + sellerId + "/MUG?marketplaceIds=" + MARKETPLACE;
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(path, "x-amz-access-token", token).status()).isEqualTo(200);
        }

        Api.Response throttled = api.get(path, "x-amz-access-token", token);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("errors").get(0).get("code").asString()).isEqualTo("QuotaExceeded");
        assertThat(throttled.header("x-amzn-RateLimit-Limit")).isNull();
        JsonNode stats = api.get(SIM + "/_sim/sellers/" + sellerId + "/stats").json();
        assertThat(stats.get("operations")
                        .get("getListingsItem")
                        .get("throttled")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void mergeKeepsTheHandlingTimeWhereReplaceResetsIt() {
        String token = token();
        Api.Response merged = patch(token, "merge", Map.of("fulfillment_channel_code", "DEFAULT", "quantity", 7));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().get("status").asString()).isEqualTo("ACCEPTED");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> listing().get("quantity").asInt() == 7);
        assertThat(listing().get("leadTimeToShipMaxDays").asInt()).isEqualTo(3);

        patch(token, "replace", Map.of("fulfillment_channel_code", "DEFAULT", "quantity", 6));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> listing().get("quantity").asInt() == 6);
        assertThat(listing().get("leadTimeToShipMaxDays").isNull()).isTrue();
    }

    @Test
    void aBadPatchIsInvalidAtHttp200AndAnUnknownSkuIsAcceptedButNeverListed() {
        String token = token();

        Api.Response invalid = patch(token, "merge", Map.of("fulfillment_channel_code", "DEFAULT", "quantity", -1));
        Api.Response unknown = api.send(
                "PATCH",
                SIM + "/listings/2021-08-01/items/" + sellerId + "/NOPE?marketplaceIds=" + MARKETPLACE,
                "application/json",
                body(Map.of(
                        "productType",
                        "CUP",
                        "patches",
                        List.of(Map.of(
                                "op",
                                "merge",
                                "path",
                                "/attributes/fulfillment_availability",
                                "value",
                                List.of(Map.of("fulfillment_channel_code", "DEFAULT", "quantity", 1)))))),
                "x-amz-access-token",
                token);

        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.json().get("status").asString()).isEqualTo("INVALID");
        assertThat(invalid.json().get("issues").get(0).get("severity").asString())
                .isEqualTo("ERROR");
        // The model gives patchListingsItem no 404: a well-formed patch of a SKU with no listing is ACCEPTED...
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(200);
        assertThat(unknown.json().get("sku").asString()).isEqualTo("NOPE");
        assertThat(unknown.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(unknown.json().get("submissionId").asString()).isNotBlank();
        assertThat(unknown.json().get("issues")).isEmpty();
        // ...and creates no listing: getListingsItem, which has a 404 in the model, still answers it.
        Api.Response read = api.get(
                SIM + "/listings/2021-08-01/items/" + sellerId + "/NOPE?marketplaceIds=" + MARKETPLACE,
                "x-amz-access-token",
                token);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("errors").get(0).has("message")).isTrue();
    }

    @Test
    void getListingsItemHasTheModelsUsagePlanOf5PerSecondBurst10() {
        // A seller of its own, without the low limit the other tests give getListingsItem.
        String id = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        String seller = "A" + id.substring(0, 13);
        String client = "amzn1.application-oa2-client." + id.toLowerCase(Locale.ROOT);
        assertThat(api.post(
                                SIM + "/_sim/sellers",
                                Map.of(
                                        "sellerId",
                                        seller,
                                        "clientId",
                                        client,
                                        "clientSecret",
                                        "s-" + id,
                                        "refreshToken",
                                        "Atzr|" + id,
                                        "listings",
                                        List.of(Map.of("sku", "MUG", "quantity", 1))))
                        .status())
                .isEqualTo(201);
        String token = api.post(
                        SIM + "/auth/o2/token",
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                "Atzr|" + id,
                                "client_id",
                                client,
                                "client_secret",
                                "s-" + id))
                .json()
                .get("access_token")
                .asString();
        String path = SIM + "/listings/2021-08-01/items/" + seller + "/MUG?marketplaceIds=" + MARKETPLACE;
        int passed = 0;
        Api.Response last;
        long started = System.nanoTime();
        do {
            last = api.get(path, "x-amz-access-token", token);
            if (last.status() == 200) {
                passed++;
                assertThat(last.header("x-amzn-RateLimit-Limit")).isEqualTo("5.0");
            }
        } while (last.status() == 200 && passed < 40);

        double seconds = (System.nanoTime() - started) / 1e9;

        // A burst of 10 lets at least 10 calls in a row through; beyond it only what 5/s refilled meanwhile.
        assertThat(passed).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(10 + (int) Math.ceil(5 * seconds));
        assertThat(last.status()).isEqualTo(429);
    }

    @Test
    void feedUploadsMustDeclareTheContentTypeTheDocumentWasCreatedWith() {
        String token = token();
        Api.Response created = api.post(
                SIM + "/feeds/2021-06-30/documents",
                Map.of("contentType", "application/json; charset=UTF-8"),
                "x-amz-access-token",
                token);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String url = created.json().get("url").asString();
        String relative = url.substring(url.indexOf(SIM));

        Api.Response wrongType = api.send("PUT", relative, "text/plain", "{}".getBytes(StandardCharsets.UTF_8));
        Api.Response unsigned = api.send(
                "PUT",
                relative.substring(0, relative.indexOf('?')),
                "application/json; charset=UTF-8",
                "{}".getBytes(StandardCharsets.UTF_8));
        Api.Response right =
                api.send("PUT", relative, "application/json; charset=UTF-8", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(wrongType.status()).isEqualTo(403);
        assertThat(wrongType.body()).contains("SignatureDoesNotMatch");
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(right.status()).isEqualTo(200);
    }

    @Test
    void faultInjectionThrottlesInAmazonsShape() {
        try {
            assertThat(admin.post("/api/admin/sandbox/amazon/faults", Map.of("throttleRate", 1.0))
                            .status())
                    .isEqualTo(200);

            Api.Response throttled = api.get(SIM + "/orders/2026-01-01/orders?marketplaceIds=" + MARKETPLACE);

            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.json().get("errors").get(0).get("code").asString())
                    .isEqualTo("QuotaExceeded");
        } finally {
            admin.delete("/api/admin/sandbox/amazon/faults");
        }
    }

    private Api.Response patch(String token, String op, Map<String, Object> value) {
        return api.send(
                "PATCH",
                SIM + "/listings/2021-08-01/items/" + sellerId + "/MUG?marketplaceIds=" + MARKETPLACE,
                "application/json",
                body(Map.of(
                        "productType",
                        "CUP",
                        "patches",
                        List.of(Map.of(
                                "op", op, "path", "/attributes/fulfillment_availability", "value", List.of(value))))),
                "x-amz-access-token",
                token);
    }

    private JsonNode listing() {
        return api.get(SIM + "/_sim/sellers/" + sellerId + "/listings/MUG").json();
    }

    private String token() {
        Api.Response response = api.post(SIM + "/auth/o2/token", lwaJson(refreshToken, clientSecret));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    private Map<String, Object> lwaJson(String refresh, String secret) {
        return Map.of(
                "grant_type", "refresh_token",
                "refresh_token", refresh,
                "client_id", clientId,
                "client_secret", secret);
    }

    private static byte[] body(Object json) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(json);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
