package dev.mercator.catalog.search;

import static dev.mercator.catalog.search.CatalogSearchIntegrationTests.provider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.product.ProductValidation;
import dev.mercator.catalog.support.CatalogIntegrationTest;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.support.Api;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Malicious and malformed product data through the whole search over HTTP (the validation rules themselves are in
 * {@code ProductValidationTests}): what a marketplace sends never reaches a client as markup, oversized text, a
 * non-positive price or a broken GTIN.
 */
class CatalogSearchMaliciousDataIntegrationTests extends CatalogIntegrationTest {

    private static RawProduct raw(String id, String title, String description, String price, List<String> gtins) {
        return new RawProduct(
                Marketplace.EBAY,
                id,
                title,
                description,
                "Brand",
                null,
                price,
                "USD",
                gtins,
                null,
                "https://ebay.example/item/" + id,
                null,
                "in stock",
                Instant.now());
    }

    @Test
    void scriptsHugeDescriptionsNegativePricesAndBrokenGtinsNeverReachTheClient() {
        Tenant tenant = newMerchant("Hostile data shop");
        String q = unique("mug");
        String huge = "<p>" + "spam ".repeat(1_000_000) + "</p>"; // 5 MB
        ebay.answer(
                q,
                raw(
                        "SCRIPT",
                        "<b>Steel</b> mug<script>alert('x')</script>\u200b",
                        "<p onclick='steal()'>Nice <b>mug</b><script>evil()</script>"
                                + "<img src=x onerror=alert(1)><a href='javascript:alert(1)'>x</a></p>",
                        "12.00",
                        List.of()),
                raw("HUGE", "Big mug", huge, "13.00", List.of()),
                raw("NEGATIVE", "Free money mug", "ok", "-4.99", List.of()),
                raw("ZERO", "Zero mug", "ok", "0", List.of()),
                raw("GTIN", "Barcode mug", "ok", "14.00", List.of("4006381333932")));

        Api.Response response = tenant.api().get("/api/products/search?providers=ebay&sort=price&q=" + q);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        JsonNode part = provider(body, "ebay");
        assertThat(part.get("returned").asInt()).isEqualTo(3);
        assertThat(part.get("rejected").asInt()).isEqualTo(2);
        List<JsonNode> items = body.get("items").valueStream().toList();
        assertThat(items)
                .extracting(item -> item.get("offers").get(0).get("price").decimalValue())
                .allSatisfy(price -> assertThat(price).isPositive());
        JsonNode scripted = byOffer(items, "SCRIPT");
        assertThat(scripted.get("title").asString()).isEqualTo("Steel mug");
        assertThat(scripted.get("description").asString())
                .contains("<b>mug</b>")
                .doesNotContain("script", "onclick", "onerror", "javascript:");
        assertThat(byOffer(items, "HUGE").get("description").asString().length())
                .isLessThanOrEqualTo(ProductValidation.MAX_DESCRIPTION + 100);
        assertThat(byOffer(items, "GTIN").get("gtin").isNull())
                .as("a GTIN with a wrong check digit is dropped")
                .isTrue();
        assertThat(response.raw().length).as("no multi-megabyte answer").isLessThan(100_000);
    }

    private static JsonNode byOffer(List<JsonNode> items, String id) {
        return items.stream()
                .filter(item -> item.get("offers")
                        .get(0)
                        .get("marketplaceId")
                        .asString()
                        .equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no item for offer " + id + " in " + items));
    }
}
