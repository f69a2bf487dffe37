package dev.mercator.sandbox.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A vendor's per-account request rate as the simulators enforce it: a token bucket per account that refills at {@code
 * perSecond} and holds at most {@code burst} requests. A request finding it empty is refused and told how long to wait.
 */
public final class AccountLimits {

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public AccountLimits(double perSecond, int burst, Clock clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one request from the account's bucket: zero if allowed, else how long until one is. */
    public Duration take(String account) {
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(account, any -> new Bucket(burst, now));
        synchronized (bucket) {
            double elapsed = Duration.between(bucket.at, now).toNanos() / 1e9;
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, elapsed) * perSecond);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / perSecond * 1000));
        }
    }

    private static final class Bucket {
        double tokens;
        Instant at;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
