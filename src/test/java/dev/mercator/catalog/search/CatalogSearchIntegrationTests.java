package dev.mercator.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.support.CatalogIntegrationTest;
import dev.mercator.catalog.support.FakeSource;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.support.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CatalogSearchIntegrationTests extends CatalogIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private static RawProduct withGtin(RawProduct p, String gtin) {
        return p.withGtins(List.of(gtin));
    }

    private static String path(String keywords, String more) {
        return "/api/products/search?q=" + URLEncoder.encode(keywords, StandardCharsets.UTF_8) + more;
    }

    @Test
    void searchesAllProvidersMergesTheSameProductAndRanksByPrice() {
        Tenant tenant = newMerchant("Search shop");
        String q = unique("headphones");
        amazon.answer(
                q,
                withGtin(
                        FakeSource.product(Marketplace.AMAZON, "B0001", "Sony WH-1000XM5 Headphones", "349.00"),
                        "4548736132610"),
                FakeSource.product(Marketplace.AMAZON, "B0002", "Cheap earbuds", "9.99"));
        ebay.answer(
                q,
                withGtin(
                        FakeSource.product(Marketplace.EBAY, "e-77", "Sony WH1000XM5 wireless", "329.00"),
                        "4548736132610"));
        aliexpress.answer(q, FakeSource.product(Marketplace.ALIEXPRESS, "1005", "Headphone stand", "15.50"));

        JsonNode body = tenant.api().get(path(q, "&sort=price")).json();

        assertThat(body.get("total").asInt()).isEqualTo(3);
        assertThat(body.get("stale").asBoolean()).isFalse();
        assertThat(body.get("failedProviders")).isEmpty();
        JsonNode items = body.get("items");
        assertThat(items.get(0).get("title").asString()).isEqualTo("Cheap earbuds");
        assertThat(items.get(1).get("title").asString()).isEqualTo("Headphone stand");
        JsonNode merged = items.get(2);
        assertThat(merged.get("gtin").asString()).isEqualTo("04548736132610");
        assertThat(merged.get("offers")).hasSize(2);

        JsonNode page2 = tenant.api().get(path(q, "&sort=price&page=2&size=1")).json();
        assertThat(page2.get("items")).hasSize(1);
        assertThat(page2.get("items").get(0).get("title").asString()).isEqualTo("Headphone stand");

        JsonNode cheap = tenant.api()
                .get(path(q, "&sort=price&minPrice=10&maxPrice=100"))
                .json();
        assertThat(cheap.get("items")).hasSize(1);
    }

    @Test
    void aFailingProviderIsAnsweredFromTheCacheMarkedStaleWithItsTime() {
        Tenant tenant = newMerchant("Stale shop");
        String q = unique("kettle");
        amazon.answer(q, FakeSource.product(Marketplace.AMAZON, "A1", "Kettle", "20.00"));
        ebay.answer(q, FakeSource.product(Marketplace.EBAY, "E1", "Teapot", "12.00"));
        Instant before = Instant.now();
        assertThat(tenant.api().get(path(q, "")).json().get("total").asInt()).isEqualTo(2);

        ebay.failAlways(SourceFailure.Kind.TRANSIENT);
        Api.Response response = tenant.api().get(path(q, ""));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("total").asInt()).isEqualTo(2);
        assertThat(body.get("stale").asBoolean()).isTrue();
        assertThat(Instant.parse(body.get("asOf").asString())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(body.get("failedProviders")).isEmpty();
        JsonNode ebayPart = provider(body, "ebay");
        assertThat(ebayPart.get("status").asString()).isEqualTo("stale");
        assertThat(ebayPart.get("error").asString()).startsWith("transient");
        assertThat(provider(body, "amazon").get("status").asString()).isEqualTo("ok");
    }

    @Test
    void aProviderDownWithNothingCachedIsNamedAndTheOthersStillAnswer() {
        Tenant tenant = newMerchant("Down shop");
        String q = unique("mug");
        amazon.answer(q, FakeSource.product(Marketplace.AMAZON, "A1", "Mug", "8.00"));
        ebay.failAlways(SourceFailure.Kind.PERMANENT);
        aliexpress.failAlways(SourceFailure.Kind.TRANSIENT);

        Api.Response response = tenant.api().get(path(q, ""));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("total").asInt()).isEqualTo(1);
        assertThat(body.get("failedProviders").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("ebay", "aliexpress");
        assertThat(provider(body, "ebay").get("error").asString()).startsWith("permanent");
        assertThat(aliexpress.searches()).as("transient failures retried").isEqualTo(3);
        ebay.failAlways(null);
        aliexpress.failAlways(null);
        tenant.api().get(path(unique("heal"), "")); // clears the permanent mark for other tests
    }

    @Test
    void aProviderThatMissesTheDeadlineDoesNotHoldTheSearch() {
        Tenant tenant = newMerchant("Slow shop");
        String q = unique("table");
        amazon.answer(q, FakeSource.product(Marketplace.AMAZON, "A1", "Table", "80.00"));
        ebay.latency(Duration.ofSeconds(12));

        JsonNode body = tenant.api().get(path(q, "")).json();

        assertThat(body.get("total").asInt()).isEqualTo(1);
        assertThat(body.get("failedProviders").valueStream().map(JsonNode::asString))
                .containsExactly("ebay");
        assertThat(provider(body, "ebay").get("error").asString()).contains("no answer within");
    }

    @Test
    void rejectsAreCountedByReasonAndManyRaiseADataQualityWarning() {
        Tenant tenant = newMerchant("Reject shop");
        String q = unique("bulb");
        List<RawProduct> products = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            products.add(FakeSource.product(Marketplace.AMAZON, "OK" + i, "Bulb " + i, "3.00"));
        }
        for (int i = 0; i < 6; i++) {
            products.add(FakeSource.product(Marketplace.AMAZON, "NP" + i, "Bulb without price " + i, null));
        }
        amazon.answer(q, products.toArray(RawProduct[]::new));
        double before = rejected("amazon", "missing_price");

        JsonNode body = tenant.api().get(path(q, "&providers=amazon")).json();

        assertThat(rejected("amazon", "missing_price") - before).isEqualTo(6);
        JsonNode part = provider(body, "amazon");
        assertThat(part.get("rejected").asInt()).isEqualTo(6);
        assertThat(part.get("returned").asInt()).isEqualTo(4);
        assertThat(part.get("warning").asString()).contains("6 of 10");
        assertThat(ebay.searches()).as("only the chosen provider is asked").isZero();
    }

    @Test
    void aSuddenRiseInRejectsRaisesAWarningBelowTheAbsoluteThreshold() {
        Tenant tenant = newMerchant("Rise shop");
        for (int batch = 0; batch < 3; batch++) {
            String q = unique("clean");
            aliexpress.answer(q, batch(q, 0));
            assertThat(provider(
                                    tenant.api()
                                            .get(path(q, "&providers=aliexpress"))
                                            .json(),
                                    "aliexpress")
                            .get("warning")
                            .isNull())
                    .isTrue();
        }
        String q = unique("dirty");
        aliexpress.answer(q, batch(q, 3));

        JsonNode part =
                provider(tenant.api().get(path(q, "&providers=aliexpress")).json(), "aliexpress");

        assertThat(part.get("rejected").asInt()).isEqualTo(3);
        assertThat(part.get("warning").asString()).contains("3 of 10").contains("usually");
    }

    private static RawProduct[] batch(String q, int withoutPrice) {
        RawProduct[] products = new RawProduct[10];
        for (int i = 0; i < 10; i++) {
            products[i] = FakeSource.product(
                    Marketplace.ALIEXPRESS, q + i, "Item " + q + " " + i, i < withoutPrice ? null : "4.00");
        }
        return products;
    }

    @Test
    void invalidParametersAreA400ProblemWithFieldErrors() {
        Tenant tenant = newMerchant("Bad params");

        Api.Response response = tenant.api()
                .get("/api/products/search?q=%20&providers=amazon,walmart&minPrice=abc&maxPrice=-1"
                        + "&currency=XYZ&sort=cheapest&page=0&size=500");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = response.json()
                .get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
        assertThat(fields).contains("q", "providers", "minPrice", "maxPrice", "currency", "sort", "page", "size");
    }

    @Test
    void searchNeedsAMerchantKey() {
        assertThat(api.get(path("anything", "")).status()).isEqualTo(401);
    }

    @Test
    void largeResponsesAreGzipped() throws IOException {
        Tenant tenant = newMerchant("Gzip shop");
        String q = unique("book");
        List<RawProduct> products = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            products.add(
                    FakeSource.product(Marketplace.EBAY, "BK" + i, "Book number " + i + " hardcover", "1" + i + ".00"));
        }
        ebay.answer(q, products.toArray(RawProduct[]::new));

        Api.Response response = tenant.api().get(path(q, "&providers=ebay"), "Accept-Encoding", "gzip");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(response.raw())).readAllBytes();
        assertThat(plain.length).isGreaterThan(1024);
        assertThat(JsonMapper.builder().build().readTree(plain).get("total").asInt())
                .isEqualTo(20);
    }

    private double rejected(String marketplace, String reason) {
        var counter = meters.find("mercator.catalog.rejected")
                .tag("marketplace", marketplace)
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    static JsonNode provider(JsonNode body, String marketplace) {
        for (JsonNode part : body.get("providers")) {
            if (part.get("marketplace").asString().equals(marketplace)) {
                return part;
            }
        }
        throw new AssertionError("no part for " + marketplace + " in " + body);
    }
}
