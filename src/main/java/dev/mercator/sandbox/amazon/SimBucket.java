package dev.mercator.sandbox.amazon;

/** One of Amazon's token buckets: refilled at {@code rate} per second up to {@code burst}; each call takes a token. */
final class SimBucket {

    private final double rate;
    private final int burst;
    private double tokens;
    private long lastNanos;

    SimBucket(AmazonSimSettings.Limit limit) {
        this.rate = limit.rate();
        this.burst = limit.burst();
        this.tokens = limit.burst();
        this.lastNanos = System.nanoTime();
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * rate);
        lastNanos = now;
        if (tokens < 1.0) {
            return false;
        }
        tokens -= 1.0;
        return true;
    }

    double rate() {
        return rate;
    }
}
