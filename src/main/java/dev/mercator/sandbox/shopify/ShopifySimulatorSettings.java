package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defaults of every simulated shop (bound only while the sandbox is enabled, like every sandbox bean); a shop registered through {@code PUT /sandbox/shopify/{shop}/_sim/shop} may
 * override the bucket and the delivery behaviour for itself.
 *
 * @param bucketSize the cost bucket's capacity ({@code maximumAvailable}); Shopify's Standard plan: 2000
 * @param restoreRate cost points restored per second; Standard plan: 100
 * @param mutationCost what one mutation costs (Shopify: 10)
 * @param requireIdempotency whether {@code inventorySetQuantities} without {@code @idempotent} is refused, as 2026-04
 *     documents; off imitates what some developers observed live (not enforced)
 * @param webhookUrl where deliveries go; unset, this server's {@code /webhook/shopify}
 * @param webhookConnectTimeout Shopify gives an endpoint 1 s to accept the connection
 * @param webhookTimeout and 5 s in all to answer
 * @param webhookRetries retries after a failed delivery (Shopify: 8)
 * @param webhookRetryWindow the span those retries are spread over with exponential backoff (Shopify: 4 hours);
 *     shorten it to compress Shopify's schedule
 * @param duplicateProbability share (0..1) of events delivered more than once, as happens after slow acknowledgements
 * @param duplicateCopies extra copies of such an event (same {@code X-Shopify-Event-Id}, own {@code Webhook-Id})
 * @param maxReorderDelay each delivery waits a random time up to this before its first attempt, so deliveries arrive
 *     out of order; zero sends at once
 * @param webhookThreads threads delivering webhooks
 */
@ConfigurationProperties("mercator.sandbox.shopify")
@ConditionalOnSandbox
record ShopifySimulatorSettings(
        @DefaultValue("2000") int bucketSize,
        @DefaultValue("100") double restoreRate,
        @DefaultValue("10") int mutationCost,
        @DefaultValue("true") boolean requireIdempotency,
        @Nullable String webhookUrl,
        @DefaultValue("1s") Duration webhookConnectTimeout,
        @DefaultValue("5s") Duration webhookTimeout,
        @DefaultValue("8") int webhookRetries,
        @DefaultValue("4h") Duration webhookRetryWindow,
        @DefaultValue("0") double duplicateProbability,
        @DefaultValue("1") int duplicateCopies,
        @DefaultValue("0s") Duration maxReorderDelay,
        @DefaultValue("4") int webhookThreads) {

    private static final String PREFIX = "mercator.sandbox.shopify.";

    ShopifySimulatorSettings {
        require(bucketSize >= 1, "bucket-size must be at least 1");
        require(restoreRate > 0, "restore-rate must be positive");
        require(mutationCost >= 1, "mutation-cost must be at least 1");
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        require(positive(webhookConnectTimeout), "webhook-connect-timeout must be positive");
        require(positive(webhookTimeout), "webhook-timeout must be positive");
        require(webhookRetries >= 0 && webhookRetries <= 30, "webhook-retries must be between 0 and 30");
        require(positive(webhookRetryWindow), "webhook-retry-window must be positive");
        require(
                duplicateProbability >= 0 && duplicateProbability <= 1,
                "duplicate-probability must be between 0 and 1");
        require(duplicateCopies >= 0, "duplicate-copies must not be negative");
        require(!maxReorderDelay.isNegative(), "max-reorder-delay must not be negative");
        require(webhookThreads >= 1, "webhook-threads must be at least 1");
    }

    /** The delivery behaviour of a shop that sets none of its own. */
    DeliveryOptions deliveryDefaults() {
        return new DeliveryOptions(
                webhookUrl, webhookRetries, webhookRetryWindow, duplicateProbability, duplicateCopies, maxReorderDelay);
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(PREFIX + problem);
        }
    }
}
