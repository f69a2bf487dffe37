package dev.mercator.monitoring.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.mercator.platform.web.HttpSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerMapping;

@ExtendWith(OutputCaptureExtension.class)
class RequestTimerTests {

    private final TrafficWindow traffic = new TrafficWindow(new SimpleMeterRegistry());

    @Test
    void slowRequestLineNamesTheMatchedRoute(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/listings/8f2c");
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/listings/{id}");

        everythingIsSlow().doFilter(request, answering(409), chainSetting(409));

        assertThat(output).containsPattern("Slow request: PUT /api/listings/\\{id} answered 409 in \\d+ ms");
    }

    @Test
    void slowRequestLineFallsBackToThePathWithoutARoute(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/unknown");
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/**");

        everythingIsSlow().doFilter(request, new MockHttpServletResponse(), chainSetting(404));

        assertThat(output).containsPattern("Slow request: GET /api/unknown answered 404 in \\d+ ms");
    }

    @Test
    void fastRequestIsNotLogged(CapturedOutput output) throws Exception {
        RequestTimer timer = new RequestTimer(traffic, settings(Duration.ofHours(1)));

        timer.doFilter(new MockHttpServletRequest("GET", "/api/me"), new MockHttpServletResponse(), chainSetting(200));

        assertThat(output).doesNotContain("Slow request");
        assertThat(traffic.summary().requests().count()).isEqualTo(1);
    }

    @Test
    void exceptionEscapingTheChainCountsAsServerError() {
        FilterChain failing = (req, res) -> {
            throw new IllegalStateException("escaped");
        };

        assertThatIllegalStateException()
                .isThrownBy(() -> everythingIsSlow()
                        .doFilter(
                                new MockHttpServletRequest("GET", "/api/me"), new MockHttpServletResponse(), failing));

        assertThat(traffic.summary().requests().serverErrors()).isEqualTo(1);
    }

    @Test
    void operationalPathsAreTimedButNotSummarised() {
        for (String path : List.of(
                "/actuator", "/actuator/prometheus", "/health/detailed", "/api/monitoring/metrics", "/sandbox/x")) {
            assertThat(RequestTimer.summarised(path)).as(path).isFalse();
        }
        for (String path : List.of("/api/me", "/api/monitoringx", "/webhook/shopify", "/healthy", "/")) {
            assertThat(RequestTimer.summarised(path)).as(path).isTrue();
        }
    }

    /** A zero threshold: any request takes longer than no time at all, so every one is logged. */
    private RequestTimer everythingIsSlow() {
        return new RequestTimer(traffic, settings(Duration.ZERO));
    }

    private static HttpSettings settings(Duration threshold) {
        return new HttpSettings(DataSize.ofMegabytes(1), DataSize.ofMegabytes(40), threshold, List.of());
    }

    private static MockHttpServletResponse answering(int status) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(status);
        return response;
    }

    /** Answers with the status after a millisecond, so even a coarse clock sees the request take some time. */
    private static FilterChain chainSetting(int status) {
        return (req, res) -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ((jakarta.servlet.http.HttpServletResponse) res).setStatus(status);
        };
    }
}
