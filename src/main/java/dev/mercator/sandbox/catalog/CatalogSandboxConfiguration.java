package dev.mercator.sandbox.catalog;

import dev.mercator.sandbox.ConditionalOnSandbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One generated catalogue for all marketplace simulators. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
class CatalogSandboxConfiguration {

    @Bean
    GeneratedCatalog generatedCatalog(CatalogSandboxSettings settings) {
        return new GeneratedCatalog(settings.seedValue(), settings.productCount());
    }
}
