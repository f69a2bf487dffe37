package dev.mercator.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test context at the Redis named by {@code MERCATOR_TEST_REDIS_URL}. */
public final class RedisUrl implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static String url() {
        String url = System.getenv("MERCATOR_TEST_REDIS_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MERCATOR_TEST_REDIS_URL is not set");
        }
        return url;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("redis-suite", Map.of("mercator.redis.url", url())));
    }
}
