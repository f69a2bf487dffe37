package dev.mercator.sandbox.shopify;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a shop's webhooks are delivered.
 *
 * @param url where they go; null for this server's {@code /webhook/shopify}
 * @param retries retries after a failed attempt
 * @param retryWindow the span of those retries (exponential backoff: each wait doubles, and all of them add up to this)
 * @param duplicateProbability share of events delivered more than once
 * @param duplicateCopies extra copies of such an event
 * @param maxReorderDelay the most a delivery waits, at random, before its first attempt
 * @param lostFirstAttemptProbability share of deliveries whose first attempt never reaches the receiver (a dropped
 *     connection on the way), so they arrive only with a retry
 */
record DeliveryOptions(
        @Nullable String url,
        int retries,
        Duration retryWindow,
        double duplicateProbability,
        int duplicateCopies,
        Duration maxReorderDelay,
        double lostFirstAttemptProbability) {

    DeliveryOptions(
            @Nullable String url,
            int retries,
            Duration retryWindow,
            double duplicateProbability,
            int duplicateCopies,
            Duration maxReorderDelay) {
        this(url, retries, retryWindow, duplicateProbability, duplicateCopies, maxReorderDelay, 0);
    }

    /** The wait before retry {@code n} (1-based): Shopify's exponential schedule, scaled to the window. */
    Duration backoff(int retry) {
        double slots = Math.pow(2, retries) - 1;
        double first = retryWindow.toNanos() / Math.max(1, slots);
        return Duration.ofNanos((long) (first * Math.pow(2, retry - 1)));
    }
}
