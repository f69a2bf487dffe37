package dev.mercator.inventory.amazon;

import dev.mercator.inventory.channel.PushOutcome;
import java.time.Duration;

/**
 * A failed call to Amazon, already classified the way the push scheduler acts on it. {@code sellerWide} failures
 * (the seller's quota is spent, its token cannot be had, Amazon is unreachable) would fail every further call of the
 * same push too, so the push stops there instead of spending calls to learn it again.
 */
final class AmazonFailure extends RuntimeException {

    enum Kind {
        THROTTLED,
        TRANSIENT,
        REJECTED
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final boolean sellerWide;
    private final int status;

    private AmazonFailure(Kind kind, String reason, Duration retryAfter, boolean sellerWide, int status) {
        super(reason, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.sellerWide = sellerWide;
        this.status = status;
    }

    static AmazonFailure throttled(Duration retryAfter) {
        return new AmazonFailure(Kind.THROTTLED, "throttled", retryAfter, true, 429);
    }

    static AmazonFailure transientFailure(String reason, boolean sellerWide) {
        return new AmazonFailure(Kind.TRANSIENT, reason, Duration.ZERO, sellerWide, 0);
    }

    static AmazonFailure rejected(String reason, boolean sellerWide) {
        return new AmazonFailure(Kind.REJECTED, reason, Duration.ZERO, sellerWide, 0);
    }

    /** Amazon answered getListingsItem with 404: the seller does not list this SKU (rejected, and said so). */
    static AmazonFailure notListed(String reason) {
        return new AmazonFailure(Kind.REJECTED, reason, Duration.ZERO, false, 404);
    }

    /** Whether this is Amazon saying the seller does not list the SKU at all. */
    boolean notListed() {
        return kind == Kind.REJECTED && status == 404;
    }

    /** An error status from SP-API: 429 throttles, 5xx are transient, every other 4xx is rejected. */
    static AmazonFailure ofStatus(int status, String problem, Duration throttledFor) {
        if (status == 429) {
            return throttled(throttledFor);
        }
        if (status >= 500) {
            return new AmazonFailure(Kind.TRANSIENT, "HTTP " + status + " " + problem, Duration.ZERO, false, status);
        }
        // A 403 that survived a fresh token is about the seller's authorisation, not this SKU.
        return new AmazonFailure(Kind.REJECTED, "HTTP " + status + " " + problem, Duration.ZERO, status == 403, status);
    }

    /** The HTTP status Amazon answered with, 0 when there was none. */
    int status() {
        return status;
    }

    Kind kind() {
        return kind;
    }

    boolean sellerWide() {
        return sellerWide;
    }

    String reason() {
        return String.valueOf(getMessage());
    }

    PushOutcome toOutcome(String sku) {
        return switch (kind) {
            case THROTTLED -> new PushOutcome.Throttled(sku, retryAfter);
            case TRANSIENT -> new PushOutcome.Transient(sku, reason());
            case REJECTED -> new PushOutcome.Rejected(sku, reason());
        };
    }
}
