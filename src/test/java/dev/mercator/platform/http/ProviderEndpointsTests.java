package dev.mercator.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

class ProviderEndpointsTests {

    /** A provider with two live credentials, as later providers (client id and secret) will have. */
    record Acme(
            @Nullable String mode,
            @Nullable String baseUrl,
            @Nullable String clientId,
            @Nullable String secret) implements ProviderSettings {

        @Override
        public String provider() {
            return "acme-shop";
        }

        @Override
        public List<Credential> liveCredentials() {
            return List.of(new Credential("client-id", clientId), new Credential("client-secret", secret));
        }
    }

    @Test
    void sandboxIsTheDefaultAndNeedsNoCredentials() {
        assertThat(ProviderEndpoints.problems(new Acme(null, null, null, null))).isEmpty();
        assertThat(ProviderEndpoints.problems(new Acme("SANDBOX", null, null, null)))
                .isEmpty();
    }

    @Test
    void liveModeNamesEveryMissingSettingWithItsEnvironmentVariable() {
        assertThat(ProviderEndpoints.problems(new Acme("live", null, "id", " ")))
                .containsExactly(
                        "mercator.providers.acme-shop.base-url (MERCATOR_ACME_SHOP_BASE_URL) is required in live mode",
                        "mercator.providers.acme-shop.client-secret (MERCATOR_ACME_SHOP_CLIENT_SECRET) is required in "
                                + "live mode");
    }

    @Test
    void liveModeNeedsAnAbsoluteHttpBaseUrl() {
        assertThat(ProviderEndpoints.problems(new Acme("live", "acme.example/api", "id", "secret")))
                .containsExactly("mercator.providers.acme-shop.base-url (MERCATOR_ACME_SHOP_BASE_URL) must be an "
                        + "absolute http(s) URL in live mode");
        assertThat(ProviderEndpoints.problems(new Acme("live", "https://acme.example/api", "id", "secret")))
                .isEmpty();
    }

    @Test
    void anUnknownModeNamesTheAllowedValues() {
        assertThat(ProviderEndpoints.problems(new Acme("prod", null, null, null)))
                .containsExactly("mercator.providers.acme-shop.mode (MERCATOR_ACME_SHOP_MODE) must be one of sandbox, "
                        + "live (was 'prod')");
    }

    @Test
    void startUpReportsAllProblemsAtOnce() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("acme", new Acme("live", null, null, null));

        assertThatThrownBy(() -> new ProviderEndpoints(beans.getBeanProvider(ProviderSettings.class), environment()))
                .hasMessageContaining("base-url")
                .hasMessageContaining("client-id")
                .hasMessageContaining("client-secret");
    }

    @Test
    void liveBaseUrlIsTheConfiguredOne() {
        ProviderEndpoints endpoints = endpoints();

        assertThat(endpoints.baseUrl(new Acme("live", "https://acme.example/api/", "id", "secret")))
                .hasToString("https://acme.example/api");
    }

    @Test
    void sandboxBaseUrlIsThisServerOnceItsPortIsKnown() {
        ProviderEndpoints endpoints = endpoints();
        Acme sandbox = new Acme(null, "https://ignored.example", null, null);

        assertThatThrownBy(() -> endpoints.baseUrl(sandbox)).hasMessageContaining("port is not known");

        MockEnvironment started = environment().withProperty("local.server.port", "41234");
        assertThat(new ProviderEndpoints(
                                new DefaultListableBeanFactory().getBeanProvider(ProviderSettings.class), started)
                        .baseUrl(sandbox))
                .hasToString("http://localhost:41234/sandbox/acme-shop");
    }

    private static ProviderEndpoints endpoints() {
        return new ProviderEndpoints(
                new DefaultListableBeanFactory().getBeanProvider(ProviderSettings.class), environment());
    }

    private static MockEnvironment environment() {
        return new MockEnvironment();
    }
}
