package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the Amazon simulator behaves. Real Amazon takes minutes where these defaults take seconds, so a demo shows the
 * same sequence (accepted, then visible; queued, then done) without the wait.
 *
 * @param tokenTtl lifetime of a Login with Amazon access token ({@code expires_in}); Amazon's is one hour
 * @param visibilityDelay how long an ACCEPTED listings change stays invisible to getListingsItem
 * @param feedProcessingDelay how long a feed takes from IN_QUEUE to DONE (IN_PROGRESS for the second half)
 * @param ordersSettle how far behind now searchOrders' {@code lastUpdatedBefore} must stay (Amazon: two minutes)
 * @param rateLimits per-operation overrides of Amazon's per-seller token buckets, by operation name
 */
@ConfigurationProperties("mercator.sandbox.amazon")
@ConditionalOnSandbox
record AmazonSimSettings(
        @Nullable Duration tokenTtl,
        @Nullable Duration visibilityDelay,
        @Nullable Duration feedProcessingDelay,
        @Nullable Duration ordersSettle,
        @Nullable Map<String, Limit> rateLimits) {

    AmazonSimSettings {
        tokenTtl = positive(tokenTtl, Duration.ofHours(1), "token-ttl");
        visibilityDelay = notNegative(visibilityDelay, Duration.ofSeconds(5), "visibility-delay");
        feedProcessingDelay = notNegative(feedProcessingDelay, Duration.ofSeconds(10), "feed-processing-delay");
        ordersSettle = notNegative(ordersSettle, Duration.ofMinutes(2), "orders-settle");
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
        rateLimits.forEach((operation, limit) -> {
            if (!SimLimits.DEFAULTS.containsKey(operation)) {
                throw new IllegalArgumentException("mercator.sandbox.amazon.rate-limits." + operation
                        + " is not an operation the simulator limits; known: " + SimLimits.DEFAULTS.keySet());
            }
            if (limit.rate() <= 0 || limit.burst() < 1) {
                throw new IllegalArgumentException("mercator.sandbox.amazon.rate-limits." + operation
                        + " needs a positive rate and a burst of at least 1");
            }
        });
    }

    /** A token bucket: {@code rate} tokens per second up to {@code burst}. */
    record Limit(double rate, int burst) {}

    Duration ttl() {
        return tokenTtl == null ? Duration.ofHours(1) : tokenTtl;
    }

    Duration visibility() {
        return visibilityDelay == null ? Duration.ZERO : visibilityDelay;
    }

    Duration feedDelay() {
        return feedProcessingDelay == null ? Duration.ZERO : feedProcessingDelay;
    }

    Duration settle() {
        return ordersSettle == null ? Duration.ZERO : ordersSettle;
    }

    Limit limit(String operation) {
        Limit configured = rateLimits == null ? null : rateLimits.get(operation);
        if (configured != null) {
            return configured;
        }
        Limit known = SimLimits.DEFAULTS.get(operation);
        if (known == null) {
            throw new IllegalArgumentException("no rate limit for " + operation);
        }
        return known;
    }

    private static Duration positive(@Nullable Duration value, Duration fallback, String key) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("mercator.sandbox.amazon." + key + " must be positive");
        }
        return value;
    }

    private static Duration notNegative(@Nullable Duration value, Duration fallback, String key) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException("mercator.sandbox.amazon." + key + " must not be negative");
        }
        return value;
    }
}
