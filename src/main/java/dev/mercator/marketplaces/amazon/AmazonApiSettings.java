package dev.mercator.marketplaces.amazon;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which Amazon API serves product search and lookup.
 *
 * @param api {@code creators} (default: the Creators API) or {@code paapi} (PA-API 5.0, for accounts that still have
 *     it)
 */
@ConfigurationProperties("mercator.catalog.amazon")
record AmazonApiSettings(@DefaultValue("creators") @Nullable String api) {

    static final String PROPERTY = "mercator.catalog.amazon.api";

    AmazonApiSettings {
        api = api == null || api.isBlank() ? "creators" : api.strip();
        if (!api.equals("creators") && !api.equals("paapi")) {
            throw new IllegalArgumentException(PROPERTY + " must be creators or paapi (was '" + api + "')");
        }
    }
}
