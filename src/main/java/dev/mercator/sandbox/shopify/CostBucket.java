package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.limits.SimulatorBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.InstantSource;

/**
 * A shop's GraphQL cost bucket under Shopify's rules: it holds at most {@code bucketSize} points and restores {@code
 * restoreRate} a second; a request is charged its requested cost before it runs, and one that finds too few points is
 * throttled whole, charged nothing. Nothing is refunded afterwards, so the actual cost reported is the requested one.
 * Mutable under the shop's lock only.
 */
final class CostBucket {

    private int size;
    private double restoreRate;
    private final Bucket points;
    private long requests;
    private long throttled;

    CostBucket(int size, double restoreRate, InstantSource clock) {
        this.size = size;
        this.restoreRate = restoreRate;
        this.points = SimulatorBuckets.full(restoreRate, size, clock);
    }

    /** A new size or rate keeps the points the bucket holds, cut to the new size. */
    void resize(int newSize, double newRestoreRate) {
        points.replaceConfiguration(
                SimulatorBuckets.configuration(newRestoreRate, newSize), TokensInheritanceStrategy.AS_IS);
        size = newSize;
        restoreRate = newRestoreRate;
    }

    /** Takes {@code cost} points if the bucket holds them; a request that finds too few is throttled whole. */
    boolean take(int cost) {
        requests++;
        if (cost > 0 && !points.tryConsume(cost)) {
            throttled++;
            return false;
        }
        return true;
    }

    SimulatedShop.ThrottleStatus status() {
        return new SimulatedShop.ThrottleStatus(size, (int) points.getAvailableTokens(), restoreRate);
    }

    long requests() {
        return requests;
    }

    long throttled() {
        return throttled;
    }
}
