package dev.mercator.monitoring.traffic;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Mercator's traffic over the current window, as {@code GET /api/monitoring/metrics} answers it. Rates are fractions
 * (0.05 is 5 %); a rate or percentile is null while there is nothing to compute it from.
 */
record TrafficSummary(
        Instant windowStart,
        double windowSeconds,
        Requests requests,
        Latency latencyMs,
        Cache cache,
        Map<String, Map<String, Long>> outbound) {

    /** Requests served, excluding operational paths (actuator, monitoring, health, simulated providers). */
    record Requests(
            long count,
            double perSecond,
            long clientErrors,
            long serverErrors,
            @Nullable Double clientErrorRate,
            @Nullable Double serverErrorRate) {}

    /** Server-side latency percentiles in milliseconds, from the time a request reaches Mercator to its response. */
    record Latency(
            @Nullable Double p50,
            @Nullable Double p95,
            @Nullable Double p99,
            @Nullable Double max) {}

    /** Lookups in Mercator's in-process caches, overall and per cache. */
    record Cache(long hits, long misses, @Nullable Double hitRate, Map<String, CacheGets> caches) {}

    record CacheGets(long hits, long misses, @Nullable Double hitRate) {}
}
