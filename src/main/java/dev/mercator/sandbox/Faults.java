package dev.mercator.sandbox;

/**
 * The faults injected into one simulated provider's responses. The zero value, {@link #NONE}, injects nothing.
 *
 * @param latencyMs delay before every response, faults included
 * @param errorRate share of requests (0..1) answered with the provider's 500 or 503
 * @param throttleRate share of requests (0..1) answered with the provider's 429
 * @param badRequestRate share of requests (0..1) answered with the provider's "invalid parameter" refusal, in the shape
 *     and status the provider uses for it (a 400 for most; AliExpress reports it in an HTTP 200 body)
 * @param outage whether every request gets the outage response
 * @param retryAfterSeconds the {@code Retry-After} a throttled response carries
 * @param times how many faulted responses are injected before the faults clear themselves (0: until cleared). A
 *     throttle that lifts after a few calls is what a client that waits and retries must be tested against; clearing
 *     it from another thread would race the client's own backoff.
 */
record Faults(
        long latencyMs,
        double errorRate,
        double throttleRate,
        double badRequestRate,
        boolean outage,
        long retryAfterSeconds,
        int times) {

    static final long DEFAULT_RETRY_AFTER_SECONDS = 1;
    static final Faults NONE = new Faults(0, 0, 0, 0, false, DEFAULT_RETRY_AFTER_SECONDS, 0);
}
