/** Every marketplace call goes through here: rate limit, daily quota with lanes, retries, circuit breaker, health. */
@NullMarked
package dev.mercator.catalog.resilience;

import org.jspecify.annotations.NullMarked;
