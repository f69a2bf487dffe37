package dev.mercator.marketplaces.live;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SandboxFixtures;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;

/**
 * The live contract run against the simulators on every build, so a contract that could not fail, or that no longer
 * fits the clients, is caught here rather than on a maintainer's first live run. Each test mints an account of its own,
 * so it spends no other test's rate limit (the Amazon simulator allows one call a second per account, as Amazon does).
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
            return "campid=5338000777";
        }

        @Override
        SourceAccount account() {
            return SandboxFixtures.account("ebay", "clientId", "clientSecret", "5338000777");
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

        @Override
        SourceAccount account() {
            return SandboxFixtures.account("aliexpress", "appKey", "appSecret", "contract-tracking");
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
            return "tag=contract-20";
        }

        @Override
        SourceAccount account() {
            String id = "test-" + UUID.randomUUID();
            return new SourceAccount(
                    "merchant-" + id,
                    "contract-20",
                    Map.of(
                            "credentialId",
                            id,
                            "credentialSecret",
                            SandboxAccounts.secretFor("amazon-creators", id),
                            "version",
                            "2.1"));
        }
    }
}
