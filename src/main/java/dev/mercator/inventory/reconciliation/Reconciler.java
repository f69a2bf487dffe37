package dev.mercator.inventory.reconciliation;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.ChannelGateway;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.inventory.channel.ReadBacks;
import dev.mercator.inventory.sync.ChannelOutbox;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One reconciliation run of one merchant (ADR 24): every mapped (SKU, channel) of every connected channel, in batches
 * of {@code batch-size} SKUs, read through the channel's port ({@link ChannelGateway#readBacks}: the same adapters,
 * limits and cost buckets as the pushes), and judged against what the channel last confirmed.
 *
 * <ul>
 *   <li>A row with a change on its way is not read at all (skipped): a push due or leased, a read-back due, an error the
 *       merchant has to fix, or a change to the SKU's count since the channel confirmed its broadcast.
 *   <li>A SKU the adapter is still explaining on its own (a Shopify level whose check is due, ADR 10) is skipped too.
 *   <li>Showing what it confirmed: in step; a drift streak ends and its alerts are resolved.
 *   <li>Showing something else: drift. {@link DriftBook#found} queues the push again through the outbox, if the row is
 *       still as it was read, and records and alerts it.
 * </ul>
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final JdbcClient jdbc;
    private final DriftBook drifts;
    private final ReconciliationRuns runs;
    private final ChannelAccounts accounts;
    private final ReconciliationSettings settings;
    private final Clock clock;
    private final List<ChannelGateway> gateways;

    Reconciler(
            JdbcClient jdbc,
            DriftBook drifts,
            ReconciliationRuns runs,
            ChannelAccounts accounts,
            ReconciliationSettings settings,
            Clock clock,
            List<ChannelGateway> gateways) {
        this.jdbc = jdbc;
        this.drifts = drifts;
        this.runs = runs;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
        this.gateways = List.copyOf(gateways);
    }

    /** A mapped (SKU, channel) as the run finds it; {@code settled}: nothing is on its way to it. */
    private record Row(
            String sku, long changeSeq, @Nullable Integer lastBroadcast, boolean settled, PushTarget target) {}

    /**
     * Runs the merchant's reconciliation, storing its tally after every batch. Stops early if interrupted, or with a
     * {@link CancellationException} if the run no longer holds its merchant.
     */
    void reconcile(ReconciliationRuns.Run run, Tally tally) throws InterruptedException {
        Set<String> connected = accounts.configured(run.merchant()).stream()
                .map(ChannelAccounts.ConfiguredChannel::channel)
                .collect(Collectors.toSet());
        for (ChannelGateway gateway : gateways) {
            if (!connected.contains(gateway.channel().id())) {
                continue;
            }
            String after = "";
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("reconciliation stopped before it finished");
                }
                List<Row> rows = rows(run.merchant(), gateway.channel(), after);
                if (rows.isEmpty()) {
                    break;
                }
                batch(run, gateway, rows, tally);
                if (!runs.progress(run, tally)) {
                    throw new CancellationException("run " + run.id() + " lost its merchant (its lease lapsed)");
                }
                after = rows.getLast().sku();
            }
        }
    }

    private void batch(ReconciliationRuns.Run run, ChannelGateway gateway, List<Row> rows, Tally tally) {
        MerchantId merchant = run.merchant();
        Channel channel = gateway.channel();
        List<Row> settled = rows.stream().filter(Row::settled).toList();
        tally.skipped += rows.size() - settled.size();
        if (settled.isEmpty()) {
            return;
        }
        Instant readAt = clock.instant();
        ReadBacks read;
        try {
            read = gateway.readBacks(merchant, settled.stream().map(Row::target).toList());
        } catch (RuntimeException unexpected) {
            // A port must not throw for a vendor failure; if one escapes, the batch counts as unreadable.
            log.warn("Reconciliation read of {} failed for merchant {}", channel.id(), merchant, unexpected);
            tally.errors += settled.size();
            return;
        }
        tally.apiCalls += read.calls();
        List<String> skus = settled.stream().map(Row::sku).toList();
        Map<String, DriftBook.Streak> streaks = drifts.streaks(merchant, channel, skus);
        Map<String, DriftBook.Suspect> suspects = drifts.suspects(merchant, channel, skus);
        for (Row row : settled) {
            if (read.unsettled().contains(row.sku())) {
                tally.skipped++;
                continue;
            }
            Integer expected = row.lastBroadcast();
            DriftBook.Streak streak = streaks.getOrDefault(row.sku(), new DriftBook.Streak(0, false, false));
            ReadBack shown = read.shown().get(row.sku());
            if (!(shown instanceof ReadBack.Shown(int quantity)) || expected == null) {
                tally.errors++;
                continue;
            }
            tally.checked++;
            DriftBook.Suspect suspect = suspects.get(row.sku());
            if (quantity == expected) {
                if (streak.runsInARow() > 0 || streak.infoOpen() || streak.warningOpen() || suspect != null) {
                    drifts.inStep(merchant, row.sku(), channel, streak);
                }
                continue;
            }
            ChannelOutbox.Seen seen = new ChannelOutbox.Seen(merchant, channel, row.sku(), row.changeSeq());
            if (quantity < expected && mayBeAnOrder(read.ordersAppliedThrough(), suspect, row, quantity)) {
                // The channel may have lowered itself for an order Mercator has not polled yet: pushing the confirmed
                // quantity back could offer a sold unit. A later run judges it once the orders are applied past the
                // first read that saw it (kept while the row and what it shows stay the same).
                if (suspect == null || suspect.changeSeq() != row.changeSeq() || suspect.shown() != quantity) {
                    drifts.suspect(seen, quantity, readAt);
                }
                tally.checked--;
                tally.skipped++;
                continue;
            }
            if (drifts.found(run, seen, expected, quantity, streak)) {
                tally.drifted++;
                tally.repaired++;
                log.info(
                        "Drift: {} showed {} of {} for merchant {} where it confirmed {}; pushing again",
                        channel.id(),
                        quantity,
                        row.sku(),
                        merchant,
                        expected);
            } else {
                // A change reached the row while the channel was read: it explains the difference.
                tally.checked--;
                tally.skipped++;
            }
        }
    }

    /**
     * Whether a lower quantity may be an order the channel took that has not reached Mercator: yes unless a run saw the
     * same row (same change) showing the same before, and the channel's orders have been applied past that read since.
     */
    private static boolean mayBeAnOrder(
            @Nullable Instant ordersAppliedThrough, DriftBook.@Nullable Suspect suspect, Row row, int quantity) {
        if (ordersAppliedThrough == null) {
            return false;
        }
        return suspect == null
                || suspect.changeSeq() != row.changeSeq()
                || suspect.shown() != quantity
                || ordersAppliedThrough.isBefore(suspect.seenAt());
    }

    /** The next batch of the merchant's (SKU, channel) rows after {@code after}, in SKU order, with their mapping. */
    private List<Row> rows(MerchantId merchant, Channel channel, String after) {
        return jdbc.sql("""
                        select c.sku, c.change_seq, c.last_broadcast, m.asin, m.amazon_seller_sku,
                               m.shopify_inventory_item_id, m.shopify_location_id,
                               case when c.dirty = false and c.sync_state = 'in_sync' and c.verify_due_at is null
                                     and (c.lease_until is null or c.lease_until < :now)
                                     and c.last_broadcast is not null and c.last_synced_at is not null
                                     and s.updated_at <= c.last_synced_at
                                    then 1 else 0 end as settled
                        from inventory_channels c
                        join inventory_skus s on s.merchant_id = c.merchant_id and s.sku = c.sku
                        left join inventory_mappings m on m.merchant_id = c.merchant_id and m.sku = c.sku
                        where c.merchant_id = :merchant and c.channel = :channel and c.sku > :after
                        order by c.sku
                        limit :limit""")
                .param("now", Timestamp.from(clock.instant()))
                .param("merchant", merchant.value())
                .param("channel", channel.id())
                .param("after", after)
                .param("limit", settings.batchSize())
                .query((rs, n) -> {
                    int last = rs.getInt("last_broadcast");
                    Integer lastBroadcast = rs.wasNull() ? null : last;
                    return new Row(
                            rs.getString("sku"),
                            rs.getLong("change_seq"),
                            lastBroadcast,
                            rs.getInt("settled") == 1,
                            new PushTarget(
                                    rs.getString("sku"),
                                    rs.getString("asin"),
                                    rs.getString("amazon_seller_sku"),
                                    rs.getString("shopify_inventory_item_id"),
                                    rs.getString("shopify_location_id")));
                })
                .list();
    }
}
