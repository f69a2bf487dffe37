package dev.mercator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.platform.http.heartbeat.HeartbeatSettings;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fault admin endpoints and the simulator's own wire behaviour, over raw HTTP. */
class SandboxFaultsIntegrationTests extends IntegrationTest {

    private static final String FAULTS = "/api/admin/sandbox/heartbeat/faults";
    private static final String PING = "/sandbox/heartbeat/v1/ping";

    @AfterEach
    void resetFaults() {
        admin.delete(FAULTS);
    }

    @Test
    void faultEndpointsRequireTheAdminToken() {
        Tenant merchant = newMerchant("Curious Merchant");

        assertThat(api.get(FAULTS).status()).isEqualTo(401);
        assertThat(api.post(FAULTS, Map.of("outage", true)).status()).isEqualTo(401);
        assertThat(merchant.api().post(FAULTS, Map.of("outage", true)).status()).isEqualTo(403);
        assertThat(merchant.api().delete(FAULTS).status()).isEqualTo(403);
        assertThat(admin.get(FAULTS).json().get("outage").asBoolean()).isFalse();
    }

    @Test
    void outOfRangeFaultsAreRejectedFieldByField() {
        Api.Response rejected = admin.post(
                FAULTS,
                Map.of(
                        "errorRate",
                        1.5,
                        "throttleRate",
                        -0.1,
                        "badRequestRate",
                        2,
                        "latencyMs",
                        -5,
                        "retryAfterSeconds",
                        100_000,
                        "times",
                        -1));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder(
                        "errorRate", "throttleRate", "badRequestRate", "latencyMs", "retryAfterSeconds", "times");
        assertThat(admin.get(FAULTS).json().get("errorRate").asDouble()).isZero();
    }

    @Test
    void unknownProviderIsNotFound() {
        Api.Response missing = admin.post("/api/admin/sandbox/nosuch/faults", Map.of("outage", true));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("detail").asString()).contains("nosuch");
        assertThat(admin.get("/api/admin/sandbox/nosuch/faults").status()).isEqualTo(404);
        assertThat(admin.delete("/api/admin/sandbox/nosuch/faults").status()).isEqualTo(404);
    }

    @Test
    void getShowsTheFaultsSetAndDeleteClearsThem() {
        Api.Response set = admin.post(
                FAULTS,
                Map.of(
                        "latencyMs",
                        5,
                        "errorRate",
                        0.25,
                        "throttleRate",
                        0.5,
                        "outage",
                        false,
                        "retryAfterSeconds",
                        9));
        assertThat(set.status()).isEqualTo(200);

        JsonNode shown = admin.get(FAULTS).json();
        assertThat(shown.get("provider").asString()).isEqualTo("heartbeat");
        assertThat(shown.get("latencyMs").asLong()).isEqualTo(5);
        assertThat(shown.get("errorRate").asDouble()).isEqualTo(0.25);
        assertThat(shown.get("throttleRate").asDouble()).isEqualTo(0.5);
        assertThat(shown.get("retryAfterSeconds").asLong()).isEqualTo(9);

        assertThat(admin.delete(FAULTS).status()).isEqualTo(204);

        JsonNode cleared = admin.get(FAULTS).json();
        assertThat(cleared.get("latencyMs").asLong()).isZero();
        assertThat(cleared.get("errorRate").asDouble()).isZero();
        assertThat(cleared.get("throttleRate").asDouble()).isZero();
        assertThat(cleared.get("outage").asBoolean()).isFalse();
    }

    @Test
    void simulatorRejectsMissingOrWrongTokenWithItsJsonError() {
        Api.Response missing = api.get(PING);
        Api.Response wrong = api.get(PING, "Authorization", "Bearer " + HeartbeatSettings.SANDBOX_TOKEN + "x");

        for (Api.Response rejected : new Api.Response[] {missing, wrong}) {
            assertThat(rejected.status()).isEqualTo(401);
            assertThat(rejected.contentType()).startsWith("application/json");
            assertThat(rejected.json().get("error").get("code").asString()).isEqualTo("unauthorized");
            assertThat(rejected.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void simulatorAnswersPongToTheConfiguredToken() {
        Api.Response pong = api.get(PING, "Authorization", "Bearer " + HeartbeatSettings.SANDBOX_TOKEN);

        assertThat(pong.status()).isEqualTo(200);
        assertThat(pong.json().get("pong").asBoolean()).isTrue();
        assertThat(pong.json().get("at").asString()).endsWith("Z");
    }

    @Test
    void throttledResponseCarriesTheProvidersHeadersEvenWithoutAToken() {
        admin.post(FAULTS, Map.of("throttleRate", 1.0, "retryAfterSeconds", 30));

        // Like a real API gateway, the rate limit answers before authentication is looked at.
        Api.Response throttled = api.get(PING);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("30");
        assertThat(throttled.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(throttled.json().get("error").get("code").asString()).isEqualTo("rate_limited");
    }

    @Test
    void aBadRequestIsTheProvidersOwn400() {
        admin.post(FAULTS, Map.of("badRequestRate", 1.0));

        Api.Response refused = api.get(PING, "Authorization", "Bearer " + HeartbeatSettings.SANDBOX_TOKEN);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").get("code").asString()).isEqualTo("bad_request");
    }

    @Test
    void limitedFaultsFireTheGivenNumberOfTimesThenClear() {
        admin.post(FAULTS, Map.of("throttleRate", 1.0, "times", 2));
        String token = "Bearer " + HeartbeatSettings.SANDBOX_TOKEN;

        assertThat(admin.get(FAULTS).json().get("times").asInt()).isEqualTo(2);
        assertThat(api.get(PING, "Authorization", token).status()).isEqualTo(429);
        assertThat(api.get(PING, "Authorization", token).status()).isEqualTo(429);
        assertThat(api.get(PING, "Authorization", token).status()).isEqualTo(200);
        assertThat(admin.get(FAULTS).json().get("throttleRate").asDouble()).isZero();
    }
}
