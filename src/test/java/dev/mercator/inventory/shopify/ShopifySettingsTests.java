package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShopifySettingsTests {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    void blankValuesFromTheEnvironmentMeanTheDefaults() {
        ShopifySettings settings = new ShopifySettings("", "", " ", WAIT);

        assertThat(settings.mode()).isNull();
        assertThat(settings.shopUrl()).isEqualTo("https://{shop}");
        assertThat(settings.apiVersion()).isEqualTo("2026-04");
        assertThat(settings.baseUrl()).isEqualTo("https://example.myshopify.com");
        assertThat(settings.liveCredentials()).isEmpty();
    }

    @Test
    void aBaseUrlWithoutTheShopIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new ShopifySettings("live", "https://acme.myshopify.com", "2026-04", WAIT))
                .hasMessageContaining("mercator.providers.shopify.base-url (MERCATOR_SHOPIFY_BASE_URL)")
                .hasMessageContaining("{shop}");
    }

    @Test
    void versionsBeforeTheCompareAndSetRulesAreRefused() {
        assertThatThrownBy(() -> new ShopifySettings(null, "", "2026-01", WAIT))
                .hasMessageContaining("MERCATOR_SHOPIFY_API_VERSION");
        assertThatThrownBy(() -> new ShopifySettings(null, "", "latest", WAIT))
                .hasMessageContaining("MERCATOR_SHOPIFY_API_VERSION");
        assertThat(new ShopifySettings(null, "https://{shop}/", "2026-10", WAIT).shopUrl())
                .isEqualTo("https://{shop}");
    }
}
