package dev.mercator.platform.http.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mercator.platform.health.ComponentStatus;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The heartbeat client, through OutboundHttp, against the heartbeat simulator on this test's random port: the real
 * client, real HTTP, and faults set through the real admin endpoint.
 */
@ExtendWith(OutputCaptureExtension.class)
class HeartbeatIntegrationTests extends IntegrationTest {

    private static final String FAULTS = "/api/admin/sandbox/heartbeat/faults";

    @Autowired
    HeartbeatClient client;

    @Autowired
    OutboundHttp outbound;

    @Autowired
    ProviderEndpoints endpoints;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void resetFaults() {
        assertThat(admin.delete(FAULTS).status()).isEqualTo(204);
    }

    @Test
    void pingSucceedsAndIsCountedAsSuccess() {
        double before = count("success");
        Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Instant at = client.ping();

        assertThat(at).isAfterOrEqualTo(sent);
        assertThat(count("success")).isEqualTo(before + 1);
        // Boot's RestClient.Builder brings the observation; building on a clone of it keeps it.
        assertThat(meters.find("http.client.requests").tag("uri", "/v1/ping").timer())
                .isNotNull();
    }

    @Test
    void sandboxModeTargetsThisServersRandomPort() {
        assertThat(endpoints.baseUrl(new HeartbeatSettings(null, null, null)))
                .hasToString("http://localhost:" + port + "/sandbox/heartbeat");
    }

    @Test
    void errorRateOneFailsEveryCallWithTheProvidersErrorBody() {
        setFaults(Map.of("errorRate", 1.0));
        double before = count("server_error");

        for (int call = 0; call < 3; call++) {
            HttpServerErrorException failure = catchThrowableOfType(HttpServerErrorException.class, client::ping);
            assertThat(failure.getStatusCode().value()).isIn(500, 503);
            assertThat(failure.getResponseBodyAsString()).contains("\"error\":{\"code\":");
        }

        assertThat(count("server_error")).isEqualTo(before + 3);
        assertThat(freshHealth().check()).satisfies(status -> {
            assertThat(status.up()).isFalse();
            assertThat(status.detail()).isIn("HTTP 500", "HTTP 503");
        });
    }

    @Test
    void throttleRateOneAnswers429WithTheProvidersHeaders() {
        setFaults(Map.of("throttleRate", 1.0, "retryAfterSeconds", 17));
        double before = count("throttled");

        HttpClientErrorException.TooManyRequests throttled =
                catchThrowableOfType(HttpClientErrorException.TooManyRequests.class, client::ping);

        HttpHeaders headers = throttled.getResponseHeaders();
        assertThat(headers).isNotNull();
        assertThat(headers.getFirst("Retry-After")).isEqualTo("17");
        assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(throttled.getResponseBodyAsString()).contains("rate_limited");
        assertThat(count("throttled")).isEqualTo(before + 1);
        ComponentStatus health = freshHealth().check();
        assertThat(health.up()).isFalse();
        assertThat(health.detail()).isEqualTo("throttled");
        assertThat(health.facts()).containsEntry("retryAfter", "17");
    }

    @Test
    void outageAnswersEveryCallWithTheLoadBalancers503() {
        setFaults(Map.of("outage", true));
        double before = count("server_error");

        HttpServerErrorException failure = catchThrowableOfType(HttpServerErrorException.class, client::ping);

        assertThat(failure.getStatusCode().value()).isEqualTo(503);
        assertThat(failure.getResponseBodyAsString()).contains("503 Service Temporarily Unavailable");
        assertThat(count("server_error")).isEqualTo(before + 1);
        assertThat(freshHealth().check().detail()).isEqualTo("HTTP 503");
    }

    @Test
    void zeroRatesNeverInjectAFault() {
        setFaults(Map.of("errorRate", 0.0, "throttleRate", 0.0));

        for (int call = 0; call < 5; call++) {
            assertThat(client.ping()).isNotNull();
        }
    }

    @Test
    void deleteResetsFaults() {
        setFaults(Map.of("outage", true));
        assertThatThrownBy(client::ping).isInstanceOf(HttpServerErrorException.class);

        assertThat(admin.delete(FAULTS).status()).isEqualTo(204);

        assertThat(client.ping()).isNotNull();
        assertThat(admin.get(FAULTS).json().get("outage").asBoolean()).isFalse();
    }

