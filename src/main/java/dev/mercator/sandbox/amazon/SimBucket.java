package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.limits.SimulatorBuckets;
import io.github.bucket4j.Bucket;
import java.time.InstantSource;

/** One of Amazon's token buckets: refilled at {@code rate} per second up to {@code burst}; each call takes a token. */
final class SimBucket {

    private final double rate;
    private final Bucket tokens;

    SimBucket(AmazonSimSettings.Limit limit, InstantSource clock) {
        this.rate = limit.rate();
        this.tokens = SimulatorBuckets.full(limit.rate(), limit.burst(), clock);
    }

    boolean tryTake() {
        return tokens.tryConsume(1);
    }

    /** The rate Amazon announces in {@code x-amzn-RateLimit-Limit}. */
    double rate() {
        return rate;
    }
}
