package dev.mercator.inventory.channel;

import java.time.Duration;

/** What became of one push. The scheduler turns each into the SKU's sync state. */
public sealed interface PushOutcome {

    String sku();

    /** The channel applied the quantity and said so synchronously (Shopify). */
    record Applied(String sku, int quantity) implements PushOutcome {}

    /** The channel queued the change (Amazon "ACCEPTED"): read back after a delay before calling it in sync. */
    record Accepted(String sku, int quantity, String submissionId) implements PushOutcome {}

    /** The channel's current quantity was not what we expected (Shopify compare-and-set): re-read and push again. */
    record Stale(String sku, int channelQuantity) implements PushOutcome {}

    /** Rate-limited: try again after {@code retryAfter}, without counting it as a failure. */
    record Throttled(String sku, Duration retryAfter) implements PushOutcome {}

    /** 5xx, timeout, connection reset: retry with exponential backoff and jitter. */
    record Transient(String sku, String reason) implements PushOutcome {}

    /** A 4xx other than throttling (bad SKU, invalid attributes, auth): stop retrying and show the error. */
    record Rejected(String sku, String reason) implements PushOutcome {}
}
