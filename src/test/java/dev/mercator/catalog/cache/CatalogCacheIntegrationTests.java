package dev.mercator.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.support.CatalogIntegrationTest;
import dev.mercator.catalog.support.FakeSource;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The two cache levels in the running service. Without Redis (this class) the in-process level alone answers repeats;
 * subclasses run the same with Redis up (the shared level answers once the local one forgot) and with Redis down.
 */
@TestPropertySource(properties = {"mercator.catalog.cache.soft-ttl=1h", "mercator.catalog.cache.hard-ttl=2h"})
class CatalogCacheIntegrationTests extends CatalogIntegrationTest {

    @Autowired
    ProviderResults results;

    final AtomicInteger calls = new AtomicInteger();

    SourcePage upstream(String id) {
        calls.incrementAndGet();
        return new SourcePage(
                List.of(new RawProduct(
                        Marketplace.AMAZON,
                        id,
                        "Desk lamp",
                        null,
                        null,
                        null,
                        "19.99",
                        "USD",
                        List.of(),
                        null,
                        "https://amazon.example/dp/" + id,
                        null,
                        null,
                        Instant.now())),
                1,
                false);
    }

    SourceQuery query() {
        return new SourceQuery(unique("desk lamp"), 1, 50, null, null, null);
    }

    @Test
    void aRepeatedSearchIsAnsweredFromTheCacheWithoutErrors() throws Exception {
        SourceQuery query = query();
        results.search(Marketplace.AMAZON, query, lane -> upstream("A1"));

        CachedResult again = results.search(Marketplace.AMAZON, query, lane -> upstream("A2"));

        assertThat(calls).hasValue(1);
        assertThat(again.page().products().getFirst().marketplaceId()).isEqualTo("A1");
    }

    /**
     * Validation is per page, not per search: a warm search shows the cached page's validated products and its
     * rejects without validating (and counting, and logging) them again.
     */
    @Test
    void aCachedPageIsValidatedOnceHoweverOftenItIsSearched() {
        Tenant tenant = newMerchant("Validated once");
        String q = unique("bulb");
        amazon.answer(
                q,
                FakeSource.product(Marketplace.AMAZON, "OK1", "Bulb", "3.00"),
                FakeSource.product(Marketplace.AMAZON, "NP1", "Bulb without price", null));
        double before = rejected();

        List<JsonNode> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode body = tenant.api()
                    .get("/api/products/search?q=" + q + "&providers=amazon")
                    .json();
            parts.add(body.get("providers").get(0));
        }

        assertThat(amazon.searches()).isEqualTo(1);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.get("status").asString()).isEqualTo("ok");
            assertThat(part.get("returned").asInt()).isEqualTo(1);
            assertThat(part.get("rejected").asInt()).isEqualTo(1);
        });
        assertThat(rejected() - before)
                .as("the reject counted once, for the page")
                .isEqualTo(1);
    }

    @Autowired
    MeterRegistry meters;

    private double rejected() {
        var counter = meters.find("mercator.catalog.rejected")
                .tag("marketplace", "amazon")
                .tag("reason", "missing_price")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** With the in-process level cleared, only a working shared level saves the upstream call. */
    protected int callsAfterTheLocalLevelForgot() throws Exception {
        SourceQuery query = query();
        results.search(Marketplace.AMAZON, query, lane -> upstream("A1"));
        results.clearLocal();
        results.search(Marketplace.AMAZON, query, lane -> upstream("A2"));
        return calls.get();
    }

    @Test
    void withoutASharedLevelAForgottenResultIsFetchedAgain() throws Exception {
        assertThat(callsAfterTheLocalLevelForgot()).isEqualTo(2);
    }
}
