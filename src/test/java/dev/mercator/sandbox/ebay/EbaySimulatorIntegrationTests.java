package dev.mercator.sandbox.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The eBay simulator over raw HTTP, as strict as eBay: the Browse {@code filter} applied, what eBay cannot use answered
 * with its HTTP 200 warnings and unfiltered items, an unparseable filter refused, and the token call's required parts.
 */
class EbaySimulatorIntegrationTests extends IntegrationTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SEARCH = "/sandbox/ebay/buy/browse/v1/item_summary/search?q=e&limit=200";
    private static final String SCOPE = "https://api.ebay.com/oauth/api_scope";

    @Test
    void aPriceFilterKeepsOnlyItemsInTheRangeComparedInTheFiltersCurrency() {
        String bearer = "Bearer " + token("raw-filter-app");
        JsonNode all = search(bearer, null);
        JsonNode cheap = search(bearer, "price:[10..50],priceCurrency:USD");

        assertThat(cheap.has("warnings")).isFalse();
        assertThat(cheap.path("total").asInt())
                .isPositive()
                .isLessThan(all.path("total").asInt());
        assertThat(cheap.path("href").asString()).contains("&filter=price");
        for (JsonNode item : cheap.path("itemSummaries")) {
            BigDecimal price = new BigDecimal(item.path("price").path("value").asString());
            String currency = item.path("price").path("currency").asString();
            // The simulator's rate: 0.79 GBP to the dollar.
            BigDecimal dollars =
                    currency.equals("GBP") ? price.divide(new BigDecimal("0.79"), 2, RoundingMode.HALF_UP) : price;
            assertThat(currency).isIn("USD", "GBP");
            assertThat(dollars)
                    .as(item.path("itemId").asString())
                    .isBetween(new BigDecimal("9.99"), new BigDecimal("50.01"));
        }
    }

    @Test
    void aPriceWithoutPriceCurrencyIsAnsweredAsEbayDoesWithWarning12012AndEveryItem() {
        String bearer = "Bearer " + token("raw-filter-app");
        JsonNode all = search(bearer, null);
        JsonNode ignored = search(bearer, "price:[10..50]");

        assertThat(ignored.path("warnings").path(0).path("errorId").asInt()).isEqualTo(12012);
        assertThat(ignored.path("warnings").path(0).path("domain").asString()).isEqualTo("API_BROWSE");
        assertThat(ignored.path("warnings").path(0).path("category").asString()).isEqualTo("REQUEST");
        assertThat(ignored.path("total").asInt()).isEqualTo(all.path("total").asInt());
    }

    @Test
    void anInvalidPriceCurrencyIsWarnedAbout12002NamingTheFieldThen12012() {
        JsonNode ignored = search("Bearer " + token("raw-filter-app"), "price:[10..50],priceCurrency:DOLLARS");

        JsonNode first = ignored.path("warnings").path(0);
        assertThat(first.path("errorId").asInt()).isEqualTo(12002);
        assertThat(first.path("parameters").path(0).path("name").asString()).isEqualTo("fieldName");
        assertThat(first.path("parameters").path(0).path("value").asString()).isEqualTo("priceCurrency");
        assertThat(ignored.path("warnings").path(1).path("errorId").asInt()).isEqualTo(12012);
    }

    @Test
    void aFilterThatCannotBeSplitIntoFieldsIsRefusedWithA400InEbaysErrorShape() {
        Api.Response refused = api.get(
                SEARCH + "&filter=" + encode("price:[10..50,priceCurrency:USD"),
                "Authorization",
                "Bearer " + token("raw-filter-app"));

        assertThat(refused.status()).isEqualTo(400);
        JsonNode error = refused.json().path("errors").path(0);
        assertThat(error.path("errorId").asInt()).isEqualTo(12002);
        assertThat(error.path("domain").asString()).isEqualTo("API_BROWSE");
        assertThat(error.path("category").asString()).isEqualTo("REQUEST");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.path("parameters").path(0).path("name").asString()).isEqualTo("filter");
        assertThat(error.path("parameters").path(0).path("value").asString())
                .isEqualTo("price:[10..50,priceCurrency:USD");
    }

    @Test
    void theTokenCallNeedsBasicCredentialsTheClientCredentialsGrantAndTheScope() {
        String basic = basic("raw-filter-app");

        Api.Response noScope = tokenCall(basic, "grant_type=client_credentials");
        assertThat(noScope.status()).isEqualTo(400);
        assertThat(noScope.json().path("error").asString()).isEqualTo("invalid_scope");

        Api.Response sellScope = tokenCall(
                basic, "grant_type=client_credentials&scope=" + encode(SCOPE + " " + SCOPE + "/sell.inventory"));
        assertThat(sellScope.status()).isEqualTo(400);
        assertThat(sellScope.json().path("error").asString()).isEqualTo("invalid_scope");

        Api.Response noCredentials = api.send(
                "POST",
                "/sandbox/ebay/identity/v1/oauth2/token",
                FORM,
                ("grant_type=client_credentials&scope=" + encode(SCOPE)).getBytes(StandardCharsets.UTF_8));
        assertThat(noCredentials.status()).isEqualTo(401);
        assertThat(noCredentials.json().path("error").asString()).isEqualTo("invalid_client");

        Api.Response granted = tokenCall(basic, "grant_type=client_credentials&scope=" + encode(SCOPE));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().path("token_type").asString()).isEqualTo("Application Access Token");
    }

    private JsonNode search(String bearer, @Nullable String filter) {
        Api.Response response =
                api.get(SEARCH + (filter == null ? "" : "&filter=" + encode(filter)), "Authorization", bearer);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String token(String id) {
        Api.Response token = tokenCall(basic(id), "grant_type=client_credentials&scope=" + encode(SCOPE));
        assertThat(token.status()).isEqualTo(200);
        return token.json().path("access_token").asString();
    }

    private Api.Response tokenCall(String basic, String form) {
        return api.send(
                "POST",
                "/sandbox/ebay/identity/v1/oauth2/token",
                FORM,
                form.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Basic " + basic);
    }

    private static String basic(String id) {
        return Base64.getEncoder()
                .encodeToString((id + ":" + SandboxAccounts.secretFor("ebay", id)).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
