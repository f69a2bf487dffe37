package dev.mercator.catalog.support;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the catalog's integration tests: the whole service with fake marketplaces, fast retries, and limits high
 * enough that tests do not trip each other's breakers or budgets. Subclasses share one context.
 */
@Import(CatalogTestSources.class)
@TestPropertySource(
        properties = {
            "mercator.catalog.resilience.backoff-base=5ms",
            "mercator.catalog.resilience.backoff-max=20ms",
            "mercator.catalog.resilience.breaker-failures=1000",
            "mercator.catalog.resilience.max-rate-wait=1s",
            "mercator.catalog.providers.amazon.rate-per-second=1000",
            "mercator.catalog.providers.amazon.burst=1000",
            "mercator.catalog.providers.aliexpress.rate-per-second=1000",
            "mercator.catalog.providers.aliexpress.burst=1000",
            "mercator.catalog.providers.ebay.rate-per-second=1000",
            "mercator.catalog.providers.ebay.burst=1000",
            // Generous: on a loaded 2-core machine a cold first search has taken 2.9 s.
            "mercator.catalog.search.deadline=6s",
            // Every search asks its providers, so failures show; the cache tests set real TTLs.
            "mercator.catalog.cache.soft-ttl=0s",
            "mercator.catalog.cache.hard-ttl=0s",
            "mercator.catalog.affiliate.amazon-tag=instance-20",
            // Tests drive refresh passes themselves.
            "mercator.catalog.refresh.enabled=false",
        })
public abstract class CatalogIntegrationTest extends IntegrationTest {

    @Autowired
    @Qualifier("fakeAmazon")
    protected FakeSource amazon;

    @Autowired
    @Qualifier("fakeAliexpress")
    protected FakeSource aliexpress;

    @Autowired
    @Qualifier("fakeEbay")
    protected FakeSource ebay;

    @BeforeEach
    void resetFakes() {
        amazon.reset();
        aliexpress.reset();
        ebay.reset();
    }

    protected FakeSource fake(Marketplace marketplace) {
        return switch (marketplace) {
            case AMAZON -> amazon;
            case ALIEXPRESS -> aliexpress;
            case EBAY -> ebay;
        };
    }

    /** A keyword no other test uses, so cached results never leak between tests. */
    protected static String unique(String word) {
        return word + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
