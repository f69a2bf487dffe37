package dev.mercator.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mercator.platform.redis.RedisConnections;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Token buckets keyed by caller. With Redis the buckets are shared by every instance, so a limit holds cluster-wide;
 * without it (or while Redis is down) each instance keeps its own, which errs towards letting requests through rather
 * than failing them.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RedisConnections redis;
    private final Cache<String, Bucket> local = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private final AtomicReference<@Nullable Shared> shared = new AtomicReference<>();

    RateLimiter(RedisConnections redis) {
        this.redis = redis;
    }

    /** Takes one token from the bucket {@code key} whose capacity refills fully each minute. */
    public Verdict tryConsume(String key, long perMinute) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build();
        Shared remote = sharedBuckets();
        if (remote != null) {
            try {
                return verdict(remote.buckets
                        .getProxy(redis.key("rl:" + key).getBytes(StandardCharsets.UTF_8), () -> configuration)
                        .tryConsumeAndReturnRemaining(1));
            } catch (RuntimeException e) {
                log.warn(
                        "Redis rate limit unavailable, limiting in-process: {}",
                        e.getClass().getSimpleName());
            }
        }
        Bucket bucket = local.get(
                key,
                k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
        return verdict(bucket.tryConsumeAndReturnRemaining(1));
    }

    private @Nullable Shared sharedBuckets() {
        StatefulRedisConnection<byte[], byte[]> connection = redis.connection().orElse(null);
        if (connection == null) {
            return null;
        }
        Shared current = shared.get();
        if (current != null && sameConnection(current.connection, connection)) {
            return current;
        }
        ProxyManager<byte[]> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        Shared created = new Shared(connection, buckets);
        shared.set(created);
        return created;
    }

    private static Verdict verdict(ConsumptionProbe probe) {
        return new Verdict(
                probe.isConsumed(),
                probe.getRemainingTokens(),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private record Shared(StatefulRedisConnection<byte[], byte[]> connection, ProxyManager<byte[]> buckets) {}

    /** The bucket of a client address, shared by every path that limits per address. */
    public static String addressKey(jakarta.servlet.http.HttpServletRequest request) {
        return "ip:" + request.getRemoteAddr();
    }

    /** Whether the call may proceed, tokens left, and how long to wait when it may not. */
    public record Verdict(boolean allowed, long remaining, Duration retryAfter) {

        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    // Identity, not equality: the cached buckets belong to the very connection they were built on, and a reconnect
    // hands out a new one.
    @SuppressWarnings("ReferenceEquality")
    private static boolean sameConnection(Object cached, Object current) {
        return cached == current;
    }
}
