package dev.mercator.sandbox.catalog;

import dev.mercator.sandbox.limits.SimulatorBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A vendor's per-account request rate as the simulators enforce it: a token bucket per account that refills at {@code
 * perSecond} and holds at most {@code burst} requests. A request finding it empty is refused and told how long to wait.
 */
public final class AccountLimits {

    private final double perSecond;
    private final int burst;
    private final InstantSource clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public AccountLimits(double perSecond, int burst, InstantSource clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one request from the account's bucket: zero if allowed, else how long until one is. */
    public Duration take(String account) {
        Bucket bucket = buckets.computeIfAbsent(account, any -> SimulatorBuckets.full(perSecond, burst, clock));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? Duration.ZERO
                : Duration.ofMillis(Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000L));
    }
}
