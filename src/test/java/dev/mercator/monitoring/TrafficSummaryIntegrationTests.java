package dev.mercator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.Api;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class TrafficSummaryIntegrationTests extends MonitoringIntegrationTest {

    private static final String METRICS = "/api/monitoring/metrics";

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void freshWindow() {
        assertThat(admin.post(METRICS + "/reset", "").status()).isEqualTo(200);
    }

    @Test
    void summarisesCountsErrorRatesLatencyCacheAndOutboundCalls() {
        Tenant tenant = newMerchant("Busy Merchant");
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/test/ok").status()).isEqualTo(200);
        }
        assertThat(api.get("/test/no-such-route").status()).isEqualTo(404);
        assertThat(api.get("/test/boom").status()).isEqualTo(500);
        for (int i = 0; i < 3; i++) {
            assertThat(tenant.api().get("/api/me").status()).isEqualTo(200);
        }
        String provider = "summary-test-" + UUID.randomUUID();
        outboundCall(provider, "success");
        outboundCall(provider, "success");
        outboundCall(provider, "timeout");

        // 1 merchant creation + 3 ok + 404 + 500 + 3 /api/me. A request is counted just after its response is sent,
        // so the last one may land a moment after the client has its answer.
        JsonNode summary = summaryOnce(s -> s.get("requests").get("count").asLong() == 9);

        JsonNode requests = summary.get("requests");
        assertThat(requests.get("clientErrors").asLong()).isEqualTo(1);
        assertThat(requests.get("serverErrors").asLong()).isEqualTo(1);
        assertThat(requests.get("clientErrorRate").asDouble()).isEqualTo(0.111);
        assertThat(requests.get("serverErrorRate").asDouble()).isEqualTo(0.111);
        assertThat(requests.get("perSecond").asDouble()).isPositive();
        assertThat(summary.get("windowSeconds").asDouble()).isPositive();
        assertThat(Instant.parse(summary.get("windowStart").asString())).isBeforeOrEqualTo(Instant.now());

        JsonNode latency = summary.get("latencyMs");
        double p50 = latency.get("p50").asDouble();
        double p95 = latency.get("p95").asDouble();
        double p99 = latency.get("p99").asDouble();
        assertThat(p50).isGreaterThanOrEqualTo(0);
        assertThat(p95).isGreaterThanOrEqualTo(p50);
        assertThat(p99).isGreaterThanOrEqualTo(p95);
        assertThat(latency.get("max").asDouble()).isGreaterThanOrEqualTo(p99);

        // The first /api/me looks the key up, the next ones find it cached.
        JsonNode apiKeys = summary.get("cache").get("caches").get("api-keys");
        assertThat(apiKeys.get("misses").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(apiKeys.get("hits").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(apiKeys.get("hitRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(summary.get("cache").get("hits").asLong())
                .isGreaterThanOrEqualTo(apiKeys.get("hits").asLong());

        JsonNode outbound = summary.get("outbound").get(provider);
        assertThat(outbound.get("success").asLong()).isEqualTo(2);
        assertThat(outbound.get("timeout").asLong()).isEqualTo(1);
        assertThat(outbound.has("server_error")).isFalse();
    }

    @Test
    void resetStartsANewWindowAndAnswersTheOldOne() {
        api.get("/test/ok");
        api.get("/test/boom");
        String provider = "reset-test-" + UUID.randomUUID();
        outboundCall(provider, "server_error");
        JsonNode before = summaryOnce(s -> s.get("requests").get("count").asLong() == 2);

        Api.Response reset = admin.post(METRICS + "/reset", "");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("requests").get("count").asLong()).isEqualTo(2);
        JsonNode after = admin.get(METRICS).json();
        assertThat(after.get("requests").get("count").asLong()).isZero();
        assertThat(after.get("requests").get("serverErrors").asLong()).isZero();
        assertThat(after.get("requests").get("serverErrorRate").isNull()).isTrue();
        assertThat(after.get("latencyMs").get("p99").isNull()).isTrue();
        assertThat(after.get("outbound").has(provider)).isFalse();
        assertThat(after.get("cache").get("hits").asLong()).isZero();
        assertThat(Instant.parse(after.get("windowStart").asString()))
                .isAfterOrEqualTo(Instant.parse(before.get("windowStart").asString()));
    }

    @Test
    void operationalTrafficIsLeftOut() {
        api.get("/actuator/health");
        api.get("/actuator/prometheus");
        admin.get("/health/detailed");
        admin.get(METRICS);
        api.get("/sandbox/nothing-here");
        api.get("/test/ok");

        JsonNode summary = summaryOnce(s -> s.get("requests").get("count").asLong() >= 1);

        assertThat(summary.get("requests").get("count").asLong()).isEqualTo(1);
    }

    @Test
    void onlyTheOperatorMaySeeOrResetIt() {
        Tenant merchant = newMerchant("Nosy Merchant");

        Api.Response anonymous = api.get(METRICS);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().get("type").asString()).isEqualTo("urn:mercator:problem:unauthenticated");
        assertThat(merchant.api().get(METRICS).status()).isEqualTo(403);
        assertThat(merchant.api().post(METRICS + "/reset", "").status()).isEqualTo(403);
        assertThat(api.post(METRICS + "/reset", "").status()).isEqualTo(401);
    }

    private void outboundCall(String provider, String outcome) {
        Timer.builder("mercator.outbound.requests")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .register(meters)
                .record(Duration.ofMillis(12));
    }

    /** The summary once it satisfies {@code ready}; polling it does not count towards it. */
    private JsonNode summaryOnce(java.util.function.Predicate<JsonNode> ready) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            last[0] = admin.get(METRICS).json();
            return ready.test(last[0]);
        });
        return last[0];
    }
}
