package dev.mercator.sandbox.catalog;

import dev.mercator.sandbox.ConditionalOnSandbox;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** One generated catalogue for all marketplace simulators, and their settings. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
class CatalogSandboxConfiguration {

    static final String PREFIX = "mercator.sandbox.catalog";

    @Bean
    CatalogSandboxSettings catalogSandboxSettings(Environment environment) {
        // Bound here rather than scanned, so the settings exist only with the sandbox.
        return Binder.get(environment)
                .bind(PREFIX, CatalogSandboxSettings.class)
                .orElseGet(() -> new CatalogSandboxSettings(null, null, null));
    }

    @Bean
    GeneratedCatalog generatedCatalog(CatalogSandboxSettings settings) {
        return new GeneratedCatalog(settings.seedValue(), settings.productCount());
    }
}
