package dev.mercator.inventory.shopify;

import dev.mercator.inventory.InventoryLedger;
import dev.mercator.inventory.InventorySettings;
import dev.mercator.inventory.StockChange;
import dev.mercator.inventory.StockLevels;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciles Shopify inventory-level reports once their settle window has passed. Per item only the newest due report
 * counts (older ones are superseded). It is ignored when it echoes a quantity Mercator wrote itself (each write is
 * consumed by one echo, so a later genuine edit to another value still counts) or when it already agrees with
 * physical − buffer; otherwise it is a manual edit in Shopify admin and sets physical to {@code available + buffer}.
 */
@Component
public class ShopifyLevelReports {

    /** How long after Mercator's own write its echo is still expected. */
    static final Duration ECHO_WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final InventoryLedger ledger;
    private final StockLevels levels;
    private final TransactionTemplate transactions;
    private final InventorySettings settings;
    private final Clock clock;

    ShopifyLevelReports(
            JdbcClient jdbc,
            InventoryLedger ledger,
            StockLevels levels,
            TransactionTemplate transactions,
            InventorySettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.levels = levels;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    private record Report(
            UUID id, MerchantId merchant, String item, int available, String eventId, Instant receivedAt) {}

    /** Processes every report due now; returns how many were processed. */
    public int processDue() {
        Instant now = clock.instant();
        List<Report> due = jdbc.sql("""
                        select id, merchant_id, inventory_item_id, available, event_id, received_at
                        from inventory_level_reports
                        where processed_at is null and due_at <= :now
                        order by coalesce(reported_at, received_at), received_at, id
                        limit 500""")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Report(
                        rs.getObject("id", UUID.class),
                        new MerchantId(rs.getObject("merchant_id", UUID.class)),
                        rs.getString("inventory_item_id"),
                        rs.getInt("available"),
                        rs.getString("event_id"),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
        int processed = 0;
        for (Report report : due) {
            Boolean done = transactions.execute(status -> reconcile(report, now));
            if (Boolean.TRUE.equals(done)) {
                processed++;
            }
        }
        return processed;
    }

    private boolean reconcile(Report report, Instant now) {
        // Claim the report; another instance may have taken it.
        int claimed = jdbc.sql("""
                        update inventory_level_reports set processed_at = :now, outcome = 'processing'
                        where id = :id and processed_at is null""")
                .param("now", Timestamp.from(now))
                .param("id", report.id())
                .update();
        if (claimed == 0) {
            return false;
        }
        boolean newerDue = jdbc.sql("""
                        select count(*) from inventory_level_reports
                        where merchant_id = :merchant and inventory_item_id = :item and processed_at is null
                          and due_at <= :now""")
                        .param("merchant", report.merchant().value())
                        .param("item", report.item())
                        .param("now", Timestamp.from(now))
                        .query(Integer.class)
                        .single()
                > 0;
        String outcome = newerDue ? "superseded" : judge(report, now);
        jdbc.sql("update inventory_level_reports set outcome = :outcome where id = :id")
                .param("outcome", outcome)
                .param("id", report.id())
                .update();
        return true;
    }

    /**
     * Whether Shopify order activity on this SKU (orders, cancellations, refunds: not earlier manual edits) was applied
     * within the settle window around the report's arrival. Such a report is explained by that activity, whose webhooks
     * Mercator has applied exactly once; only a report with no activity around it can reveal an edit in Shopify admin,
     * and an edit made during order traffic shows in the first report after the traffic calms down.
     */
    private boolean orderActivityAround(Report report, String sku) {
        return jdbc.sql("""
                                select count(*) from inventory_ledger
                                where merchant_id = :merchant and sku = :sku and source = 'shopify'
                                  and source_event_id not like 'shopify:level:%'
                                  and created_at >= :from and created_at <= :to""")
                        .param("merchant", report.merchant().value())
                        .param("sku", sku)
                        .param("from", Timestamp.from(report.receivedAt().minus(settings.manualEditSettle())))
                        .param("to", Timestamp.from(report.receivedAt().plus(settings.manualEditSettle())))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private String judge(Report report, Instant now) {
        int echoes = jdbc.sql("""
                        update inventory_shopify_writes set consumed_at = :now
                        where merchant_id = :merchant and inventory_item_id = :item and quantity = :available
                          and consumed_at is null and written_at >= :since""")
                .param("now", Timestamp.from(now))
                .param("merchant", report.merchant().value())
                .param("item", report.item())
                .param("available", report.available())
                .param("since", Timestamp.from(now.minus(ECHO_WINDOW)))
                .update();
        if (echoes > 0) {
            return "echo";
        }
        Optional<String> sku = jdbc.sql("""
                        select sku from inventory_mappings where merchant_id = :merchant and shopify_inventory_item_id = :item""")
                .param("merchant", report.merchant().value())
                .param("item", report.item())
                .query((rs, n) -> rs.getString(1))
                .optional();
        Optional<StockLevels.SkuView> view = sku.flatMap(s -> levels.find(report.merchant(), s));
        int buffer = view.map(v -> v.channels().get("shopify"))
                .map(StockLevels.ChannelView::buffer)
                .orElse(0);
        if (view.isPresent()
                && view.get().channels().get("shopify") != null
                && view.get().channels().get("shopify").broadcast() == report.available()) {
            return "consistent";
        }
        if (sku.isPresent() && orderActivityAround(report, sku.get())) {
            // Shopify's level moved because of orders, refunds or cancellations whose webhooks arrive around the
            // report, in either order; comparing with physical now would undo those that were applied after it.
            return "explained-by-orders";
        }
        InventoryLedger.Result result = ledger.apply(
                report.merchant(),
                StockChange.set(
                        StockChange.ItemRef.shopifyItem(report.item()),
                        report.available() + buffer,
                        ShopifyEvents.SOURCE,
                        "shopify:level:" + report.eventId(),
                        "edited in Shopify admin",
                        "shopify"));
        return result.outcome() == InventoryLedger.Outcome.UNMAPPED ? "unmapped" : "manual-edit";
    }
}
