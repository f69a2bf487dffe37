package dev.mercator.marketplaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.amazon.PaApiSources;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.StandaloneApp;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Failures without an HTTP answer are transient for every adapter: a read timeout (the simulator made slower than the
 * provider's timeout) and a refused connection (a live provider whose host is down); and, for every marketplace in
 * live mode against a {@link MisbehavingServer}, a reset connection, a read timeout and a refused connection; Amazon
 * through both its APIs (PA-API's adapter built from the same application, live against the same host).
 */
class SourceTransportFailuresIntegrationTests {

    private static final String SECRET = "live-secret-never-in-messages";
    private static MisbehavingServer host;
    private static ConfigurableApplicationContext live;

    /** Every marketplace live against the misbehaving host (Amazon through the Creators API, the default). */
    @BeforeAll
    static void liveAgainstAMisbehavingHost() {
        host = new MisbehavingServer();
        Map<String, String> settings = StandaloneApp.settings();
        for (String provider : List.of("amazon-creators", "aliexpress", "ebay")) {
            settings.put("mercator.providers." + provider + ".mode", "live");
            settings.put("mercator.providers." + provider + ".base-url", host.url());
            settings.put("mercator.outbound.providers." + provider + ".read-timeout", "300ms");
        }
        settings.put("mercator.providers.amazon-creators.token-url", host.url() + "/oauth2/token");
        settings.put("mercator.providers.amazon-creators.credential-id", "live-id");
        settings.put("mercator.providers.amazon-creators.credential-secret", SECRET);
        settings.put("mercator.providers.amazon-creators.partner-tag", "live-20");
        settings.put("mercator.providers.aliexpress.app-key", "700001");
        settings.put("mercator.providers.aliexpress.app-secret", SECRET);
        settings.put("mercator.providers.aliexpress.tracking-id", "live");
        settings.put("mercator.providers.ebay.client-id", "live-client");
        settings.put("mercator.providers.ebay.client-secret", SECRET);
        settings.put("mercator.providers.paapi.mode", "live");
        settings.put("mercator.providers.paapi.base-url", host.url());
        settings.put("mercator.outbound.providers.paapi.read-timeout", "300ms");
        settings.put("mercator.providers.paapi.access-key", "AKIALIVE");
        settings.put("mercator.providers.paapi.secret-key", SECRET);
        settings.put("mercator.providers.paapi.partner-tag", "live-20");
        live = StandaloneApp.start(settings);
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
        if (host != null) {
            host.close();
        }
    }

    static Stream<Arguments> marketplaceAndFailure() {
        return Stream.of(MisbehavingServer.Failure.values())
                .flatMap(failure -> Stream.of(Marketplace.values()).map(m -> Arguments.of(m, failure)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("marketplaceAndFailure")
    void everyTransportFailureIsTransientForEveryMarketplace(
            Marketplace marketplace, MisbehavingServer.Failure failure) {
        host.fail(failure);

        failsInTransport(source(live, marketplace), marketplace);
    }

    @ParameterizedTest(name = "paapi {0}")
    @EnumSource(MisbehavingServer.Failure.class)
    void everyTransportFailureIsTransientForPaApi(MisbehavingServer.Failure failure) {
        host.fail(failure);

        failsInTransport(PaApiSources.of(live), Marketplace.AMAZON);
    }

    private static void failsInTransport(ProductSource source, Marketplace marketplace) {
        SourceQuery query = new SourceQuery("cable", 1, 5, null, null, null);
        SourceAccount instance = new SourceAccount("instance", null, Map.of());

        assertThatThrownBy(() -> source.search(query, instance)).isInstanceOfSatisfying(SourceFailure.class, thrown -> {
            assertThat(thrown.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(thrown.marketplace()).isEqualTo(marketplace);
            assertThat(thrown.getMessage()).startsWith("call failed").doesNotContain(SECRET);
        });
    }

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
