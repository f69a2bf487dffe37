package dev.mercator.sandbox.amazon;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated seller: its app credentials, listings, orders, feeds, token buckets and call statistics. Listings,
 * orders and feeds are guarded by the seller's monitor ({@code synchronized (seller)}); the simulator is a test tool,
 * one lock per seller is plenty.
 */
final class SimSeller {

    final String sellerId;
    final String clientId;
    final String clientSecret;
    final String refreshToken;
    final List<String> marketplaceIds;
    /** Whether feed processing reports are stored GZIP-compressed, as Amazon sends them. */
    final boolean compressReports;

    volatile boolean refreshTokenRevoked;

    final Map<String, SimListing> listings = new LinkedHashMap<>();
    final Map<String, SimOrder> orders = new LinkedHashMap<>();
    final Map<String, SimFeed> feeds = new LinkedHashMap<>();
    final SimStats stats = new SimStats();
    final AtomicLong feedIds = new AtomicLong(50_000);

    private final Map<String, AmazonSimSettings.Limit> limitOverrides;
    private final Map<String, SimBucket> buckets = new ConcurrentHashMap<>();

    SimSeller(
            String sellerId,
            String clientId,
            String clientSecret,
            String refreshToken,
            List<String> marketplaceIds,
            boolean compressReports,
            Map<String, AmazonSimSettings.Limit> limitOverrides) {
        this.sellerId = sellerId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        this.marketplaceIds = List.copyOf(marketplaceIds);
        this.compressReports = compressReports;
        this.limitOverrides = new LinkedHashMap<>(limitOverrides);
    }

    /** The bucket of one operation for this seller, created full on first use. */
    SimBucket bucket(String operation, AmazonSimSettings settings, InstantSource clock) {
        return buckets.computeIfAbsent(operation, op -> {
            AmazonSimSettings.Limit override = limitOverrides.get(op);
            return new SimBucket(override != null ? override : settings.limit(op), clock);
        });
    }
}
