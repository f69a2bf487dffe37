package dev.mercator.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.catalog.support.CatalogIntegrationTest;
import dev.mercator.catalog.support.FakeSource;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.platform.redis.RedisSettings;
import dev.mercator.support.Api;
import dev.mercator.support.RedisSuite;
import dev.mercator.support.RedisUrl;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Redis working, then gone mid-run, then back: the service reaches Redis through a {@link RedisProxy} the test takes
 * away and brings back, so the shared test Redis keeps running for everyone else. While it is away searches answer
 * without errors from the in-process level and the providers; once it is back results are written to and read from it
 * again. What is in Redis is checked with a separate client straight to the real server.
 */
@RedisSuite
@ContextConfiguration(initializers = CatalogCacheRedisRecoveryRedisIntegrationTests.ThroughTheProxy.class)
@TestPropertySource(
        properties = {
            "mercator.catalog.cache.soft-ttl=1h",
            "mercator.catalog.cache.hard-ttl=2h",
            // A slow first search on a busy machine must not be mistaken for an outage of the provider.
            "mercator.catalog.search.deadline=20s",
        })
class CatalogCacheRedisRecoveryRedisIntegrationTests extends CatalogIntegrationTest {

    /** This context's own key space, so nothing here collides with other suites on the shared Redis. */
    static final String PREFIX = "test-recovery-" + UUID.randomUUID() + ":";

    static final RedisURI REAL = RedisURI.create(RedisUrl.url());
    static final RedisProxy PROXY = new RedisProxy(REAL.getHost(), REAL.getPort());
    static final RedisClient DIRECT = RedisClient.create(REAL);
    static final StatefulRedisConnection<String, String> REDIS = DIRECT.connect();

    /**
     * Points the service at the proxy. {@link RedisSuite}'s own initializer puts the real URL first among the property
     * sources, and initializers run in no promised order; this puts the proxy first once they all ran (on refresh,
     * before any bean binds its settings).
     */
    static final class ThroughTheProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            MapPropertySource proxy = new MapPropertySource(
                    "redis-proxy",
                    Map.of(
                            "mercator.redis.url",
                            "redis://127.0.0.1:" + PROXY.port() + "/" + REAL.getDatabase(),
                            "mercator.redis.key-prefix",
                            PREFIX));
            context.addBeanFactoryPostProcessor(
                    beans -> context.getEnvironment().getPropertySources().addFirst(proxy));
        }
    }

    @AfterAll
    static void closeRedis() {
        REDIS.close();
        DIRECT.shutdown();
        PROXY.close();
    }

    @AfterEach
    void redisBack() {
        PROXY.start();
    }

    @Autowired
    RedisSettings redisSettings;

    @Autowired
    ProviderResults results;

    @Test
    void theServiceReachesRedisThroughTheProxy() {
        // Otherwise stopping the proxy would prove nothing: the suite's own Redis URL must not have won.
        assertThat(redisSettings.url()).endsWith(":" + PROXY.port() + "/" + REAL.getDatabase());
    }

    @Test
    void redisGoingAwayFallsBackToTheLocalLevelWithoutErrorsAndIsUsedAgainWhenBack() {
        Tenant tenant = newMerchant("Redis outage shop");
        String before = query("lamp");
        assertAnswered(tenant.api(), before);
        assertThat(cachedInRedis(before)).as("written while Redis is up").isTrue();
        assertThat(redisHealth()).isEqualTo("UP");

        PROXY.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> redisHealth().equals("DOWN"));
        int calls = amazon.searches();
        assertAnswered(tenant.api(), before);
        assertThat(amazon.searches())
                .as("the in-process level answers a known search")
                .isEqualTo(calls);
        String during = query("desk");
        assertAnswered(tenant.api(), during);
        assertThat(amazon.searches()).as("a new search goes to the provider").isEqualTo(calls + 1);
        assertAnswered(tenant.api(), during);
        assertThat(amazon.searches())
                .as("and is cached in process while Redis is away")
                .isEqualTo(calls + 1);
        assertThat(cachedInRedis(during)).isFalse();

        PROXY.start();
        await().atMost(Duration.ofSeconds(40)).until(() -> redisHealth().equals("UP"));
        String after = query("chair");
        assertAnswered(tenant.api(), after);
        assertThat(cachedInRedis(after)).as("written to Redis again").isTrue();
        results.clearLocal();
        int beforeRead = amazon.searches();
        assertAnswered(tenant.api(), after);
        assertThat(amazon.searches()).as("read from Redis again").isEqualTo(beforeRead);
    }

    /** A fresh keyword with one Amazon product as its answer. */
    private String query(String word) {
        String q = unique(word);
        amazon.answer(q, FakeSource.product(Marketplace.AMAZON, "A-" + q, "Product " + q, "10.00"));
        return q;
    }

    private static void assertAnswered(Api api, String q) {
        Api.Response response = api.get("/api/products/search?providers=amazon&q=" + encode(q));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("failedProviders")).as(body.toString()).isEmpty();
        assertThat(body.get("stale").asBoolean()).as(body.toString()).isFalse();
        assertThat(body.get("items").valueStream().map(item -> item.get("title").asString()))
                .containsExactly("Product " + q);
    }

    private static boolean cachedInRedis(String q) {
        List<String> keys = REDIS.sync().keys(PREFIX + "catalog:results:amazon|" + q + "|*");
        return !keys.isEmpty();
    }

    private String redisHealth() {
        return admin.get("/health/detailed")
                .json()
                .get("components")
                .get("redis")
                .get("status")
                .asString();
    }

    private static String encode(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }
}
