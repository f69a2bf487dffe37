package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.inventory.StockLevels;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixture of the Shopify webhook suites: a connected shop, signed deliveries, payload builders. */
abstract class ShopifyWebhookFixture extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StockLevels levels;

    @Autowired
    ShopifyLevels shopifyLevels;

    /** A merchant with a connected shop and one SKU. */
    record Shop(Tenant tenant, String domain, String secret) {

        MerchantId merchant() {
            return MerchantId.of(tenant.id());
        }
    }

    Shop shop(String sku, int physical) {
        Tenant tenant = newMerchant("Shop " + UUID.randomUUID());
        ShopifyShop shop =
                MerchantFixture.connect(tenant.api(), ShopifyShop.random().at(MerchantFixture.LOCATION));
        tenant.api().put("/api/inventory/" + sku, Map.of("physical", physical));
        return new Shop(tenant, shop.domain(), shop.secret());
    }

    Api.Response deliver(Shop shop, String topic, String eventId, String body) {
        return deliver(shop.domain(), shop.secret(), topic, eventId, body);
    }

    Api.Response deliver(String domain, String secret, String topic, String eventId, String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return api.send(
                "POST",
                "/webhook/shopify",
                "application/json",
                raw,
                "X-Shopify-Topic",
                topic,
                "X-Shopify-Shop-Domain",
                domain,
                "X-Shopify-Hmac-Sha256",
                WebhookSignature.sign(raw, secret),
                "X-Shopify-Event-Id",
                eventId,
                "X-Shopify-API-Version",
                "2026-04");
    }

    static String order(long orderId, String sku, int quantity) {
        return """
                {"id": %d, "name": "#%d", "line_items": [
                  {"id": %d, "sku": "%s", "quantity": %d, "variant_id": 39072856, "fulfillment_status": null}
                ]}""".formatted(orderId, orderId, orderId * 10 + 1, sku, quantity);
    }

    int physical(Shop shop, String sku) {
        return levels.find(shop.merchant(), sku).orElseThrow().physical();
    }

    void assertLedgerMatches(Shop shop, String sku) {
        assertThat(levels.ledgerSum(shop.merchant(), sku)).isEqualTo(physical(shop, sku));
    }

    static String level(long item, int available) {
        return """
                {"inventory_item_id": %d, "location_id": 24826418, "available": %d,
                 "updated_at": "2026-11-22T10:00:00-04:00"}""".formatted(item, available);
    }

    long deliveries(Shop shop) {
        return jdbc.sql("select count(*) from inventory_deliveries where merchant_id = :m")
                .param("m", shop.merchant().value())
                .query(Long.class)
                .single();
    }
}
