package dev.mercator.marketplaces.live;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.support.LiveEnvironment;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.TestPropertySource;

/**
 * PA-API 5.0, for accounts Amazon still answers on it (retired in favour of the Creators API):
 * MERCATOR_PAAPI_ACCESS_KEY, _SECRET_KEY, _PARTNER_TAG and _MARKETPLACE.
 */
@EnabledIfEnvironmentVariable(named = "MERCATOR_LIVE_CONTRACTS", matches = ".*\\bpaapi\\b.*")
@TestPropertySource(properties = {"mercator.providers.paapi.mode=live", "mercator.catalog.amazon.api=paapi"})
class PaApiLiveContractTests extends LiveMarketplaceContract {

    @Override
    Marketplace marketplace() {
        return Marketplace.AMAZON;
    }

    @Override
    String affiliateMarker() {
        return "tag=" + LiveEnvironment.required("MERCATOR_PAAPI_PARTNER_TAG");
    }
}
