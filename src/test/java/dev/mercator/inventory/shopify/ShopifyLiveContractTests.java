package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.LiveEnvironment;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The Shopify Admin API client against a real shop, read-only: the merchant connects the shop through Mercator's API,
 * and Mercator reads an inventory item's level at a location the way the read-back verifier does (GraphQL, cost
 * bucket, token). Runs only when {@code MERCATOR_LIVE_CONTRACTS} names {@code shopify} and
 * MERCATOR_LIVE_SHOPIFY_SHOP ({@code x.myshopify.com}), _TOKEN (an Admin API token with read_inventory), _LOCATION_ID
 * and _INVENTORY_ITEM_ID (numeric ids) are set. Writes nothing to the shop.
 */
@EnabledIfEnvironmentVariable(named = "MERCATOR_LIVE_CONTRACTS", matches = ".*\\bshopify\\b.*")
@TestPropertySource(properties = "mercator.providers.shopify.mode=live")
class ShopifyLiveContractTests extends IntegrationTest {

    @Autowired
    ShopifyGateway gateway;

    @Test
    void aConnectedShopShowsTheLevelOfAnItemAtItsLocation() {
        Tenant tenant = newMerchant("Live Shopify contract");
        String location = LiveEnvironment.required("MERCATOR_LIVE_SHOPIFY_LOCATION_ID");
        Api.Response connected = tenant.api()
                .put(
                        "/api/channels/shopify",
                        Map.of(
                                "shopDomain", LiveEnvironment.required("MERCATOR_LIVE_SHOPIFY_SHOP"),
                                "accessToken", LiveEnvironment.required("MERCATOR_LIVE_SHOPIFY_TOKEN"),
                                "webhookSecret", UUID.randomUUID().toString(),
                                "locationId", location));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(204);

        ReadBack read = gateway.readBack(
                MerchantId.of(tenant.id()),
                new PushTarget(
                        "LIVE",
                        null,
                        null,
                        LiveEnvironment.required("MERCATOR_LIVE_SHOPIFY_INVENTORY_ITEM_ID"),
                        location));

        assertThat(read).isInstanceOf(ReadBack.Shown.class);
    }
}
