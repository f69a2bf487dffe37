package dev.mercator.inventory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.alerts.centre.AlertBook;
import dev.mercator.inventory.StockSource;
import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.merchants.Merchants;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The inventory module and the modules it depends on, alone (no catalog, no marketplaces, no simulators): a SKU the
 * channel refuses becomes an alert in the alert centre through an event and the publication registry, and its
 * recovery resolves that alert. Each step is told exactly once, however many passes run.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "alerts")
@TestPropertySource(
        properties = {
            "mercator.inventory.workers-enabled=false",
            "mercator.inventory.unmapped-alert-age=0s",
            "mercator.demo.enabled=false",
            "mercator.admin-token=" + IntegrationTest.ADMIN_TOKEN,
            "mercator.crypto.encryption-key=" + IntegrationTest.ENCRYPTION_KEY,
        })
@ActiveProfiles("test")
class SyncAlertsModuleTests {

    @Autowired
    Merchants merchants;

    @Autowired
    InventoryLedger ledger;

    @Autowired
    ChannelOutbox outbox;

    @Autowired
    SyncAlerts syncAlerts;

    @Autowired
    UnmappedAlerts unmappedAlerts;

    @Autowired
    AlertBook book;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRefusedPushRaisesOneAlertAndItsRecoveryResolvesIt(Scenario scenario) {
        MerchantId merchant = merchants.create("Refused Pushes").merchant();
        count(merchant, "MUG-1", 5, "e1");
        push(merchant, "MUG-1", new PushOutcome.Rejected("MUG-1", "not mapped to a Shopify inventory item"));

        scenario.stimulate(() -> {
                    syncAlerts.pass();
                })
                .andWaitForEventOfType(AlertRaised.class)
                .matching(raised -> raised.merchant().equals(merchant))
                .toArriveAndVerify(raised -> {
                    assertThat(raised.type()).isEqualTo(AlertType.SYNC_PUSH_FAILED);
                    assertThat(raised.subject()).isEqualTo("MUG-1 on shopify");
                    assertThat(raised.details()).containsEntry("reason", "not mapped to a Shopify inventory item");
                });
        scenario.stimulate(() -> {})
                .andWaitForStateChange(() -> alerts(merchant), items -> !items.isEmpty())
                .andVerify(items -> {
                    assertThat(items).hasSize(1);
                    assertThat(items.getFirst().state()).isEqualTo("open");
                    assertThat(items.getFirst().count()).isEqualTo(1);
                });
        // Told once: further passes find nothing new while the SKU stays in error.
        assertThat(syncAlerts.pass()).isZero();

        // The merchant fixes the cause (a new count makes the row due again) and the push succeeds.
        outbox.requeue(merchant, "MUG-1");
        push(merchant, "MUG-1", new PushOutcome.Applied("MUG-1", 5));
        scenario.stimulate(() -> {
                    syncAlerts.pass();
                })
                .andWaitForStateChange(
                        () -> alerts(merchant),
                        items -> items.size() == 1 && items.getFirst().state().equals("resolved"))
                .andVerify(items -> assertThat(items.getFirst().resolvedAt()).isNotNull());
        assertThat(syncAlerts.pass()).isZero();
    }

    @Test
    void ordersWaitingForAnUnknownSkuRaiseOneAlertUntilTheSkuExists(Scenario scenario) {
        MerchantId merchant = merchants.create("Unknown SKUs").merchant();
        for (String event : List.of("o-1", "o-2")) {
            ledger.apply(
                    merchant,
                    StockChange.delta(
                            StockChange.ItemRef.sku("GHOST-1"), -1, StockSource.SHOPIFY, event, "order", "shopify"));
        }

        scenario.stimulate(() -> {
                    unmappedAlerts.pass();
                })
                .andWaitForEventOfType(AlertRaised.class)
                .matching(raised -> raised.merchant().equals(merchant))
                .toArriveAndVerify(raised -> {
                    assertThat(raised.type()).isEqualTo(AlertType.INVENTORY_UNMAPPED_AGING);
                    assertThat(raised.subject()).isEqualTo("sku GHOST-1");
                    assertThat(raised.details()).containsEntry("waitingEvents", "2");
                });
        scenario.stimulate(() -> {})
                .andWaitForStateChange(() -> alerts(merchant), items -> !items.isEmpty())
                .andVerify(items -> assertThat(items)
                        .singleElement()
                        .satisfies(alert -> assertThat(alert.state()).isEqualTo("open")));
        // Told once, however many passes run while the events wait.
        assertThat(unmappedAlerts.pass()).isZero();

        // The merchant creates the SKU: the waiting orders are applied and the alert resolves.
        count(merchant, "GHOST-1", 10, "c-1");
        scenario.stimulate(() -> {
                    unmappedAlerts.pass();
                })
                .andWaitForStateChange(
                        () -> alerts(merchant),
                        items -> items.size() == 1 && items.getFirst().state().equals("resolved"))
                .andVerify(items -> assertThat(items.getFirst().count()).isEqualTo(1));
        assertThat(unmappedAlerts.pass()).isZero();
    }

    private List<AlertBook.AlertView> alerts(MerchantId merchant) {
        return book.page(merchant, AlertBook.Filter.none(), 0, 10).items();
    }

    private void count(MerchantId merchant, String sku, int physical, String eventId) {
        ledger.createOrApply(
                merchant,
                sku,
                StockChange.set(StockChange.ItemRef.sku(sku), physical, StockSource.API, eventId, "count", "test"));
    }

    private void push(MerchantId merchant, String sku, PushOutcome outcome) {
        ChannelOutbox.Lease lease = outbox.claim(Channel.SHOPIFY, merchant, 10);
        long changeSeq = jdbc.sql("""
                        select change_seq from inventory_channels
                        where merchant_id = :merchant and channel = 'shopify' and sku = :sku""")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query(Long.class)
                .single();
        outbox.release(lease, sku, changeSeq, outcome, Instant.now());
    }
}
