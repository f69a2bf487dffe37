package dev.mercator.marketplaces.live;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.support.LiveEnvironment;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.TestPropertySource;

/**
 * The AliExpress affiliate client against api-sg.aliexpress.com: MERCATOR_ALIEXPRESS_APP_KEY, _APP_SECRET and
 * _TRACKING_ID. AliExpress's promotion links are short links that do not show the tracking id, so the contract asks
 * only for AliExpress's own link host.
 */
@EnabledIfEnvironmentVariable(named = "MERCATOR_LIVE_CONTRACTS", matches = ".*\\baliexpress\\b.*")
@TestPropertySource(properties = "mercator.providers.aliexpress.mode=live")
class AliExpressLiveContractTests extends LiveMarketplaceContract {

    @Override
    Marketplace marketplace() {
        return Marketplace.ALIEXPRESS;
    }

    @Override
    String affiliateMarker() {
        LiveEnvironment.required("MERCATOR_ALIEXPRESS_TRACKING_ID");
        return "aliexpress.com";
    }
}
