package dev.mercator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sentry.IScopes;
import io.sentry.Sentry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Probes, actuator access rules, the Prometheus scrape, request ids, and what stays off without configuration. */
class ObservabilityIntegrationTests extends IntegrationTest {

    private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void probesAnswerWithoutCredentials(String probe) {
        Api.Response response = api.get(probe);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/metrics", "/actuator/loggers", "/actuator/info"})
    void otherActuatorEndpointsNeedTheAdminToken(String endpoint) {
        Tenant merchant = newMerchant("Actuator Prober");

        assertThat(api.get(endpoint).status()).isEqualTo(401);
        assertThat(merchant.api().get(endpoint).status()).isEqualTo(403);
        assertThat(admin.get(endpoint).status()).isEqualTo(200);
    }

    @Test
    void prometheusExposesHttpJvmPoolCacheAndOutboundMetrics() {
        Tenant tenant = newMerchant("Scraped Merchant");
        tenant.api().get("/api/me");
        tenant.api().get("/api/me");
        String provider = "scrape-test-" + UUID.randomUUID().toString().substring(0, 8);
        Timer.builder("mercator.outbound.requests")
                .tag("provider", provider)
                .tag("outcome", "success")
                .register(meters)
                .record(Duration.ofMillis(30));

        Api.Response scrape = api.get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("http_server_requests_seconds_bucket{")
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_threads_live_threads")
                .contains("hikaricp_connections_active{")
                .contains("cache_gets_total{cache=\"api-keys\",result=\"hit\"}")
                .contains("cache_gets_total{cache=\"api-keys\",result=\"miss\"}")
                .containsPattern("mercator_outbound_requests_seconds_bucket\\{[^}]*provider=\"" + provider + "\"");
    }

    @Test
    void wellFormedRequestIdIsEchoed() {
        Api.Response response = api.get("/actuator/health", "X-Request-Id", "client-id-123");

        assertThat(response.header("X-Request-Id")).isEqualTo("client-id-123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has spaces in it", "-starts-with-a-dash", "semi;colon", "quote\"d"})
    void malformedRequestIdIsReplacedByAGeneratedOne(String malformed) {
        Api.Response response = api.get("/actuator/health", "X-Request-Id", malformed);

        assertThat(response.header("X-Request-Id")).isNotEqualTo(malformed).matches(UUID_SHAPE);
    }

    @Test
    void overlongRequestIdIsReplaced() {
        String overlong = "a".repeat(129);

        Api.Response response = api.get("/actuator/health", "X-Request-Id", overlong);

        assertThat(response.header("X-Request-Id")).matches(UUID_SHAPE);
    }

    @Test
    void tracesAreMadeButNotExportedWithoutAnEndpoint() {
        assertThat(context.getBeanNamesForType(Tracer.class)).isNotEmpty();
        assertThat(context.getBeanNamesForType(SpanExporter.class)).isEmpty();
    }

    @Test
    void sentryIsInertWithoutADsn() {
        assertThat(Sentry.isEnabled()).isFalse();
        assertThat(context.getBeanNamesForType(IScopes.class)).isEmpty();
    }
}
