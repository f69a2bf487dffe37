package dev.mercator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.catalog.SourceFailure.Kind;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.StandaloneApp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Failures without an HTTP answer are transient for every adapter: a read timeout (the simulator made slower than the
 * provider's timeout) and a refused connection (a live provider whose host is down).
 */
class SourceTransportFailuresIntegrationTests {

    @Test
    void timeoutsAndRefusedConnectionsAreTransient() {
        Map<String, String> settings = StandaloneApp.settings();
        settings.put("mercator.outbound.providers.aliexpress.read-timeout", "300ms");
        settings.put("mercator.providers.ebay.mode", "live");
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        settings.put("mercator.providers.ebay.base-url", "http://127.0.0.1:1");
        settings.put("mercator.providers.ebay.client-id", "live-client");
        settings.put("mercator.providers.ebay.client-secret", "live-secret");
        try (ConfigurableApplicationContext app = StandaloneApp.start(settings)) {
            Api admin = new Api(StandaloneApp.port(app)).asAdmin(IntegrationTest.ADMIN_TOKEN);
            assertThat(admin.post("/api/admin/sandbox/aliexpress/faults", Map.of("latencyMs", 1500))
                            .status())
                    .isEqualTo(200);
            SourceQuery query = new SourceQuery("cable", 1, 5, null, null, null);
            SourceAccount instance = new SourceAccount("instance", null, Map.of());

            assertThatThrownBy(() -> source(app, Marketplace.ALIEXPRESS).search(query, instance))
                    .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
                        assertThat(failure.marketplace()).isEqualTo(Marketplace.ALIEXPRESS);
                        // No HTTP answer at all: the call failed in transport, not with a status.
                        assertThat(failure.getMessage()).startsWith("call failed");
                    });
            assertThatThrownBy(() -> source(app, Marketplace.EBAY).search(query, instance))
                    .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
                        assertThat(failure.getMessage())
                                .startsWith("call failed")
                                .doesNotContain("live-secret");
                    });
        }
    }

    private static ProductSource source(ConfigurableApplicationContext app, Marketplace marketplace) {
        return app.getBeansOfType(ProductSource.class).values().stream()
                .filter(source -> source.marketplace() == marketplace)
                .findFirst()
                .orElseThrow();
    }
}
