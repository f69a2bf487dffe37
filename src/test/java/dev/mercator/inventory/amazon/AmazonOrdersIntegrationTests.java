package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Merchant-fulfilled Amazon orders polled into the ledger, against the simulator's Orders API v2026-01-01. */
class AmazonOrdersIntegrationTests extends AmazonIntegrationTest {

    @Autowired
    AmazonOrdersPoller poller;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOrderTakesStockOnceHoweverOftenItIsPolled() {
        Shop shop = connectedShop();
        shop.setPhysical("MUG", 10);
        shop.setPhysical("CUP", 5);
        sandbox.seedOrder(shop.seller(), "UNSHIPPED", "MERCHANT", Map.of("MUG", 2, "CUP", 1));

        AmazonOrdersPoller.Poll first = poller.poll(shop.merchant());
        poller.poll(shop.merchant());
        poller.poll(shop.merchant());

        assertThat(first.orders()).isEqualTo(1);
        assertThat(first.applied()).isEqualTo(2);
        assertThat(shop.physical("MUG")).isEqualTo(8);
        assertThat(shop.physical("CUP")).isEqualTo(4);
        assertThat(amazonLedgerRows(shop, "MUG")).isEqualTo(1);
    }

    @Test
    void anOrderSeenAgainAfterAnUpdateIsNotTakenTwice() {
        Shop shop = connectedShop();
        shop.setPhysical("MUG", 10);
        String order = sandbox.seedOrder(shop.seller(), "PENDING", "MERCHANT", Map.of("MUG", 3));
        poller.poll(shop.merchant());

        // Amazon updates the order (payment through): it is listed again past the watermark.
        sandbox.changeStatus(shop.seller(), order, "UNSHIPPED");
        AmazonOrdersPoller.Poll again = poller.poll(shop.merchant());

        assertThat(again.orders()).isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(shop.physical("MUG")).isEqualTo(7);
    }

    @Test
    void aCancellationRestocksOnce() {
        Shop shop = connectedShop();
        shop.setPhysical("MUG", 10);
        String order = sandbox.seedOrder(shop.seller(), "UNSHIPPED", "MERCHANT", Map.of("MUG", 3));
        poller.poll(shop.merchant());
        assertThat(shop.physical("MUG")).isEqualTo(7);

        sandbox.cancel(shop.seller(), order);
        poller.poll(shop.merchant());
        poller.poll(shop.merchant());

        assertThat(shop.physical("MUG")).isEqualTo(10);
        assertThat(amazonLedgerRows(shop, "MUG")).isEqualTo(2);
    }

    @Test
    void anOrderCancelledBeforeItWasSeenNeverRestocks() {
        Shop shop = connectedShop();
        shop.setPhysical("MUG", 10);
        String order = sandbox.seedOrder(shop.seller(), "PENDING", "MERCHANT", Map.of("MUG", 4));
        sandbox.cancel(shop.seller(), order);

        poller.poll(shop.merchant());
        poller.poll(shop.merchant());

        // Sale and cancellation are both recorded, so the count nets to what it was: never 14.
        assertThat(shop.physical("MUG")).isEqualTo(10);
        assertThat(amazonLedgerRows(shop, "MUG")).isEqualTo(2);
    }

    @Test
    void itemsForSkusMercatorDoesNotKnowAreKeptAsUnmapped() {
        Shop shop = connectedShop();
        shop.setPhysical("MUG", 10);
        sandbox.seedOrder(shop.seller(), "UNSHIPPED", "MERCHANT", Map.of("MUG", 1, "MYSTERY-SKU", 2));

        AmazonOrdersPoller.Poll poll = poller.poll(shop.merchant());
        poller.poll(shop.merchant());

        assertThat(poll.unmapped()).isEqualTo(1);
        assertThat(shop.physical("MUG")).isEqualTo(9);
        JsonNode unmapped = shop.tenant().api().get("/api/inventory/unmapped").json();
        assertThat(unmapped).hasSize(1);
        assertThat(unmapped.get(0).get("ref").asString()).isEqualTo("MYSTERY-SKU");
        assertThat(unmapped.get(0).get("amount").asInt()).isEqualTo(-2);

        // Once the SKU exists, the kept sale applies to it.
        shop.setPhysical("MYSTERY-SKU", 5);
        assertThat(shop.physical("MYSTERY-SKU")).isEqualTo(3);
    }

    @Test
    void amazonFulfilledOrdersAreLeftAlone() {
        Shop shop = connectedShop();
        shop.setPhysical("MUG", 10);
        sandbox.seedOrder(shop.seller(), "SHIPPED", "AMAZON", Map.of("MUG", 5));

        AmazonOrdersPoller.Poll poll = poller.poll(shop.merchant());

        assertThat(poll.orders()).isZero();
        assertThat(shop.physical("MUG")).isEqualTo(10);
    }

    @Test
    void theWatermarkMovesForwardSoPolledOrdersAreNotListedAgain() {
        Shop shop = connectedShop();
        shop.setPhysical("MUG", 1000);
        for (int i = 0; i < 3; i++) {
            sandbox.seedOrder(shop.seller(), "UNSHIPPED", "MERCHANT", Map.of("MUG", 1));
        }

        AmazonOrdersPoller.Poll first = poller.poll(shop.merchant());
        AmazonOrdersPoller.Poll second = poller.poll(shop.merchant());

        assertThat(first.orders()).isEqualTo(3);
        assertThat(first.watermark()).isNotNull();
        assertThat(second.orders()).isZero();
        assertThat(second.watermark()).isAfterOrEqualTo(first.watermark());
        assertThat(shop.physical("MUG")).isEqualTo(997);
    }

    @Test
    void onePollIsOneSearchWithTheItemsInsideNoCallPerOrder() {
        Shop shop = connectedShop();
        shop.setPhysical("MUG", 100);
        for (int i = 0; i < 5; i++) {
            sandbox.seedOrder(shop.seller(), "UNSHIPPED", "MERCHANT", Map.of("MUG", 1));
        }

        AmazonOrdersPoller.Poll poll = poller.poll(shop.merchant());

        assertThat(poll.applied()).isEqualTo(5);
        assertThat(sandbox.calls(shop.seller(), "searchOrders")).isEqualTo(1);
        assertThat(sandbox.calls(shop.seller(), "getOrder")).isZero();
        assertThat(shop.physical("MUG")).isEqualTo(95);
    }

    @Test
    void theScheduledPollServesEveryConnectedMerchantAndSurvivesBrokenOnes() {
        Shop shop = connectedShop();
        shop.setPhysical("MUG", 10);
        sandbox.seedOrder(shop.seller(), "UNSHIPPED", "MERCHANT", Map.of("MUG", 1));
        Shop revoked = connectedShop();
        sandbox.revokeRefreshToken(revoked.seller());

        poller.pollAll();

        assertThat(shop.physical("MUG")).isEqualTo(9);
    }

    private Shop connectedShop() {
        return shop(sandbox.newSeller().register());
    }

    private long amazonLedgerRows(Shop shop, String sku) {
        List<Long> rows = jdbc.sql("""
                        select count(*) from inventory_ledger
                        where merchant_id = :merchant and sku = :sku and source = 'amazon'""")
                .param("merchant", shop.merchant().value())
                .param("sku", sku)
                .query(Long.class)
                .list();
        return rows.getFirst();
    }
}
