package dev.mercator.catalog.cache;

import org.springframework.test.context.TestPropertySource;

/** Redis configured but dead: searches work and cache in process alone, without errors. */
@TestPropertySource(properties = "mercator.redis.url=redis://127.0.0.1:1")
class CatalogCacheRedisDownIntegrationTests extends CatalogCacheIntegrationTests {}