    @Test
    void wrongTokenIsRejectedBySimulatorAndCountedAsClientError() {
        HeartbeatClient wrongToken =
                new HeartbeatClient(outbound, endpoints, new HeartbeatSettings(null, null, "not-the-token"));
        double before = count("client_error");

        HttpClientErrorException.Unauthorized rejected =
                catchThrowableOfType(HttpClientErrorException.Unauthorized.class, wrongToken::ping);

        assertThat(rejected.getResponseBodyAsString()).contains("\"code\":\"unauthorized\"");
        assertThat(count("client_error")).isEqualTo(before + 1);
        assertThat(new HeartbeatHealth(wrongToken, Clock.systemUTC(), Duration.ZERO)
                        .check()
                        .detail())
                .isEqualTo("HTTP 401");
    }

    @Test
    void healthIsUpWhenHeartbeatAnswers() {
        HeartbeatHealth health = new HeartbeatHealth(client);

        assertThat(health.name()).isEqualTo("provider:heartbeat");
        assertThat(health.critical()).isFalse();
        assertThat(health.enabled()).isTrue();
        ComponentStatus status = health.check();
        assertThat(status.up()).isTrue();
        assertThat(status.facts()).containsEntry("mode", "sandbox");
    }

    @Test
    void healthReusesOneProbeUntilItIsStale() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        HeartbeatHealth health = new HeartbeatHealth(client, clock, Duration.ofSeconds(5));
        assertThat(health.check().up()).isTrue();
        double probes = count("success") + count("server_error");

        setFaults(Map.of("outage", true));
        clock.advance(Duration.ofSeconds(4));
        assertThat(health.check().up())
                .as("within the TTL the last probe is reused")
                .isTrue();
        assertThat(count("success") + count("server_error")).isEqualTo(probes);

        clock.advance(Duration.ofSeconds(2));
        assertThat(health.check().detail()).isEqualTo("HTTP 503");
        assertThat(count("success") + count("server_error")).isEqualTo(probes + 1);
    }

    @Test
    void logbookLogsTheOutboundRequestWithoutTheToken(CapturedOutput output) {
        client.ping();

        assertThat(output.getOut())
                .contains("Outgoing Request")
                .contains("GET http://localhost:" + port + "/sandbox/heartbeat/v1/ping HTTP/1.1")
                .contains("Authorization: XXX")
                .doesNotContain(HeartbeatSettings.SANDBOX_TOKEN);
    }

    @Test
    void logbookMasksSecretsInQueryParametersAndJsonBodies(CapturedOutput output) {
        RestClient rest = outbound.client(new HeartbeatSettings(null, null, null));

        // Heartbeat has no such endpoint (405): only the request as logged matters here.
        assertThatThrownBy(() -> rest.post()
                        .uri("/v1/ping?access_token=qp-access-7731&sign=qp-sign-7732&page=2")
                        .header("X-Amz-Access-Token", "hdr-amz-7733")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("client_secret", "json-secret-7734", "access_token", "json-access-7735"))
                        .retrieve()
                        .toBodilessEntity())
                .isInstanceOf(RestClientResponseException.class);

        assertThat(output.getOut())
                .contains(
                        "POST http://localhost:" + port + "/sandbox/heartbeat/v1/ping?access_token=XXX&sign=XXX&page=2")
                .contains("\"client_secret\":\"XXX\"")
                .doesNotContain(
                        "qp-access-7731", "qp-sign-7732", "hdr-amz-7733", "json-secret-7734", "json-access-7735");
    }

    @Test
    void logbookLogsLiveCallsWhosePathsAreOutsideTheSandbox(CapturedOutput output) {
        // Live mode against this server's root: the path is not under /sandbox, like every real provider's. The
        // inbound logbook.predicate (/sandbox/**) must not silence outbound logging.
        HeartbeatClient live = new HeartbeatClient(
                outbound, endpoints, new HeartbeatSettings("live", "http://localhost:" + port, "live-token-5521"));

        assertThatThrownBy(live::ping).isInstanceOf(HttpClientErrorException.NotFound.class);

        assertThat(output.getOut())
                .contains("GET http://localhost:" + port + "/v1/ping HTTP/1.1")
                .doesNotContain("live-token-5521");
    }

    private void setFaults(Map<String, Object> faults) {
        Api.Response set = admin.post(FAULTS, faults);
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
    }

    private HeartbeatHealth freshHealth() {
        return new HeartbeatHealth(client, Clock.systemUTC(), Duration.ZERO);
    }

    private double count(String outcome) {
        Timer timer = meters.find("mercator.outbound.requests")
                .tags("provider", "heartbeat", "outcome", outcome)
                .timer();
        assertThat(timer).as("timer for outcome " + outcome).isNotNull();
        return timer.count();
    }

    private static final class MutableClock extends Clock {

        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(current -> current.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
