package dev.mercator.catalog.search;

import dev.mercator.catalog.product.CatalogProduct;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of search results. {@code stale} is true when any provider's part came from the cache because the provider
 * failed; {@code asOf} is then the oldest such part's time. {@code failedProviders} lists providers that contributed
 * nothing.
 */
record SearchResult(
        String query,
        String sort,
        int page,
        int size,
        int total,
        boolean stale,
        @Nullable Instant asOf,
        List<String> failedProviders,
        List<ProviderOutcome> providers,
        List<CatalogProduct> items) {

    /** What one provider contributed. {@code status} is ok, stale or failed. */
    record ProviderOutcome(
            String marketplace,
            String status,
            @Nullable Instant asOf,
            int returned,
            int rejected,
            @Nullable String error,
            @Nullable String warning) {}
}
