package dev.mercator.inventory.shopify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Mercator keeps its picture of each Shopify level true (ADR 10). None of these decides what a level means: each
 * only says when to look, and how far back. The verdict always comes from Shopify's own level and order list.
 *
 * @param checkDelay how long after a level report or an applied Shopify event its check runs: a burst's reports of one
 *     item collect into one read
 * @param unexplainedPatience how long a level that differs from what Mercator can explain may wait for late webhooks
 *     before Mercator asks Shopify for the item's orders (a genuine edit made during order traffic is applied after
 *     about this long)
 * @param anchorStillness how long a level must have been still before Mercator takes it as its starting point
 * @param ordersLookback how far before the item's last explained moment the order list is read, for clock skew and
 *     Shopify's search index
 * @param pollInterval how often the check worker looks for due checks
 * @param recheckInterval how long after it was last explained an item's level is read again though nothing asked: a
 *     webhook Shopify gave up on (it retries for four hours) then still shows as a gap, and the order list fills it
 */
@ConfigurationProperties("mercator.inventory.shopify-levels")
record ShopifyLevelSettings(
        @DefaultValue("1s") Duration checkDelay,
        @DefaultValue("30s") Duration unexplainedPatience,
        @DefaultValue("2s") Duration anchorStillness,
        @DefaultValue("10m") Duration ordersLookback,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("10m") Duration recheckInterval) {

    ShopifyLevelSettings {
        if (checkDelay.isNegative() || unexplainedPatience.isNegative() || anchorStillness.isNegative()) {
            throw new IllegalArgumentException("mercator.inventory.shopify-levels durations must not be negative");
        }
        if (ordersLookback.isNegative()
                || pollInterval.isNegative()
                || pollInterval.isZero()
                || recheckInterval.isNegative()
                || recheckInterval.isZero()) {
            throw new IllegalArgumentException(
                    "mercator.inventory.shopify-levels.orders-lookback must not be negative, poll-interval and"
                            + " recheck-interval must be positive");
        }
    }
}
