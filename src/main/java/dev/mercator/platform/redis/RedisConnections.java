package dev.mercator.platform.redis;

import dev.mercator.platform.health.ComponentHealth;
import dev.mercator.platform.health.ComponentStatus;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one shared Redis connection, when Redis is configured. Redis is an accelerator, never a dependency: if it is
 * down at start-up or later, callers get {@link Optional#empty()} (or a fast failure) and fall back to in-process
 * state; the connection is retried in the background and used again once Redis is back.
 */
@Component
public class RedisConnections implements ComponentHealth, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);
    private static final long RETRY_INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();

    private final RedisSettings settings;
    private final @Nullable RedisClient client;
    private final @Nullable ClientResources resources;
    private volatile @Nullable StatefulRedisConnection<byte[], byte[]> connection;
    // nanoTime has an arbitrary origin: start from "now" so the first attempt is due at once.
    private final AtomicLong nextAttempt = new AtomicLong(System.nanoTime());

    RedisConnections(RedisSettings settings) {
        this.settings = settings;
        if (settings.configured()) {
            RedisURI uri = RedisURI.create(settings.url());
            uri.setTimeout(settings.commandTimeout());
            // Lettuce's default reconnect delay grows to 30 s, so after a longer outage Redis would stay unused for up
            // to half a minute after it returns; 2 s at most matches our own retry interval.
            ClientResources resources0 = DefaultClientResources.builder()
                    .reconnectDelay(Delay.exponential(
                            Duration.ofMillis(100),
                            Duration.ofSeconds(2),
                            2,
                            java.util.concurrent.TimeUnit.MILLISECONDS))
                    .build();
            this.resources = resources0;
            RedisClient created = RedisClient.create(resources0, uri);
            created.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    // Fail fast while disconnected instead of queueing commands behind a dead socket.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                    .build());
            this.client = created;
        } else {
            this.client = null;
            this.resources = null;
        }
    }

    public boolean configured() {
        return client != null;
    }

    /** The full Redis key (with this environment's prefix) for a Mercator key. */
    public String key(String key) {
        return settings.key(key);
    }

    /** The connection if Redis is configured and reachable now; never blocks longer than one connect timeout. */
    public Optional<StatefulRedisConnection<byte[], byte[]>> connection() {
        RedisClient redis = client;
        if (redis == null) {
            return Optional.empty();
        }
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null) {
            return current.isOpen() ? Optional.of(current) : Optional.empty();
        }
        long now = System.nanoTime();
        long due = nextAttempt.get();
        if (now - due < 0 || !nextAttempt.compareAndSet(due, now + RETRY_INTERVAL_NANOS)) {
            return Optional.empty();
        }
        synchronized (this) {
            if (connection == null) {
                try {
                    connection = redis.connect(ByteArrayCodec.INSTANCE);
                    log.info("Connected to Redis");
                } catch (RuntimeException e) {
                    log.warn("Redis unreachable, using in-process state until it returns: {}", e.getMessage());
                    return Optional.empty();
                }
            }
            return Optional.ofNullable(connection);
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public boolean enabled() {
        return configured();
    }

    @Override
    public ComponentStatus check() {
        if (!configured()) {
            return ComponentStatus.up("not configured; in-process state only");
        }
        try {
            return connection()
                    .map(c -> {
                        String pong = new String(
                                c.sync().echo("ping".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
                        return "ping".equals(pong)
                                ? ComponentStatus.up("reachable")
                                : ComponentStatus.down("unexpected reply");
                    })
                    .orElseGet(() -> ComponentStatus.down("unreachable; falling back to in-process state"));
        } catch (RuntimeException e) {
            return ComponentStatus.down("unreachable: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (resources != null) {
            resources
                    .shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS)
                    .awaitUninterruptibly(3, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
