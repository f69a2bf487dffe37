package dev.mercator.sandbox.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Token buckets as the simulated vendors keep them: at most {@code capacity} tokens, refilled continuously at {@code
 * perSecond}, full when created. They are Bucket4j's buckets (the library Mercator limits its own callers with), and
 * they read time from the simulator's clock rather than {@link System#nanoTime}, so a test that moves the clock
 * refills them and one that holds it still sees them stay put.
 */
public final class SimulatorBuckets {

    private SimulatorBuckets() {}

    /** A full bucket on {@code clock}. */
    public static Bucket full(double perSecond, long capacity, InstantSource clock) {
        return Bucket.builder()
                .addLimit(limit(perSecond, capacity))
                .withCustomTimePrecision(new ClockTime(clock))
                .build();
    }

    /** The same limit as a configuration, for a bucket whose vendor settings change while it holds tokens. */
    public static BucketConfiguration configuration(double perSecond, long capacity) {
        return BucketConfiguration.builder()
                .addLimit(limit(perSecond, capacity))
                .build();
    }

    // One token per period rather than capacity per capacity/rate: Bucket4j keeps the remainder of a part-refilled
    // token, so the refill is as continuous as the vendors' fractional rates (Amazon's 0.0083 per second) need.
    private static Bandwidth limit(double perSecond, long capacity) {
        long nanosPerToken = Math.max(1, Math.round(1e9 / perSecond));
        return Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(1, Duration.ofNanos(nanosPerToken))
                .build();
    }

    /** Bucket4j's time source over the simulator's clock. */
    private record ClockTime(InstantSource clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
