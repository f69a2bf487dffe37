package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Level reports during order traffic. Shopify sends an inventory-level update with every order; by the time a report
 * is judged (after the settle window) later orders have lowered physical further. Such a report is explained by the
 * orders and must not be read as a manual edit, which would put back units that were sold. A genuine edit made once
 * the traffic has calmed down still becomes the new physical count.
 */
@TestPropertySource(properties = "mercator.inventory.manual-edit-settle=1s")
class LevelReportsDuringOrdersIntegrationTests extends ShopifyWebhookFixture {

    @Test
    void reportsExplainedByOrdersAreNotManualEditsButALaterEditIs() throws Exception {
        Shop shop = shop("BURST", 10);
        shop.tenant()
                .api()
                .post("/api/mapping", Map.of("sku", "BURST", "asin", "B0BURST001", "shopifyInventoryItemId", "9090"));

        // Order 1 and Shopify's report of it (9), then two more orders before the report is judged.
        deliver(shop, "orders/create", "b-1", order(40001, "BURST", 1));
        deliver(shop, "inventory_levels/update", "b-l1", level(9090, 9));
        deliver(shop, "orders/create", "b-2", order(40002, "BURST", 1));
        deliver(shop, "orders/create", "b-3", order(40003, "BURST", 1));
        Thread.sleep(1_200);
        levelReports.processDue();

        assertThat(physical(shop, "BURST"))
                .as("the report of order 1 must not undo orders 2 and 3")
                .isEqualTo(7);

        // Traffic has calmed down; the merchant edits the level in Shopify admin.
        Thread.sleep(1_200);
        deliver(shop, "inventory_levels/update", "b-l2", level(9090, 25));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            levelReports.processDue();
            return physical(shop, "BURST") == 25;
        });
        assertLedgerMatches(shop, "BURST");
    }
}
