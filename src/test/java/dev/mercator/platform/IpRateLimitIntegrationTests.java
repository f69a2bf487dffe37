package dev.mercator.platform;

import static dev.mercator.platform.HttpEdgeIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The per-address limit holds for unauthenticated callers too, so guessing keys is bounded. */
@TestPropertySource(properties = "mercator.rate-limit.per-ip-per-minute=5")
class IpRateLimitIntegrationTests extends IntegrationTest {

    @Test
    void addressOverItsLimitIsRefusedEvenWithoutKey() {
        for (int i = 0; i < 5; i++) {
            assertThat(api.asMerchant("mk_" + "B".repeat(43)).get("/api/me").status())
                    .isEqualTo(401);
        }

        assertProblem(api.get("/api/me"), 429, "urn:mercator:problem:rate-limited");
        // Health probes are never rate limited.
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }
}
