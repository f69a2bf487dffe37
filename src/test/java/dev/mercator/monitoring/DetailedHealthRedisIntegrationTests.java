package dev.mercator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.RedisSuite;
import org.junit.jupiter.api.Test;

/** The detailed health suite with Redis configured, which then appears as a non-critical component. */
@RedisSuite
class DetailedHealthRedisIntegrationTests extends DetailedHealthIntegrationTests {

    @Test
    void redisIsConfiguredInThisSuite() {
        assertThat(redis.configured()).isTrue();
        assertThat(admin.get("/health/detailed").json().get("components").has("redis"))
                .isTrue();
    }
}
