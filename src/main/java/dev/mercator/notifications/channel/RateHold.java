package dev.mercator.notifications.channel;

import java.time.Instant;

/**
 * A provider's rate-limit bucket that must not be called again before {@code until}: after a 429, or when its headers
 * said the bucket is spent. The ledger keeps holds in the database, so no instance calls a held bucket.
 *
 * @param bucket the provider's bucket as the channel names it ({@code discord:webhook:123}, {@code telegram:bot:...})
 */
public record RateHold(String bucket, Instant until) {}
