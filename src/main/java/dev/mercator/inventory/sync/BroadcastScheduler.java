package dev.mercator.inventory.sync;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelGateway;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.RaiseGate;
import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.platform.MerchantId;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox: every dirty (SKU, channel) is pushed its latest broadcast. Rows are claimed with a lease (a
 * conditional update, so of several instances exactly one wins each row and nobody pushes the same SKU twice at once);
 * a SKU at zero or low stock goes first; a merchant's backlog above the bulk threshold goes as one batch to a channel
 * with a bulk path. A push clears the dirty flag only if no change arrived while it was in flight, so nothing
 * between two pushes is lost and ten changes cost one call.
 */
@Component
class BroadcastScheduler {

    private static final Logger log = LoggerFactory.getLogger(BroadcastScheduler.class);
    private static final int MAX_BATCH = 25_000;
    /** When a held raise is looked at again: soon, since a check usually settles it within a second or two. */
    private static final Duration RAISE_HOLD_RETRY = Duration.ofMillis(500);

    private final JdbcClient jdbc;
    private final ChannelOutbox outbox;
    private final TransactionTemplate transactions;
    private final InventorySettings settings;
    private final Clock clock;
    private final Map<Channel, ChannelGateway> gateways = new HashMap<>();
    private final List<RaiseGate> raiseGates;
    /** Renews the leases of pushes in flight: one thread, since a renewal is one short statement. */
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("push-lease-renewal").daemon().factory());

    BroadcastScheduler(
            JdbcClient jdbc,
            ChannelOutbox outbox,
            TransactionTemplate transactions,
            InventorySettings settings,
            Clock clock,
            List<ChannelGateway> gateways,
            List<RaiseGate> raiseGates) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.raiseGates = List.copyOf(raiseGates);
        gateways.forEach(gateway -> this.gateways.put(gateway.channel(), gateway));
    }

    private record Claimed(
            MerchantId merchant,
            String sku,
            int quantity,
            @Nullable Integer lastBroadcast,
            long changeSeq,
            Instant changedAt,
            PushTarget target) {}

    /** One pass over a channel: claims and pushes a batch for every merchant with due work. Returns SKUs pushed. */
    int pushPass(Channel channel) {
        ChannelGateway gateway = gateways.get(channel);
        if (gateway == null) {
            return 0;
        }
        Instant now = clock.instant();
        List<ChannelOutbox.Backlog> backlogs = outbox.backlogs(channel, now);
        int pushed = 0;
        for (ChannelOutbox.Backlog backlog : backlogs) {
            int limit = gateway.hasBulkPath() && backlog.size() > settings.bulkThreshold()
                    ? (int) Math.min(backlog.size(), MAX_BATCH)
                    : settings.pushBatchSize();
            pushed += pushBatch(gateway, backlog.merchant(), limit);
        }
        return pushed;
    }

    private int pushBatch(ChannelGateway gateway, MerchantId merchant, int limit) {
        Channel channel = gateway.channel();
        ChannelOutbox.Lease lease = outbox.claim(channel, merchant, limit);
        List<Claimed> claimed = claimedRows(lease.token());
        if (claimed.isEmpty()) {
            return 0;
        }
        Set<String> held = heldRaises(merchant, claimed);
        Map<String, PushOutcome> bySku = new HashMap<>();
        List<PushRequest> requests = new ArrayList<>();
        for (Claimed c : claimed) {
            if (held.contains(c.sku())) {
                // A sale on this SKU may not be accounted for yet: its offer rises once that is settled.
                bySku.put(c.sku(), new PushOutcome.Throttled(c.sku(), RAISE_HOLD_RETRY));
            } else {
                requests.add(new PushRequest(
                        c.target(),
                        c.quantity(),
                        c.lastBroadcast(),
                        merchant + ":" + channel.id() + ":" + c.sku() + ":" + c.changeSeq()));
            }
        }
        List<PushOutcome> outcomes;
        long every = Math.max(1, settings.lease().toMillis() / 3);
        ScheduledFuture<?> renewal =
                renewals.scheduleAtFixedRate(() -> renew(lease), every, every, TimeUnit.MILLISECONDS);
        try {
            outcomes = requests.isEmpty() ? List.of() : gateway.push(merchant, requests);
        } catch (RuntimeException unexpected) {
            // A gateway must classify failures itself; if one escapes, the batch is retried like a transient error.
            log.error("Push to {} failed unexpectedly for merchant {}", channel.id(), merchant, unexpected);
            outcomes = requests.stream()
                    .<PushOutcome>map(r -> new PushOutcome.Transient(r.target().sku(), "unexpected error"))
                    .toList();
        } finally {
            renewal.cancel(false);
        }
        outcomes.forEach(outcome -> bySku.put(outcome.sku(), outcome));
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            for (Claimed row : claimed) {
                PushOutcome outcome = bySku.getOrDefault(
                        row.sku(), new PushOutcome.Transient(row.sku(), "the channel gave no answer for this SKU"));
                outbox.release(lease, row.sku(), row.changeSeq(), outcome, now);
            }
        });
        return claimed.size();
    }

    private void renew(ChannelOutbox.Lease lease) {
        try {
            outbox.renew(lease, clock.instant());
        } catch (RuntimeException failed) {
            // The lease then lapses at its time and another instance may push the same change again, with the same
            // idempotency key: a repeat, never a loss.
            log.warn(
                    "Could not renew the push lease for merchant {} on {}",
                    lease.merchant(),
                    lease.channel().id(),
                    failed);
        }
    }

    @PreDestroy
    void stopRenewals() {
        renewals.shutdownNow();
    }

    /** The claimed rows that would raise the channel's offer while a gate holds the SKU's raises. */
    private Set<String> heldRaises(MerchantId merchant, List<Claimed> claimed) {
        Map<String, Instant> raises = new HashMap<>();
        claimed.stream()
                .filter(c -> c.lastBroadcast() == null || c.quantity() > c.lastBroadcast())
                .forEach(c -> raises.put(c.sku(), c.changedAt()));
        if (raises.isEmpty() || raiseGates.isEmpty()) {
            return Set.of();
        }
        Set<String> held = new HashSet<>();
        raiseGates.forEach(gate -> held.addAll(gate.held(merchant, raises)));
        return held;
    }

    private List<Claimed> claimedRows(String token) {
        return jdbc.sql("""
                        select c.merchant_id, c.sku, c.buffer, c.last_broadcast, c.change_seq, c.dirty_since,
                               s.physical, s.updated_at, m.asin,
                               m.amazon_seller_sku, m.shopify_inventory_item_id, m.shopify_location_id,
                               least(0, coalesce(l.gap, 0)) as shortfall
                        from inventory_channels c
                        join inventory_skus s on s.merchant_id = c.merchant_id and s.sku = c.sku
                        left join inventory_mappings m on m.merchant_id = c.merchant_id and m.sku = c.sku
                        left join inventory_shopify_levels l on l.merchant_id = c.merchant_id
                          and l.inventory_item_id = m.shopify_inventory_item_id
                        where c.lease_owner = :token
                        order by c.push_priority, c.dirty_since, c.sku""")
                .param("token", token)
                .query((rs, n) -> new Claimed(
                        OutboxRows.merchant(rs),
                        rs.getString("sku"),
                        // What Shopify shows below what Mercator can explain is not there to sell (ADR 10).
                        Math.max(0, rs.getInt("physical") - rs.getInt("buffer") + rs.getInt("shortfall")),
                        OutboxRows.lastBroadcast(rs),
                        rs.getLong("change_seq"),
                        changedAt(rs.getTimestamp("updated_at"), rs.getTimestamp("dirty_since")),
                        OutboxRows.target(rs)))
                .list();
    }

    /** When the reason for the row's push arose: the SKU's last change, or the row's becoming due, the later. */
    private static Instant changedAt(Timestamp skuUpdated, @Nullable Timestamp dirtySince) {
        Instant updated = skuUpdated.toInstant();
        return dirtySince == null || dirtySince.toInstant().isBefore(updated) ? updated : dirtySince.toInstant();
    }
}
