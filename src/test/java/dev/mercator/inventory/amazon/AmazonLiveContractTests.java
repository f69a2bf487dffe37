package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.LiveEnvironment;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The SP-API client against Amazon, read-only: the merchant connects its seller account through Mercator's API, and
 * Mercator exchanges the refresh token with Login with Amazon and reads listings the way the read-back verifier does.
 * Runs only when {@code MERCATOR_LIVE_CONTRACTS} names {@code amazon} and MERCATOR_LIVE_AMAZON_SELLER_ID, _REGION
 * ({@code na}, {@code eu} or {@code fe}), _MARKETPLACE_ID, _LWA_CLIENT_ID, _LWA_CLIENT_SECRET, _REFRESH_TOKEN and _SKU
 * (a seller SKU the account lists) are set. Writes nothing to the seller account.
 */
@EnabledIfEnvironmentVariable(named = "MERCATOR_LIVE_CONTRACTS", matches = ".*\\bamazon\\b.*")
@TestPropertySource(properties = "mercator.providers.amazon.mode=live")
class AmazonLiveContractTests extends IntegrationTest {

    @Autowired
    AmazonGateway gateway;

    @Test
    void aListedSkuShowsItsQuantityAndAnUnlistedOneSaysSo() {
        Tenant tenant = newMerchant("Live SP-API contract");
        Api.Response connected = tenant.api()
                .put(
                        "/api/channels/amazon",
                        Map.of(
                                "sellerId", LiveEnvironment.required("MERCATOR_LIVE_AMAZON_SELLER_ID"),
                                "region", LiveEnvironment.required("MERCATOR_LIVE_AMAZON_REGION"),
                                "marketplaceIds",
                                        List.of(LiveEnvironment.required("MERCATOR_LIVE_AMAZON_MARKETPLACE_ID")),
                                "lwaClientId", LiveEnvironment.required("MERCATOR_LIVE_AMAZON_LWA_CLIENT_ID"),
                                "lwaClientSecret", LiveEnvironment.required("MERCATOR_LIVE_AMAZON_LWA_CLIENT_SECRET"),
                                "refreshToken", LiveEnvironment.required("MERCATOR_LIVE_AMAZON_REFRESH_TOKEN")));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(204);
        MerchantId merchant = MerchantId.of(tenant.id());
        String sku = LiveEnvironment.required("MERCATOR_LIVE_AMAZON_SKU");

        assertThat(gateway.readBack(merchant, new PushTarget(sku, null, sku, null, null)))
                .isInstanceOf(ReadBack.Shown.class);
        String unlisted = "MERCATOR-CONTRACT-" + UUID.randomUUID();
        assertThat(gateway.readBack(merchant, new PushTarget(unlisted, null, unlisted, null, null)))
                .isInstanceOf(ReadBack.NotListed.class);
    }
}
