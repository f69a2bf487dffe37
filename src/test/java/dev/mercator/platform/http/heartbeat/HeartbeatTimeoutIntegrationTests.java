package dev.mercator.platform.http.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mercator.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.ResourceAccessException;

/**
 * Injected latency against a per-provider read timeout. The timeout is tiny only in this context of its own, and the
 * latency is ten times longer, so the outcome never depends on how busy the machine is.
 */
@TestPropertySource(properties = "mercator.outbound.providers.heartbeat.read-timeout=300ms")
class HeartbeatTimeoutIntegrationTests extends IntegrationTest {

    private static final String FAULTS = "/api/admin/sandbox/heartbeat/faults";

    @Autowired
    HeartbeatClient client;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void resetFaults() {
        admin.delete(FAULTS);
    }

    @Test
    void latencyBeyondTheReadTimeoutIsATimeout() {
        assertThat(admin.post(FAULTS, Map.of("latencyMs", 3000)).status()).isEqualTo(200);
        double before = timeouts();

        ResourceAccessException failure = catchThrowableOfType(ResourceAccessException.class, client::ping);

        assertThat(failure).hasRootCauseInstanceOf(HttpTimeoutException.class);
        assertThat(timeouts()).isEqualTo(before + 1);
        assertThat(new HeartbeatHealth(client, Clock.systemUTC(), Duration.ZERO)
                        .check()
                        .detail())
                .isEqualTo("timeout");
    }

    private double timeouts() {
        return meters.get("mercator.outbound.requests")
                .tags("provider", "heartbeat", "outcome", "timeout")
                .timer()
                .count();
    }
}
