package dev.mercator.marketplaces;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A marketplace call that failed, classified. Adapters read errors wherever the vendor puts them (AliExpress reports
 * them inside HTTP 200 bodies) and translate them into one of these kinds.
 */
public class SourceFailure extends Exception {

    public enum Kind {
        /** 429, TooManyRequests, ApiCallLimit: wait for {@link #retryAfter()} or the bucket. */
        RATE_LIMITED,
        /** 5xx, timeouts, connection resets: retry with backoff. */
        TRANSIENT,
        /** Authentication, signature, invalid partner tag, bad request: no retry; the provider is unhealthy. */
        PERMANENT
    }

    private final Marketplace marketplace;
    private final Kind kind;
    private final @Nullable Duration retryAfter;

    public SourceFailure(Marketplace marketplace, Kind kind, String message, @Nullable Duration retryAfter) {
        super(message);
        this.marketplace = marketplace;
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public SourceFailure(Marketplace marketplace, Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.marketplace = marketplace;
        this.kind = kind;
        this.retryAfter = null;
    }

    public Marketplace marketplace() {
        return marketplace;
    }

    public Kind kind() {
        return kind;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
