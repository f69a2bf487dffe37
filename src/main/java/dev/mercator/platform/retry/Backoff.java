package dev.mercator.platform.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the wait before retry {@code attempt} (1-based) is drawn uniformly from [0,
 * min(max, base × 2^(attempt−1))]. Full rather than partial jitter because the callers that failed together (every
 * search that met one vendor outage) must not come back together and knock the recovering vendor over again.
 *
 * @param base the ceiling of the first wait
 * @param max the ceiling no wait exceeds, however many attempts came before
 */
public record Backoff(Duration base, Duration max) {

    public Duration delay(int attempt) {
        long first = base.toMillis();
        long cap = max.toMillis();
        int doublings = Math.max(0, attempt - 1);
        // base × 2^doublings without overflow: past the cap is the cap.
        long ceiling = doublings >= 62 || first > (cap >> doublings) ? cap : first << doublings;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling) + 1));
    }
}
