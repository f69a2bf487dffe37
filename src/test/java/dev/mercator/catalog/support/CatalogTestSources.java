package dev.mercator.catalog.support;

import dev.mercator.marketplaces.Marketplace;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Fake marketplaces placed in front of any real adapter (first in order wins per marketplace). */
@TestConfiguration(proxyBeanMethods = false)
public class CatalogTestSources {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    FakeSource fakeAmazon() {
        return new FakeSource(Marketplace.AMAZON);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    FakeSource fakeAliexpress() {
        return new FakeSource(Marketplace.ALIEXPRESS);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    FakeSource fakeEbay() {
        return new FakeSource(Marketplace.EBAY);
    }
}
