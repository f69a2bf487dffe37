package dev.mercator.marketplaces.live;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.support.LiveEnvironment;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.TestPropertySource;

/** The eBay Browse client against api.ebay.com: MERCATOR_EBAY_CLIENT_ID, _CLIENT_SECRET and _CAMPAIGN_ID. */
@EnabledIfEnvironmentVariable(named = "MERCATOR_LIVE_CONTRACTS", matches = ".*\\bebay\\b.*")
@TestPropertySource(properties = "mercator.providers.ebay.mode=live")
class EbayLiveContractTests extends LiveMarketplaceContract {

    @Override
    Marketplace marketplace() {
        return Marketplace.EBAY;
    }

    @Override
    String affiliateMarker() {
        return "campid=" + LiveEnvironment.required("MERCATOR_EBAY_CAMPAIGN_ID");
    }
}
