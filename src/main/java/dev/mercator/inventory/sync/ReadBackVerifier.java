package dev.mercator.inventory.sync;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelGateway;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Verify-after-write: a channel that only accepted a write (Amazon's ACCEPTED) is read back after {@code verifyDelay}.
 * Separate from the push pass ({@link BroadcastScheduler}) because it changes for other reasons (what counts as
 * agreement, how often to insist) and runs on a thread of its own ({@link VerifyWorker}).
 */
@Component
class ReadBackVerifier {

    private final JdbcClient jdbc;
    private final ChannelOutbox outbox;
    private final InventorySettings settings;
    private final Clock clock;
    private final Map<Channel, ChannelGateway> gateways = new HashMap<>();

    ReadBackVerifier(
            JdbcClient jdbc,
            ChannelOutbox outbox,
            InventorySettings settings,
            Clock clock,
            List<ChannelGateway> gateways) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        gateways.forEach(gateway -> this.gateways.put(gateway.channel(), gateway));
    }

    List<Channel> channels() {
        return List.copyOf(gateways.keySet());
    }

    /**
     * Reads back accepted writes whose verify time has come. Agreement → in sync. Disagreement → pushed again, and
     * after {@code verifyAttempts} disagreements in a row the SKU shows an error ("ACCEPTED" that never applied).
     */
    int verifyPass(Channel channel) {
        ChannelGateway gateway = gateways.get(channel);
        if (gateway == null) {
            return 0;
        }
        Instant now = clock.instant();
        // A bounded batch, and no push lease: reading back must never hold up a push of the same SKU. A row is reserved
        // for this pass by moving its due time forward, and the verdict only lands if nothing changed the row
        // meanwhile.
        List<Due> due = jdbc.sql("""
                        select c.merchant_id, c.sku, c.last_broadcast, c.change_seq, c.verify_attempts,
                               m.asin, m.amazon_seller_sku, m.shopify_inventory_item_id, m.shopify_location_id
                        from inventory_channels c
                        left join inventory_mappings m on m.merchant_id = c.merchant_id and m.sku = c.sku
                        where c.channel = :channel and c.verify_due_at <= :now
                          and (c.lease_until is null or c.lease_until < :now)
                        order by c.verify_due_at
                        limit :limit""")
                .param("channel", channel.id())
                .param("now", Timestamp.from(now))
                .param("limit", settings.pushBatchSize())
                .query((rs, n) -> new Due(
                        OutboxRows.merchant(rs),
                        rs.getString("sku"),
                        OutboxRows.lastBroadcast(rs),
                        rs.getLong("change_seq"),
                        rs.getInt("verify_attempts"),
                        OutboxRows.target(rs)))
                .list();
        int checked = 0;
        for (Due row : due) {
            ChannelOutbox.Seen seen = new ChannelOutbox.Seen(row.merchant(), channel, row.sku(), row.changeSeq());
            if (!outbox.reserveReadBack(seen, clock.instant().plus(settings.lease()), now)) {
                continue;
            }
            judge(seen, row, gateway.readBack(row.merchant(), row.target()));
            checked++;
        }
        return checked;
    }

    private void judge(ChannelOutbox.Seen seen, Due row, ReadBack read) {
        Integer expected = row.lastBroadcast();
        Instant after = clock.instant();
        int attempts = row.verifyAttempts() + 1;
        boolean lastAttempt = attempts >= settings.verifyAttempts();
        switch (read) {
            case ReadBack.Unreadable unreadable -> outbox.readBackLater(seen, after.plus(settings.verifyDelay()));
            case ReadBack.NotListed notListed -> {
                if (lastAttempt) {
                    outbox.readBackFailed(seen, attempts, notListed.reason() + " after " + attempts + " read-backs");
                } else {
                    outbox.readBackNotListed(seen, attempts, after.plus(settings.verifyDelay()));
                }
            }
            case ReadBack.Shown shown
            when expected == null -> outbox.readBackLater(seen, after.plus(settings.verifyDelay()));
            case ReadBack.Shown shown when shown.quantity() == expected -> outbox.readBackAgreed(seen);
            case ReadBack.Shown shown -> {
                if (lastAttempt) {
                    outbox.readBackFailed(
                            seen,
                            attempts,
                            seen.channel().id() + " shows " + shown.quantity() + ", expected " + expected + " after "
                                    + attempts + " read-backs");
                } else {
                    outbox.readBackDisagreed(
                            seen,
                            attempts,
                            shown.quantity(),
                            after,
                            "read-back showed " + shown.quantity() + ", expected " + expected);
                }
            }
        }
    }

    private record Due(
            MerchantId merchant,
            String sku,
            @Nullable Integer lastBroadcast,
            long changeSeq,
            int verifyAttempts,
            PushTarget target) {}
}
