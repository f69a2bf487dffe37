package dev.mercator.catalog.cache;

import java.time.Duration;
import java.util.Optional;

/** The second cache level, shared by instances. Never throws: an unavailable store is a miss and a dropped write. */
public interface SharedResultStore {

    Optional<CachedPage> get(String key);

    void put(String key, CachedPage page, Duration ttl);
}
