package dev.mercator.platform.redis;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Optional Redis.
 *
 * @param url {@code redis://host:port[/db]}; empty runs without Redis (in-process state only)
 * @param commandTimeout how long any Redis call may take before Mercator falls back to in-process state
 * @param keyPrefix prefix of every key Mercator writes, so several environments can share one Redis
 */
@ConfigurationProperties("mercator.redis")
public record RedisSettings(
        @Nullable String url,
        @Nullable Duration commandTimeout,
        @Nullable String keyPrefix) {

    public RedisSettings {
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "mercator:" : keyPrefix;
        url = url == null || url.isBlank() ? null : url;
        commandTimeout = commandTimeout == null ? Duration.ofMillis(500) : commandTimeout;
        if (url != null && !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw new IllegalArgumentException(
                    "mercator.redis.url (MERCATOR_REDIS_URL) must look like redis://host:6379, was not a redis:// URL");
        }
    }

    /** The full Redis key for a Mercator key. */
    public String key(String key) {
        return keyPrefix + key;
    }

    public boolean configured() {
        return url != null;
    }
}
