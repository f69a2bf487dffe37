package dev.mercator.sandbox.discord;

import dev.mercator.sandbox.limits.SimulatorBuckets;
import io.github.bucket4j.Bucket;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * One webhook in a simulated channel: its token, its own rate-limit bucket ({@code limit} posts per {@code
 * windowSeconds}, Discord's usual 5 per 2 s for webhooks) and the messages it posted.
 */
final class SimulatedWebhook {

    final String id;
    final String token;
    final String channelId;
    final int limit;
    final double windowSeconds;
    final Bucket bucket;
    final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();

    SimulatedWebhook(String id, String token, String channelId, int limit, double windowSeconds, InstantSource clock) {
        this.id = id;
        this.token = token;
        this.channelId = channelId;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
        this.bucket = SimulatorBuckets.full(limit / windowSeconds, limit, clock);
    }

    /** The bucket's id as Discord shows it in {@code X-RateLimit-Bucket}: opaque, stable per webhook. */
    String bucketHash() {
        return Integer.toHexString(("webhook:" + id).hashCode());
    }
}
