package dev.mercator.platform.ratelimit;

import dev.mercator.support.PostgresSuite;

/** Shared buckets on PostgreSQL: row locks make concurrent instances draw from one bucket. */
@PostgresSuite
class SharedRateLimiterPostgresIntegrationTests extends SharedRateLimiterIntegrationTests {}
