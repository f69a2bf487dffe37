package dev.mercator.platform;

import static dev.mercator.platform.HttpEdgeIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.MercatorApplication;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.RedisSuite;
import dev.mercator.support.RedisUrl;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * With Redis, limits are shared by every instance: two instances on one Redis together allow what one would. Without
 * Redis each would allow the full limit on its own, so this test fails if the buckets are not shared.
 */
@RedisSuite
@TestPropertySource(properties = "mercator.rate-limit.per-ip-per-minute=6")
class RateLimitRedisIntegrationTests extends IntegrationTest {

    private static final String PREFIX = "mercator-test-" + UUID.randomUUID() + ":";
    private static ConfigurableApplicationContext second;

    @DynamicPropertySource
    static void prefix(DynamicPropertyRegistry registry) {
        registry.add("mercator.redis.key-prefix", () -> PREFIX);
    }

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(MercatorApplication.class)
                .profiles("test")
                // Arguments, not builder properties: those are defaults that application.yml would override.
                .run(
                        "--server.port=0",
                        "--mercator.demo.enabled=false",
                        "--mercator.admin-token=" + ADMIN_TOKEN,
                        "--mercator.crypto.encryption-key=" + ENCRYPTION_KEY,
                        "--mercator.rate-limit.per-ip-per-minute=6",
                        "--mercator.rate-limit.per-api-key-per-minute=100000",
                        "--mercator.redis.url=" + RedisUrl.url(),
                        "--mercator.redis.key-prefix=" + PREFIX);
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void twoInstancesShareOneLimit() {
        Api other = new Api(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/me").status()).isEqualTo(401);
            assertThat(other.get("/api/me").status()).isEqualTo(401);
        }

        assertProblem(other.get("/api/me"), 429, "urn:mercator:problem:rate-limited");
        assertProblem(api.get("/api/me"), 429, "urn:mercator:problem:rate-limited");
        assertThat(bucketKeys()).isPositive();
    }

    private static long bucketKeys() {
        RedisClient client = RedisClient.create(RedisUrl.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(PREFIX + "rl:*").size();
        } finally {
            client.shutdown();
        }
    }
}
