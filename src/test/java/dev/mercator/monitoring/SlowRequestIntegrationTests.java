package dev.mercator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.Api;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SlowRequestIntegrationTests extends MonitoringIntegrationTest {

    @Test
    void slowRequestIsLoggedWithRouteStatusAndDuration(CapturedOutput output) {
        String requestId = "slow-" + UUID.randomUUID();

        Api.Response response = api.get("/test/slow/42", "X-Request-Id", requestId);

        assertThat(response.status()).isEqualTo(200);
        String line = logLineWith(output, requestId);
        assertThat(line).contains("WARN");
        // The route, not the path: slow requests to one endpoint group together whatever their ids.
        assertThat(line).containsPattern("Slow request: GET /test/slow/\\{id} answered 200 in \\d+ ms");
    }

    @Test
    void requestLinesCarryRequestTraceAndSpanIds(CapturedOutput output) {
        String requestId = "traced-" + UUID.randomUUID();

        api.get("/test/slow/7", "X-Request-Id", requestId);

        String line = logLineWith(output, requestId);
        assertThat(line).containsPattern(Pattern.quote("[" + requestId + "-") + "[0-9a-f]{32}-[0-9a-f]{16}]");
    }

    private static String logLineWith(CapturedOutput output, String requestId) {
        // The line is written just after the response has been sent.
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            found[0] = output.getAll()
                    .lines()
                    .filter(l -> l.contains("Slow request") && l.contains(requestId))
                    .findFirst()
                    .orElse(null);
            return found[0] != null;
        });
        return found[0];
    }
}
