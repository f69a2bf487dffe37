/**
 * Every marketplace call goes through here: rate limit, daily quota with lanes, retries, circuit breaker; provider
 * health and the quota report ({@code GET /api/monitoring/quotas}).
 */
@NullMarked
package dev.mercator.marketplaces.resilience;

import org.jspecify.annotations.NullMarked;
