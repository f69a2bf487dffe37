package dev.mercator.inventory.shopify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Shopify's bucket for one shop as this instance last saw it, refilled by the elapsed time at the reported restore rate
 * and drawn down by the calls sent since. Other instances and other apps draw from the same bucket, so this is an
 * estimate that each answer corrects; Shopify's own throttling remains the authority. Time comes from the injected
 * {@link Clock}, so a test can move it.
 */
final class ShopifyCostBucket {

    private final Clock clock;
    private boolean known;
    private double available;
    private double maximum;
    private double restoreRate;
    private Instant observedAt = Instant.EPOCH;

    ShopifyCostBucket(Clock clock) {
        this.clock = clock;
    }

    synchronized void observe(JsonNode throttleStatus) {
        if (!throttleStatus.path("currentlyAvailable").isNumber()
                || !throttleStatus.path("restoreRate").isNumber()) {
            return;
        }
        known = true;
        available = throttleStatus.path("currentlyAvailable").asDouble();
        maximum = throttleStatus.path("maximumAvailable").asDouble(available);
        restoreRate = throttleStatus.path("restoreRate").asDouble();
        observedAt = clock.instant();
    }

    /** Zero when the call may go now (its cost is set aside), else how long until the bucket can pay for it. */
    synchronized Duration reserve(int cost) {
        if (!known || restoreRate <= 0) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        // A clock stepped backwards refills nothing rather than draining the estimate.
        long elapsedNanos = Math.max(0, Duration.between(observedAt, now).toNanos());
        double estimate = Math.min(Math.max(maximum, available), available + elapsedNanos / 1e9 * restoreRate);
        if (estimate >= cost) {
            available = estimate - cost;
            observedAt = now;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((cost - estimate) / restoreRate * 1e9));
    }
}
