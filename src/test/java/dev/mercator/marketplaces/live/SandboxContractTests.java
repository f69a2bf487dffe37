package dev.mercator.marketplaces.live;

import dev.mercator.marketplaces.Marketplace;
import org.junit.jupiter.api.Nested;

/**
 * The live contract run against the simulators on every build, so a contract that could not fail, or that no longer
 * fits the clients, is caught here rather than on a maintainer's first live run. The markers are the sandbox defaults'.
 */
class SandboxContractTests {

    @Nested
    class Ebay extends LiveMarketplaceContract {

        @Override
        Marketplace marketplace() {
            return Marketplace.EBAY;
        }

        @Override
        String affiliateMarker() {
            return "campid=5338000001";
        }
    }

    @Nested
    class AliExpress extends LiveMarketplaceContract {

        @Override
        Marketplace marketplace() {
            return Marketplace.ALIEXPRESS;
        }

        @Override
        String affiliateMarker() {
            return "aliexpress.com";
        }
    }

    @Nested
    class Amazon extends LiveMarketplaceContract {

        @Override
        Marketplace marketplace() {
            return Marketplace.AMAZON;
        }

        @Override
        String affiliateMarker() {
            return "tag=mercator-20";
        }
    }
}
