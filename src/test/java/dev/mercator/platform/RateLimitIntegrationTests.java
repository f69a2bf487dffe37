package dev.mercator.platform;

import static dev.mercator.platform.HttpEdgeIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Per-API-key limits, and CORS for configured origins. */
@TestPropertySource(
        properties = {
            "mercator.rate-limit.per-api-key-per-minute=5",
            "mercator.http.cors-allowed-origins=https://shop.example"
        })
class RateLimitIntegrationTests extends IntegrationTest {

    @Test
    void keyOverItsLimitGetsTooManyRequestsWithRetryAfter() {
        Tenant tenant = newMerchant("Busy");
        for (int i = 0; i < 5; i++) {
            assertThat(tenant.api().get("/api/me").status()).isEqualTo(200);
        }

        Api.Response limited = tenant.api().get("/api/me");

        assertProblem(limited, 429, "urn:mercator:problem:rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void limitsAreKeptPerKey() {
        Tenant tenant = newMerchant("Two Keys");
        String second = admin.post("/api/admin/merchants/" + tenant.id() + "/keys", Map.of())
                .json()
                .get("apiKey")
                .asString();
        for (int i = 0; i < 6; i++) {
            tenant.api().get("/api/me");
        }
        assertThat(tenant.api().get("/api/me").status()).isEqualTo(429);

        assertThat(api.asMerchant(second).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void configuredOriginMayCallCrossOrigin() {
        Api.Response allowed = api.send(
                "OPTIONS",
                "/api/me",
                null,
                null,
                "Origin",
                "https://shop.example",
                "Access-Control-Request-Method",
                "GET");
        Api.Response other = api.send(
                "OPTIONS",
                "/api/me",
                null,
                null,
                "Origin",
                "https://evil.example",
                "Access-Control-Request-Method",
                "GET");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }
}
