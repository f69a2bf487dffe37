package dev.mercator.catalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.catalog.support.CatalogIntegrationTest;
import dev.mercator.catalog.support.FakeSource;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.support.Api;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class CatalogIngestIntegrationTests extends CatalogIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackedProductRefresh refresh;

    private static RawProduct priced(RawProduct p, String price) {
        return p.withPrice(price);
    }

    private static JsonNode qualityAlerts(Tenant tenant) {
        return tenant.api().get("/api/alerts?type=catalog.data_quality").json().get("items");
    }

    private static String unique(Marketplace marketplace) {
        return marketplace.name().charAt(0) + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void keywordImportUpsertsProductsAndRecordsPriceChanges() {
        Tenant tenant = newMerchant("Importer");
        String q = unique("toaster");
        String asin = unique(Marketplace.AMAZON);
        RawProduct toaster = FakeSource.product(Marketplace.AMAZON, asin, "Toaster <b>2-slice</b>", "29.90");
        amazon.answer(q, toaster, FakeSource.product(Marketplace.AMAZON, unique(Marketplace.AMAZON), "No price", null));

        Api.Response first =
                tenant.api().post("/api/catalog/ingest", Map.of("keywords", q, "providers", List.of("amazon")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("imported")).hasSize(1);
        assertThat(first.json().get("rejected").asInt()).isEqualTo(1);
        String id = first.json().get("imported").get(0).get("id").asString();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(qualityAlerts(tenant))
                        .singleElement()
                        .satisfies(alert -> {
                            assertThat(alert.get("subject").asString()).isEqualTo("products from amazon");
                            assertThat(alert.get("message").asString()).startsWith("1 of 2 products");
                            assertThat(alert.get("state").asString()).isEqualTo("open");
                        }));

        JsonNode product = tenant.api().get("/api/products/" + id).json();
        assertThat(product.get("title").asString()).isEqualTo("Toaster 2-slice");
        assertThat(product.get("price").asString()).isEqualTo("29.9");
        assertThat(product.get("url").asString()).isEqualTo(toaster.productUrl() + "?tag=instance-20");
        assertThat(product.get("asOf").isNull())
                .as("a fresh price carries no as-of")
                .isTrue();

        amazon.answer(q, priced(toaster, "27.50"));
        String again = tenant.api()
                .post("/api/catalog/ingest", Map.of("keywords", q, "providers", List.of("amazon")))
                .json()
                .get("imported")
                .get(0)
                .get("id")
                .asString();
        tenant.api().post("/api/catalog/ingest", Map.of("keywords", q, "providers", List.of("amazon")));

        assertThat(again).as("upserted by (marketplace, id)").isEqualTo(id);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(qualityAlerts(tenant))
                        .as("a clean import resolves the data-quality alert")
                        .singleElement()
                        .satisfies(alert ->
                                assertThat(alert.get("state").asString()).isEqualTo("resolved")));
        JsonNode prices =
                tenant.api().get("/api/products/" + id + "/prices").json().get("prices");
        assertThat(prices.valueStream().map(p -> p.get("price").asString())).containsExactly("27.5", "29.9");
    }

    @Test
    void idImportLooksProductsUp() {
        Tenant tenant = newMerchant("Id importer");
        String itemId = unique(Marketplace.EBAY);
        ebay.answer(unique("x"), FakeSource.product(Marketplace.EBAY, itemId, "Vintage camera", "120.00"));

        JsonNode report = tenant.api()
                .post("/api/catalog/ingest", Map.of("marketplace", "ebay", "ids", List.of(itemId, "unknown-id")))
                .json();

        assertThat(report.get("imported")).hasSize(1);
        assertThat(report.get("imported").get(0).get("marketplaceId").asString())
                .isEqualTo(itemId);
        assertThat(ebay.lookups()).isEqualTo(1);
    }

    @Test
    void anOldPriceCarriesItsAsOfTimeUntilTheBackgroundRefreshRenewsIt() {
        Tenant tenant = newMerchant("Refresher");
        String asin = unique(Marketplace.AMAZON);
        String q = unique("scale");
        amazon.answer(q, FakeSource.product(Marketplace.AMAZON, asin, "Kitchen scale", "15.00"));
        String id = tenant.api()
                .post("/api/catalog/ingest", Map.of("keywords", q, "providers", List.of("amazon")))
                .json()
                .get("imported")
                .get(0)
                .get("id")
                .asString();
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        jdbc.sql("update catalog_products set price_as_of = :at where id = :id")
                .param("at", Timestamp.from(twoHoursAgo))
                .param("id", UUID.fromString(id))
                .update();

        JsonNode old = tenant.api().get("/api/products/" + id).json();
        assertThat(Instant.parse(old.get("asOf").asString()))
                .isBeforeOrEqualTo(Instant.now().minus(Duration.ofHours(1)));

        amazon.answer(q, priced(FakeSource.product(Marketplace.AMAZON, asin, "Kitchen scale", "15.00"), "14.00"));
        assertThat(refresh.refreshDue()).isGreaterThanOrEqualTo(1);

        JsonNode renewed = tenant.api().get("/api/products/" + id).json();
        assertThat(renewed.get("asOf").isNull()).isTrue();
        assertThat(renewed.get("price").asString()).isEqualTo("14");
        assertThat(amazon.accounts().getLast().owner())
                .as("refresh runs under the instance account")
                .isEqualTo("instance");
        JsonNode quota = admin.get("/api/monitoring/quotas").json();
        assertThat(quota.get("quotas")).isNotEmpty();
    }

    @Test
    void invalidRequestsAndUnknownProducts() {
        Tenant tenant = newMerchant("Bad importer");

        Api.Response neither = tenant.api().post("/api/catalog/ingest", Map.of("limit", 500));
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .contains("keywords", "limit");
        Api.Response badMarketplace =
                tenant.api().post("/api/catalog/ingest", Map.of("marketplace", "walmart", "ids", List.of("1")));
        assertThat(badMarketplace.status()).isEqualTo(400);

        assertThat(tenant.api().get("/api/products/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(tenant.api().get("/api/products/not-a-uuid/prices").status()).isEqualTo(404);
        assertThat(api.post("/api/catalog/ingest", Map.of("keywords", "x")).status())
                .isEqualTo(401);
    }

    /**
     * Imports of overlapping pages at the same time: each page is one transaction, so rows are locked for the whole
     * page; written in id order they cannot deadlock, and each product is stored once with one first price.
     */
    @Test
    void concurrentImportsOfOverlappingPagesStoreEachProductOnce() throws Exception {
        Tenant tenant = newMerchant("Parallel importer");
        String q = unique("kettle");
        List<RawProduct> page = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            page.add(FakeSource.product(Marketplace.AMAZON, unique(Marketplace.AMAZON), "Kettle " + i, "19.90"));
        }
        amazon.answer(q, page.toArray(RawProduct[]::new));
        List<RawProduct> reversed = new java.util.ArrayList<>(page);
        java.util.Collections.reverse(reversed);
        String q2 = q + " reversed";
        amazon.answer(q2, reversed.toArray(RawProduct[]::new));

        List<Integer> statuses;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> imports = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String keywords = i % 2 == 0 ? q : q2;
                imports.add(pool.submit(() -> {
                    start.await();
                    return tenant.api()
                            .post("/api/catalog/ingest", Map.of("keywords", keywords, "providers", List.of("amazon")))
                            .status();
                }));
            }
            start.countDown();
            statuses = new java.util.ArrayList<>();
            for (var f : imports) {
                statuses.add(f.get());
            }
        }

        assertThat(statuses).containsOnly(200);
        for (RawProduct product : page) {
            assertThat(jdbc.sql("select count(*) from catalog_products where marketplace_id = :id")
                            .param("id", product.marketplaceId())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("""
                            select count(*) from catalog_prices h
                            join catalog_products p on p.id = h.product_id where p.marketplace_id = :id""")
                            .param("id", product.marketplaceId())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
