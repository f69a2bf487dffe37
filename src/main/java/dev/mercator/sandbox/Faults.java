package dev.mercator.sandbox;

/**
 * The faults injected into one simulated provider's responses. The zero value, {@link #NONE}, injects nothing.
 *
 * @param latencyMs delay before every response, faults included
 * @param errorRate share of requests (0..1) answered with the provider's 500 or 503
 * @param throttleRate share of requests (0..1) answered with the provider's 429
 * @param outage whether every request gets the outage response
 * @param retryAfterSeconds the {@code Retry-After} a throttled response carries
 */
record Faults(long latencyMs, double errorRate, double throttleRate, boolean outage, long retryAfterSeconds) {

    static final long DEFAULT_RETRY_AFTER_SECONDS = 1;
    static final Faults NONE = new Faults(0, 0, 0, false, DEFAULT_RETRY_AFTER_SECONDS);
}
