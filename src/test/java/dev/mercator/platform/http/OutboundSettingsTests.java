package dev.mercator.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundSettingsTests {

    @Test
    void timeoutsAreAlwaysSetEvenWhenNotConfigured() {
        OutboundSettings none = new OutboundSettings(null, null, null);

        assertThat(none.connectTimeoutFor("heartbeat")).isEqualTo(Duration.ofSeconds(2));
        assertThat(none.readTimeoutFor("heartbeat")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aProviderOverridesOnlyWhatItSets() {
        OutboundSettings settings = new OutboundSettings(
                Duration.ofSeconds(3),
                Duration.ofSeconds(20),
                Map.of("amazon", new OutboundSettings.Timeouts(null, Duration.ofSeconds(60))));

        assertThat(settings.connectTimeoutFor("amazon")).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.readTimeoutFor("amazon")).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.readTimeoutFor("ebay")).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void zeroOrNegativeTimeoutsAreRejected() {
        assertThatThrownBy(() -> new OutboundSettings(Duration.ZERO, null, null))
                .hasMessageContaining("mercator.outbound.connect-timeout (MERCATOR_OUTBOUND_CONNECT_TIMEOUT)");
        assertThatThrownBy(() -> new OutboundSettings(
                        null, null, Map.of("amazon", new OutboundSettings.Timeouts(null, Duration.ofSeconds(-1)))))
                .hasMessageContaining("mercator.outbound.providers.amazon.read-timeout");
    }
}
