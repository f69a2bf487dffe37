package dev.mercator.catalog.cache;

import dev.mercator.marketplaces.SourceFailure;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A provider's answer as a search gets it: fresh or from the cache. {@code stale} means the provider failed and the
 * cached answer of {@code asOf} stood in for it; {@code failure} says why.
 */
public record CachedResult(
        CachedPage page,
        boolean stale,
        Instant asOf,
        @Nullable SourceFailure failure) {}
