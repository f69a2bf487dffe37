package dev.mercator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.sandbox.catalog.Defect;
import dev.mercator.sandbox.catalog.GeneratedCatalog;
import dev.mercator.sandbox.catalog.Listing;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.sandbox.catalog.Shop;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The marketplace simulators over raw HTTP: each refuses bad credentials, signatures and parameters, and throttles,
 * with its vendor's own status and error shape. (The adapters' tests show the happy paths through the real clients.)
 */
class MarketplaceSimulatorsIntegrationTests extends IntegrationTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Autowired
    GeneratedCatalog catalog;

    @AfterEach
    void noFaults() {
        for (String provider : new String[] {"amazon-creators", "paapi", "aliexpress", "ebay"}) {
            admin.delete("/api/admin/sandbox/" + provider + "/faults");
        }
    }

    @Test
    void creatorsApiRefusesWrongCredentialsAndTokensInItsOwnShapes() {
        Api.Response token = api.send(
                "POST",
                "/sandbox/amazon-creators/oauth2/token",
                FORM,
                form("grant_type=client_credentials&client_id=someone&client_secret=guess&scope=creatorsapi/default"));
        assertThat(token.status()).isEqualTo(401);
        assertThat(token.json().path("error").asString()).isEqualTo("invalid_client");

        Api.Response search = api.post(
                "/sandbox/amazon-creators/catalog/v1/searchItems",
                Map.of("keywords", "usb", "partnerTag", "shop-20"),
                "Authorization",
                "Bearer made-up, Version 2.1",
                "x-marketplace",
                "www.amazon.com");
        assertThat(search.status()).isEqualTo(401);
        assertThat(search.json().path("type").asString()).isEqualTo("UnauthorizedException");
        assertThat(search.json().path("reason").asString()).isEqualTo("InvalidToken");

        String bearer = creatorsToken();
        Api.Response noMarketplace = api.post(
                "/sandbox/amazon-creators/catalog/v1/searchItems",
                Map.of("keywords", "usb", "partnerTag", "shop-20"),
                "Authorization",
                "Bearer " + bearer + ", Version 2.1");
        assertThat(noMarketplace.status()).isEqualTo(400);
        assertThat(noMarketplace.json().path("reason").asString()).isEqualTo("FieldValidationFailed");
        assertThat(noMarketplace.json().path("fieldList").path(0).path("name").asString())
                .isEqualTo("x-marketplace");
    }

    @Test
    void creatorsApiAnswersASearchThatMatchesNothingWithTheSdksResourceNotFoundException() {
        // A client of its own, so no other test's calls spend its one call a second.
        String bearer = creatorsToken("raw-test-empty-search");
        Api.Response nothing = api.post(
                "/sandbox/amazon-creators/catalog/v1/searchItems",
                Map.of("keywords", "nothing matches this at all", "partnerTag", "shop-20"),
                "Authorization",
                "Bearer " + bearer + ", Version 2.1",
                "x-marketplace",
                "www.amazon.com");

        assertThat(nothing.status()).isEqualTo(404);
        assertThat(nothing.json().path("type").asString()).isEqualTo("ResourceNotFoundException");
        assertThat(nothing.json().path("resourceType").asString()).isNotBlank();
        assertThat(nothing.json().has("errors"))
                .as("no PA-API style error list")
                .isFalse();
    }

    @Test
    void creatorsApiLoginWithAmazonRefusesInLwasShapesAndEachTokenOnlyInItsOwnHeaderShape() {
        String lwaId = "amzn1.application-oa2-client.rawtest0001";
        String lwaSecret = SandboxAccounts.secretFor("amazon-creators", lwaId);
        Api.Response wrongSecret = api.post(
                "/sandbox/amazon-creators/auth/o2/token",
                Map.of(
                        "grant_type", "client_credentials",
                        "client_id", lwaId,
                        "client_secret", "guess",
                        "scope", "creatorsapi::default"));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().path("error").asString()).isEqualTo("invalid_client");
        assertThat(wrongSecret.json().path("error_description").asString()).isEqualTo("Client authentication failed");

        Api.Response cognitoScope = api.post(
                "/sandbox/amazon-creators/auth/o2/token",
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        lwaId,
                        "client_secret",
                        lwaSecret,
                        "scope",
                        "creatorsapi/default"));
        assertThat(cognitoScope.status()).isEqualTo(400);
        assertThat(cognitoScope.json().path("error").asString()).isEqualTo("invalid_scope");

        // A credential lives in one pool only: a Cognito client is unknown to LWA and an LWA client to Cognito.
        String cognitoId = "raw-test-client";
        Api.Response cognitoAtLwa = api.post(
                "/sandbox/amazon-creators/auth/o2/token",
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        cognitoId,
                        "client_secret",
                        SandboxAccounts.secretFor("amazon-creators", cognitoId),
                        "scope",
                        "creatorsapi::default"));
        assertThat(cognitoAtLwa.status()).isEqualTo(401);
        assertThat(cognitoAtLwa.json().path("error").asString()).isEqualTo("invalid_client");
        Api.Response lwaAtCognito = api.send(
                "POST",
                "/sandbox/amazon-creators/oauth2/token",
                FORM,
                form("grant_type=client_credentials&client_id=" + encode(lwaId) + "&client_secret=" + lwaSecret
                        + "&scope=creatorsapi/default"));
        assertThat(lwaAtCognito.status()).isEqualTo(401);
        assertThat(lwaAtCognito.json().path("error").asString()).isEqualTo("invalid_client");

        Api.Response granted = api.send(
                "POST",
                "/sandbox/amazon-creators/auth/o2/token",
                FORM,
                form("grant_type=client_credentials&client_id=" + encode(lwaId) + "&client_secret=" + lwaSecret
                        + "&scope=" + encode("creatorsapi::default")));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().path("expires_in").asInt()).isEqualTo(3600);
        String lwaToken = granted.json().path("access_token").asString();
        String cognitoToken = creatorsToken();

        Map<String, Object> search = Map.of("keywords", "usb cable", "partnerTag", "shop-20");
        String path = "/sandbox/amazon-creators/catalog/v1/searchItems";
        assertThat(api.post(path, search, "Authorization", "Bearer " + lwaToken, "x-marketplace", "www.amazon.com")
                        .status())
                .isEqualTo(200);
        for (String misshapen : new String[] {"Bearer " + lwaToken + ", Version 3.1", "Bearer " + cognitoToken}) {
            Api.Response refused =
                    api.post(path, search, "Authorization", misshapen, "x-marketplace", "www.amazon.com");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("reason").asString()).isEqualTo("InvalidToken");
        }
    }

    @Test
    void creatorsApiThrottlesInItsOwnShape() {
        admin.post("/api/admin/sandbox/amazon-creators/faults", Map.of("throttleRate", 1.0));

        Api.Response throttled =
                api.post("/sandbox/amazon-creators/catalog/v1/getItems", Map.of("itemIds", new String[] {"B0X"}));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("type").asString()).isEqualTo("ThrottlingException");
    }

    @Test
    void paApiRefusesUnsignedAndThrottlesInItsOwnShape() {
        Api.Response unsigned = api.post(
                "/sandbox/paapi/paapi5/searchitems",
                Map.of("Keywords", "usb"),
                "x-amz-target",
                "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.SearchItems",
                "content-encoding",
                "amz-1.0");
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.json().path("__type").asString())
                .isEqualTo("com.amazon.paapi5#IncompleteSignatureException");
        assertThat(unsigned.json().path("Errors").path(0).path("Code").asString())
                .isEqualTo("IncompleteSignature");

        String forged = "AWS4-HMAC-SHA256 Credential=AKIAFORGED/20260115/us-east-1/ProductAdvertisingAPI/aws4_request, "
                + "SignedHeaders=content-encoding;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64);
        Api.Response wrong = api.post(
                "/sandbox/paapi/paapi5/searchitems",
                Map.of("Keywords", "usb"),
                "Authorization",
                forged,
                "x-amz-date",
                "20260115T101500Z",
                "x-amz-target",
                "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.SearchItems",
                "content-encoding",
                "amz-1.0");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("Errors").path(0).path("Code").asString()).isEqualTo("InvalidSignature");

        admin.post("/api/admin/sandbox/paapi/faults", Map.of("throttleRate", 1.0));
        Api.Response throttled = api.post("/sandbox/paapi/paapi5/getitems", Map.of());
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("__type").asString()).isEqualTo("com.amazon.paapi5#TooManyRequestsException");
        assertThat(throttled.json().path("Errors").path(0).path("Code").asString())
                .isEqualTo("TooManyRequests");
    }

    @Test
    void aliExpressAnswersErrorsInsideHttp200Bodies() {
        String params = "app_key=501234&method=aliexpress.affiliate.product.query&sign_method=sha256&timestamp="
                + System.currentTimeMillis() + "&keywords=usb";
        Api.Response unsigned = api.send("POST", "/sandbox/aliexpress/sync", FORM, form(params));
        assertThat(unsigned.status()).isEqualTo(200);
        assertThat(unsigned.json().path("error_response").path("code").asString())
                .isEqualTo("IncompleteSignature");
        assertThat(unsigned.json().path("error_response").path("type").asString())
                .isEqualTo("ISV");

        Api.Response wrong =
                api.send("POST", "/sandbox/aliexpress/sync", FORM, form(params + "&sign=" + "A".repeat(64)));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.json().path("error_response").path("code").asString()).isEqualTo("IncompleteSignature");

        Api.Response missing = api.send("POST", "/sandbox/aliexpress/sync", FORM, form("method=x"));
        assertThat(missing.json().path("error_response").path("code").asString())
                .isEqualTo("MissingParameter");

        admin.post("/api/admin/sandbox/aliexpress/faults", Map.of("throttleRate", 1.0, "retryAfterSeconds", 4));
        Api.Response throttled = api.send("POST", "/sandbox/aliexpress/sync", FORM, form(params));
        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.json().path("error_response").path("code").asString())
                .isEqualTo("ApiCallLimit");
        assertThat(throttled.json().path("error_response").path("msg").asString())
                .endsWith("this ban will last 4 seconds");
    }

    @Test
    void ebayValidatesTokensAndPagingInItsOwnShape() {
        Api.Response badToken =
                api.get("/sandbox/ebay/buy/browse/v1/item_summary/search?q=usb", "Authorization", "Bearer nope");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.json().path("errors").path(0).path("errorId").asInt())
                .isEqualTo(1001);

        String bearer = "Bearer " + ebayToken();
        assertThat(errorId(
                        api.get("/sandbox/ebay/buy/browse/v1/item_summary/search?limit=10", "Authorization", bearer)))
                .isEqualTo(12001);
        assertThat(errorId(api.get(
                        "/sandbox/ebay/buy/browse/v1/item_summary/search?q=usb&limit=10&offset=15",
                        "Authorization",
                        bearer)))
                .isEqualTo(12002);
        assertThat(errorId(api.get(
                        "/sandbox/ebay/buy/browse/v1/item_summary/search?q=usb&limit=201", "Authorization", bearer)))
                .isEqualTo(12003);
        Api.Response unknown = api.get("/sandbox/ebay/buy/browse/v1/item/v1%7C1%7C0", "Authorization", bearer);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(errorId(unknown)).isEqualTo(11001);

        admin.post("/api/admin/sandbox/ebay/faults", Map.of("throttleRate", 1.0, "retryAfterSeconds", 9));
        Api.Response throttled =
                api.get("/sandbox/ebay/buy/browse/v1/item_summary/search?q=usb", "Authorization", bearer);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("9");
        assertThat(errorId(throttled)).isEqualTo(2001);
    }

    @Test
    void anInjectedBadRequestIsEachMarketplacesOwnRefusalOfAParameter() {
        for (String provider : new String[] {"amazon-creators", "paapi", "aliexpress", "ebay"}) {
            admin.post("/api/admin/sandbox/" + provider + "/faults", Map.of("badRequestRate", 1.0));
        }

        JsonNode creators = refused(api.post("/sandbox/amazon-creators/catalog/v1/searchItems", Map.of()), 400);
        assertThat(creators.path("type").asString()).isEqualTo("ValidationException");
        assertThat(creators.path("reason").asString()).isEqualTo("FieldValidationFailed");
        JsonNode paApi = refused(api.post("/sandbox/paapi/paapi5/searchitems", Map.of()), 400);
        assertThat(paApi.path("__type").asString()).isEqualTo("com.amazon.paapi5#ValidationException");
        assertThat(paApi.path("Errors").path(0).path("Code").asString()).isEqualTo("InvalidParameterValue");
        // The AliExpress gateway refuses inside an HTTP 200 body, as it does everything.
        JsonNode aliExpress = refused(api.send("POST", "/sandbox/aliexpress/sync", FORM, form("method=x")), 200);
        assertThat(aliExpress.path("error_response").path("type").asString()).isEqualTo("ISV");
        assertThat(aliExpress.path("error_response").path("code").asString()).isEqualTo("InvalidParameter");
        Api.Response ebay = api.get("/sandbox/ebay/buy/browse/v1/item_summary/search?q=usb");
        assertThat(ebay.status()).isEqualTo(400);
        assertThat(errorId(ebay)).isEqualTo(12002);
    }

    private static JsonNode refused(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    @Test
    void ebayServesTheMalformedEntriesAsTheyAre() {
        String bearer = "Bearer " + ebayToken();
        Listing huge = catalog.listings(Shop.EBAY).stream()
                .filter(listing -> listing.defect() == Defect.HUGE_DESCRIPTION)
                .findFirst()
                .orElseThrow();
        Listing unpriced = catalog.listings(Shop.EBAY).stream()
                .filter(listing -> listing.defect() == Defect.MISSING_PRICE)
                .findFirst()
                .orElseThrow();

        JsonNode big = api.get("/sandbox/ebay/buy/browse/v1/item/" + encode(huge.id()), "Authorization", bearer)
                .json();
        JsonNode noPrice = api.get("/sandbox/ebay/buy/browse/v1/item/" + encode(unpriced.id()), "Authorization", bearer)
                .json();

        assertThat(big.path("description").asString().length()).isGreaterThan(2_000_000);
        assertThat(noPrice.has("price")).isFalse();
        assertThat(noPrice.path("itemId").asString()).isEqualTo(unpriced.id());
    }

    private String creatorsToken() {
        return creatorsToken("raw-test-client");
    }

    /** A token of the client {@code id}: each client has its own one call a second. */
    private String creatorsToken(String id) {
        Api.Response token = api.send(
                "POST",
                "/sandbox/amazon-creators/oauth2/token",
                FORM,
                form("grant_type=client_credentials&client_id=" + id + "&client_secret="
                        + SandboxAccounts.secretFor("amazon-creators", id) + "&scope=creatorsapi/default"));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().path("expires_in").asInt()).isEqualTo(3600);
        return token.json().path("access_token").asString();
    }

    private String ebayToken() {
        String id = "raw-test-app";
        String basic = Base64.getEncoder()
                .encodeToString((id + ":" + SandboxAccounts.secretFor("ebay", id)).getBytes(StandardCharsets.UTF_8));
        Api.Response token = api.send(
                "POST",
                "/sandbox/ebay/identity/v1/oauth2/token",
                FORM,
                form("grant_type=client_credentials&scope=" + encode("https://api.ebay.com/oauth/api_scope")),
                "Authorization",
                "Basic " + basic);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().path("expires_in").asInt()).isEqualTo(7200);
        return token.json().path("access_token").asString();
    }

    private static int errorId(Api.Response response) {
        return response.json().path("errors").path(0).path("errorId").asInt();
    }

    private static byte[] form(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
