package dev.mercator.catalog.cache;

import dev.mercator.platform.redis.RedisConnections;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cached results in Redis, as JSON, expiring on their own. Any Redis trouble is a miss (reads) or a no-op (writes), so
 * the catalog carries on with its in-process level alone; it uses Redis again as soon as the connection is back.
 */
@Component
class RedisResultStore implements SharedResultStore {

    private static final Logger log = LoggerFactory.getLogger(RedisResultStore.class);
    // A private mapper: the cached format must not change with the web layer's JSON settings.
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisConnections redis;
    private final AtomicBoolean failing = new AtomicBoolean();

    RedisResultStore(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    public Optional<CachedPage> get(String key) {
        Optional<StatefulRedisConnection<byte[], byte[]>> connection = redis.connection();
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] value = connection.get().sync().get(redisKey(key));
            recovered();
            return value == null ? Optional.empty() : Optional.of(JSON.readValue(value, CachedPage.class));
        } catch (RuntimeException e) {
            failed(e);
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, CachedPage page, Duration ttl) {
        Optional<StatefulRedisConnection<byte[], byte[]>> connection = redis.connection();
        if (connection.isEmpty()) {
            return;
        }
        try {
            connection
                    .get()
                    .sync()
                    .set(redisKey(key), JSON.writeValueAsBytes(page), SetArgs.Builder.px(Math.max(1, ttl.toMillis())));
            recovered();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private byte[] redisKey(String key) {
        return redis.key("catalog:results:" + key).getBytes(StandardCharsets.UTF_8);
    }

    private void failed(RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            log.warn(
                    "Catalog cache: Redis unavailable, using the in-process level alone: {}",
                    e.getClass().getSimpleName());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            log.info("Catalog cache: Redis is back");
        }
    }
}
