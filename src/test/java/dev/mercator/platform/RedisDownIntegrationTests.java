package dev.mercator.platform;

import static dev.mercator.platform.HttpEdgeIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Redis configured but unreachable: the service works, limits fall back to in-process buckets. */
@TestPropertySource(
        properties = {"mercator.redis.url=redis://127.0.0.1:1", "mercator.rate-limit.per-api-key-per-minute=3"})
class RedisDownIntegrationTests extends IntegrationTest {

    @Test
    void requestsSucceedAndLimitsStillHold() {
        Tenant tenant = newMerchant("No Redis");
        for (int i = 0; i < 3; i++) {
            assertThat(tenant.api().get("/api/me").status()).isEqualTo(200);
        }

        assertProblem(tenant.api().get("/api/me"), 429, "urn:mercator:problem:rate-limited");
    }
}
