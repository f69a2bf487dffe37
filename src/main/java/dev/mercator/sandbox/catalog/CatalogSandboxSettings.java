package dev.mercator.sandbox.catalog;

import org.jspecify.annotations.Nullable;

/**
 * The simulated marketplaces, bound from {@code mercator.sandbox.catalog} only while the sandbox is enabled (see
 * {@link CatalogSandboxConfiguration}), so that production has no sandbox beans at all.
 *
 * @param seed seeds the generated catalogue; the same seed always gives the same products, ids and defects
 * @param products how many products the catalogue holds
 * @param amazonTps requests per second each Amazon (Creators API, PA-API) account may make, as Amazon's initial quota
 */
public record CatalogSandboxSettings(
        @Nullable Long seed,
        @Nullable Integer products,
        @Nullable Double amazonTps) {

    public CatalogSandboxSettings {
        seed = seed == null ? 20261122L : seed;
        products = products == null ? 3000 : products;
        amazonTps = amazonTps == null ? 1.0 : amazonTps;
    }

    public long seedValue() {
        return seed == null ? 20261122L : seed;
    }

    public int productCount() {
        return products == null ? 3000 : products;
    }

    public double amazonRate() {
        return amazonTps == null ? 1.0 : amazonTps;
    }
}
