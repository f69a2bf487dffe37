package dev.mercator.marketplaces.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.support.StandaloneApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code mercator.catalog.amazon.api} picks the Amazon adapter; catalog provider settings are checked at start-up. */
class AmazonApiSelectionIntegrationTests {

    @Test
    void paapiReplacesTheCreatorsApiAsTheAmazonSource() throws Exception {
        Map<String, String> settings = StandaloneApp.settings();
        settings.put(AmazonApiSettings.PROPERTY, "paapi");
        try (ConfigurableApplicationContext app = StandaloneApp.start(settings)) {
            List<ProductSource> amazon = app.getBeansOfType(ProductSource.class).values().stream()
                    .filter(source -> source.marketplace() == Marketplace.AMAZON)
                    .toList();

            assertThat(amazon).singleElement().isInstanceOf(PaApiSource.class);
            assertThat(amazon.getFirst()
                            .search(
                                    new SourceQuery("usb cable", 1, 3, null, null, null),
                                    new SourceAccount("instance", null, Map.of()))
                            .products())
                    .hasSize(3);
        }
    }

    @Test
    void anUnknownAmazonApiStopsStartUp() {
        Map<String, String> settings = StandaloneApp.settings();
        settings.put(AmazonApiSettings.PROPERTY, "soap");

        assertThat(StandaloneApp.failure(settings))
                .rootCause()
                .hasMessageContaining("mercator.catalog.amazon.api must be creators or paapi");
    }

    @Test
    void liveModeWithoutCredentialsStopsStartUpNamingThem() {
        Map<String, String> settings = StandaloneApp.settings();
        settings.put("mercator.providers.ebay.mode", "live");
        settings.put("mercator.providers.aliexpress.mode", "live");

        assertThat(StandaloneApp.failure(settings))
                .rootCause()
                .hasMessageContaining("MERCATOR_EBAY_CLIENT_ID")
                .hasMessageContaining("MERCATOR_EBAY_CLIENT_SECRET")
                .hasMessageContaining("MERCATOR_ALIEXPRESS_APP_SECRET")
                .hasMessageContaining("MERCATOR_ALIEXPRESS_TRACKING_ID");
    }
}
