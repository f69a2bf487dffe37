package dev.mercator.catalog.cache;

import dev.mercator.marketplaces.RawProduct;
import java.time.Instant;
import java.util.List;

/**
 * One provider's answer to one query as cached: raw products without affiliate links (links are per merchant and are
 * applied after the cache), and when it was fetched.
 */
public record CachedPage(List<RawProduct> products, long totalResults, boolean hasMore, Instant fetchedAt) {

    public boolean empty() {
        return products.isEmpty();
    }
}
