package dev.mercator.marketplaces.live;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.support.LiveEnvironment;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.TestPropertySource;

/**
 * Amazon's Creators API: MERCATOR_AMAZON_CREATORS_CREDENTIAL_ID, _CREDENTIAL_SECRET, _VERSION, _MARKETPLACE and
 * _PARTNER_TAG.
 */
@EnabledIfEnvironmentVariable(named = "MERCATOR_LIVE_CONTRACTS", matches = ".*\\bamazon-creators\\b.*")
@TestPropertySource(
        properties = {"mercator.providers.amazon-creators.mode=live", "mercator.catalog.amazon.api=creators"})
class CreatorsApiLiveContractTests extends LiveMarketplaceContract {

    @Override
    Marketplace marketplace() {
        return Marketplace.AMAZON;
    }

    @Override
    String affiliateMarker() {
        return "tag=" + LiveEnvironment.required("MERCATOR_AMAZON_CREATORS_PARTNER_TAG");
    }
}
