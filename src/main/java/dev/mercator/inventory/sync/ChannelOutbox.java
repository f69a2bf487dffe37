package dev.mercator.inventory.sync;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.retry.Backoff;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sync outbox: one row per (SKU, channel) saying what the channel should be offered and where its push stands
 * (dirty, change sequence, lease, attempts, verification, {@link SyncState}). Every write to those columns is one of
 * the named transitions here, so the rule the outbox rests on lives in one place: every change that dirties a row bumps
 * {@code change_seq}, and a push or read-back lands its verdict only if {@code change_seq} did not move meanwhile, so a
 * change that arrives while a push is in flight is never cleared by that push.
 */
@Component
public class ChannelOutbox {

    private static final int MAX_REASON = 500;

    /**
     * The part of a SKU's Shopify level that Mercator cannot explain and that is below what it expects (0 when none):
     * an order whose webhook is on its way, or an edit taking units away. Either way those units are not there to
     * sell, so every channel is offered that many fewer at once: Amazon, and Shopify itself when physical moves for
     * another reason (an Amazon sale lowering Shopify must not write the missing units back). The gap closes when the
     * order arrives (physical falls by as much) or the edit is accepted (the same). ADR 10.
     *
     * <p>Two primary-key lookups (the SKU's mapping, then its item's level), so the plan does not depend on the
     * database's statistics: written as a join, PostgreSQL without statistics walked every level of the merchant and
     * every mapping for each, 1.2 s per call at 1,000 SKUs (docs/benchmarks.md, sync).
     */
    static final String UNEXPLAINED_SHORTFALL = """
            coalesce((select least(0, l.gap) from inventory_shopify_levels l
                      where l.merchant_id = inventory_channels.merchant_id
                        and l.inventory_item_id = (select m.shopify_inventory_item_id from inventory_mappings m
                                                   where m.merchant_id = inventory_channels.merchant_id
                                                     and m.sku = inventory_channels.sku)), 0)""";

    private static final String MARK_DIRTY = """
            update inventory_channels
            set dirty = true,
                change_seq = change_seq + 1,
                dirty_since = coalesce(dirty_since, :now),
                push_priority = case when greatest(0, :physical - buffer) <= :low then 0 else 1 end,
                sync_state = :pending,
                attempts = 0,
                verify_attempts = 0,
                next_attempt_at = null
            where merchant_id = :merchant and sku = :sku
              and (last_broadcast is null or last_broadcast <> greatest(0, :physical - buffer
                   +\s""" + UNEXPLAINED_SHORTFALL + "))";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final InventorySettings settings;
    private final Clock clock;

    ChannelOutbox(JdbcClient jdbc, NamedParameterJdbcTemplate batches, InventorySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.settings = settings;
        this.clock = clock;
    }

    /** A merchant's due rows on a channel. */
    public record Backlog(MerchantId merchant, long size) {}

    /** The rows one push pass holds on one merchant's channel; its token is the lease owner. */
    public record Lease(MerchantId merchant, Channel channel, String token) {}

    /** A row as it was read: a verdict about it lands only if no change touched it since. */
    public record Seen(MerchantId merchant, Channel channel, String sku, long changeSeq) {}

    /** A new SKU gets a row per channel, with nothing to push until its count is set. */
    public void open(MerchantId merchant, String sku) {
        for (Channel channel : Channel.values()) {
            jdbc.sql("""
                            insert into inventory_channels (merchant_id, sku, channel, buffer, sync_state, dirty)
                            values (:merchant, :sku, :channel, 0, :pending, false)""")
                    .param("merchant", merchant.value())
                    .param("sku", sku)
                    .param("channel", channel.id())
                    .param("pending", SyncState.PENDING.id())
                    .update();
        }
    }

    /**
     * Marks for push every channel of the SKU whose broadcast differs from what the channel last confirmed. A SKU at or
     * under the low-stock level gets priority 0, so it overtakes every other dirty SKU: that is the one that oversells.
     * Every channel is offered the unexplained shortfall less ({@link #UNEXPLAINED_SHORTFALL}).
     */
    public void markDirty(MerchantId merchant, String sku, int physical, Instant now) {
        markDirty(merchant, Map.of(sku, physical), now);
    }

    /** {@link #markDirty(MerchantId, String, int, Instant)} for several SKUs, in one batch of statements. */
    public void markDirty(MerchantId merchant, Map<String, Integer> physicalBySku, Instant now) {
        SqlParameterSource[] rows = physicalBySku.entrySet().stream()
                .map(sku -> new MapSqlParameterSource()
                        .addValue("now", Timestamp.from(now))
                        .addValue("physical", sku.getValue())
                        .addValue("low", settings.lowStockLevel())
                        .addValue("pending", SyncState.PENDING.id())
                        .addValue("merchant", merchant.value())
                        .addValue("sku", sku.getKey()))
                .toArray(SqlParameterSource[]::new);
        if (rows.length == 1) {
            jdbc.sql(MARK_DIRTY).paramSource(rows[0]).update();
        } else if (rows.length > 1) {
            batches.batchUpdate(MARK_DIRTY, rows);
        }
    }

    /** Marks the SKU's channels for push again if what they should offer changed without physical changing. */
    public void reconsider(MerchantId merchant, String sku) {
        jdbc.sql("select physical from inventory_skus where merchant_id = :merchant and sku = :sku")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query(Integer.class)
                .optional()
                .ifPresent(physical -> markDirty(merchant, sku, physical, clock.instant()));
    }

    /**
     * Sets the safety stock of the SKU on the given channels and, since that changes the broadcast without changing
     * physical, marks them for push in the same transaction. Returns the number of rows changed (0: no such SKU).
     */
    @Transactional
    public int setBuffer(MerchantId merchant, String sku, List<Channel> channels, int buffer) {
        int changed = jdbc.sql("""
                        update inventory_channels set buffer = :buffer
                        where merchant_id = :merchant and sku = :sku and channel in (:channels)""")
                .param("buffer", buffer)
                .param("merchant", merchant.value())
                .param("sku", sku)
                .param("channels", channels.stream().map(Channel::id).toList())
                .update();
        if (changed > 0) {
            reconsider(merchant, sku);
        }
        return changed;
    }

    /**
     * The SKU's channel identities may be new: every channel of the SKU is pushed again, from a fresh read, and a push
     * that failed for want of a mapping ("not mapped to a Shopify inventory item") is retried instead of staying in its
     * error state.
     */
    public void requeue(MerchantId merchant, String sku) {
        jdbc.sql("""
                        update inventory_channels
                        set dirty = true,
                            change_seq = change_seq + 1,
                            dirty_since = coalesce(dirty_since, :now),
                            sync_state = :pending,
                            error_reason = null,
                            last_broadcast = null,
                            attempts = 0,
                            verify_attempts = 0,
                            verify_due_at = null,
                            next_attempt_at = null
                        where merchant_id = :merchant and sku = :sku""")
                .param("now", Timestamp.from(clock.instant()))
                .param("pending", SyncState.PENDING.id())
                .param("merchant", merchant.value())
                .param("sku", sku)
                .update();
    }

    /** How many of the merchant's SKUs are in the given state on the channel. */
    public long count(MerchantId merchant, Channel channel, SyncState state) {
        return jdbc.sql("""
                        select count(*) from inventory_channels
                        where merchant_id = :merchant and channel = :channel and sync_state = :state""")
                .param("merchant", merchant.value())
                .param("channel", channel.id())
                .param("state", state.id())
                .query(Long.class)
                .single();
    }

    /** Merchants with due, unleased rows on a configured channel, and how many each has. */
    public List<Backlog> backlogs(Channel channel, Instant now) {
        return jdbc.sql("""
                        select c.merchant_id, count(*) as backlog from inventory_channels c
                        join inventory_channel_accounts a on a.merchant_id = c.merchant_id and a.channel = c.channel
                        where c.channel = :channel and c.dirty = true and c.sync_state <> :error
                          and (c.next_attempt_at is null or c.next_attempt_at <= :now)
                          and (c.lease_until is null or c.lease_until < :now)
                        group by c.merchant_id""")
                .param("channel", channel.id())
                .param("error", SyncState.ERROR.id())
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Backlog(new MerchantId(rs.getObject(1, UUID.class)), rs.getLong(2)))
                .list();
    }

    /**
     * Leases up to {@code limit} of the merchant's due rows on the channel, most urgent first. A conditional update, so
     * of several instances exactly one wins each row and nobody pushes the same SKU twice at once.
     */
    public Lease claim(Channel channel, MerchantId merchant, int limit) {
        Lease lease = new Lease(merchant, channel, UUID.randomUUID().toString());
        Instant now = clock.instant();
        jdbc.sql("""
                        update inventory_channels set lease_owner = :token, lease_until = :until
                        where merchant_id = :merchant and channel = :channel
                          and (lease_until is null or lease_until < :now)
                          and dirty = true and sync_state <> :error
                          and (next_attempt_at is null or next_attempt_at <= :now)
                          and sku in (
                            select sku from inventory_channels
                            where merchant_id = :merchant and channel = :channel
                              and (lease_until is null or lease_until < :now)
                              and dirty = true and sync_state <> :error
                              and (next_attempt_at is null or next_attempt_at <= :now)
                            order by push_priority, dirty_since, sku
                            limit :limit)""")
                .param("token", lease.token())
                .param("until", Timestamp.from(now.plus(settings.lease())))
                .param("merchant", merchant.value())
                .param("channel", channel.id())
                .param("error", SyncState.ERROR.id())
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .update();
        return lease;
    }

    /**
     * Extends the lease on every row {@code lease} still holds while their push is in flight, so a lease can be short:
     * a crashed instance's claims lapse within one lease, not after the longest push anyone might make.
     */
    public int renew(Lease lease, Instant now) {
        return jdbc.sql("""
                        update inventory_channels set lease_until = :until
                        where merchant_id = :merchant and channel = :channel and lease_owner = :token""")
                .param("until", Timestamp.from(now.plus(settings.lease())))
                .param("merchant", lease.merchant().value())
                .param("channel", lease.channel().id())
                .param("token", lease.token())
                .update();
    }

    /**
     * Releases a leased row with the channel's answer to its push. {@code changeSeq} is the row's sequence when it was
     * claimed: the row stays dirty if a change arrived while the push was in flight.
     */
    public void release(Lease lease, String sku, long changeSeq, PushOutcome outcome, Instant now) {
        switch (outcome) {
            case PushOutcome.Applied applied -> confirm(lease, sku, changeSeq, applied.quantity(), null, now);
            case PushOutcome.Accepted accepted ->
                confirm(lease, sku, changeSeq, accepted.quantity(), now.plus(settings.verifyDelay()), now);
            case PushOutcome.Stale stale -> release(lease, sku, """
                        last_broadcast = :quantity, next_attempt_at = null,
                        error_reason = 'the channel''s quantity changed meanwhile; pushing again'""", Map.of("quantity", stale.channelQuantity()));
            case PushOutcome.Throttled throttled ->
                release(
                        lease,
                        sku,
                        "next_attempt_at = :next",
                        Map.of("next", Timestamp.from(now.plus(throttled.retryAfter()))));
            case PushOutcome.Transient failure -> {
                int attempts = currentAttempts(lease, sku) + 1;
                release(
                        lease,
                        sku,
                        """
                        attempts = :attempts, next_attempt_at = :next, error_reason = :reason""",
                        Map.of(
                                "attempts", attempts,
                                "next", Timestamp.from(now.plus(backoff(attempts))),
                                "reason", truncate("retrying: " + failure.reason())));
            }
            case PushOutcome.Rejected rejected ->
                release(
                        lease,
                        sku,
                        // A change that arrived while the push was in flight (a new count, or the mapping the
                        // channel was missing) is pushed again rather than buried under the old rejection.
                        """
                        sync_state = case when change_seq = :seq then :error else sync_state end,
                        error_reason = case when change_seq = :seq then :reason else error_reason end""",
                        Map.of("reason", truncate(rejected.reason()), "seq", changeSeq, "error", SyncState.ERROR.id()));
        }
    }

    /**
     * The channel has (or will have) {@code quantity}. The row stays dirty only if another change arrived while the
     * push was in flight. An accepted write stays pending until its read-back agrees.
     */
    private void confirm(
            Lease lease, String sku, long changeSeq, int quantity, @Nullable Instant verifyDue, Instant now) {
        jdbc.sql("""
                        update inventory_channels set
                            last_broadcast = :quantity, last_synced_at = :now, attempts = 0, error_reason = null,
                            next_attempt_at = null, lease_owner = null, lease_until = null, verify_due_at = :verifyDue,
                            dirty = case when change_seq = :seq then false else true end,
                            dirty_since = case when change_seq = :seq then null else dirty_since end,
                            sync_state = case when change_seq <> :seq or :verifying then :pending else :inSync end
                        where merchant_id = :merchant and channel = :channel and sku = :sku and lease_owner = :token""")
                .param("quantity", quantity)
                .param("now", Timestamp.from(now))
                .param("verifyDue", verifyDue == null ? null : Timestamp.from(verifyDue))
                .param("seq", changeSeq)
                .param("verifying", verifyDue != null)
                .param("pending", SyncState.PENDING.id())
                .param("inSync", SyncState.IN_SYNC.id())
                .param("merchant", lease.merchant().value())
                .param("channel", lease.channel().id())
                .param("sku", sku)
                .param("token", lease.token())
                .update();
    }

    private void release(Lease lease, String sku, String assignments, Map<String, ?> params) {
        var statement = jdbc.sql(
                        "update inventory_channels set lease_owner = null, lease_until = null, " + assignments
                                + " where merchant_id = :merchant and channel = :channel and sku = :sku and lease_owner = :token")
                .param("merchant", lease.merchant().value())
                .param("channel", lease.channel().id())
                .param("sku", sku)
                .param("token", lease.token());
        params.forEach(statement::param);
        statement.update();
    }

    private int currentAttempts(Lease lease, String sku) {
        return jdbc.sql("select attempts from inventory_channels where merchant_id = :m and channel = :c and sku = :s")
                .param("m", lease.merchant().value())
                .param("c", lease.channel().id())
                .param("s", sku)
                .query(Integer.class)
                .single();
    }

    /** Exponential backoff with full jitter: a random delay up to base × 2^(attempts−1), capped. */
    Duration backoff(int attempts) {
        return new Backoff(settings.retryBase(), settings.retryMax()).delay(attempts);
    }

    /**
     * Reserves a row for one read-back by moving its verify time to {@code until}, if it is still due and unchanged.
     * No push lease: reading back must never hold up a push of the same SKU.
     */
    public boolean reserveReadBack(Seen row, Instant until, Instant now) {
        return jdbc.sql("""
                                update inventory_channels set verify_due_at = :reserved
                                where merchant_id = :merchant and channel = :channel and sku = :sku
                                  and verify_due_at <= :now and change_seq = :seq""")
                        .param("reserved", Timestamp.from(until))
                        .param("merchant", row.merchant().value())
                        .param("channel", row.channel().id())
                        .param("sku", row.sku())
                        .param("now", Timestamp.from(now))
                        .param("seq", row.changeSeq())
                        .update()
                > 0;
    }

    /** The channel could not say what it shows: read back again at {@code next}. */
    public void readBackLater(Seen row, Instant next) {
        verdict(row, "verify_due_at = :next", Map.of("next", Timestamp.from(next)));
    }

    /** The channel does not list the item: counted, and looked at again later (a listing may be on its way). */
    public void readBackNotListed(Seen row, int attempts, Instant next) {
        verdict(
                row,
                "verify_due_at = :next, verify_attempts = :attempts",
                Map.of("next", Timestamp.from(next), "attempts", attempts));
    }

    /** The channel shows what was pushed: in sync, unless a push is due anyway. */
    public void readBackAgreed(Seen row) {
        verdict(row, """
                verify_due_at = null, verify_attempts = 0,
                sync_state = case when dirty then sync_state else :inSync end""", Map.of("inSync", SyncState.IN_SYNC.id()));
    }

    /** The channel disagreed once more than allowed: the SKU shows an error ("ACCEPTED" that never applied). */
    public void readBackFailed(Seen row, int attempts, String reason) {
        verdict(row, """
                verify_due_at = null, verify_attempts = :attempts, sync_state = :error,
                error_reason = :reason""", Map.of("attempts", attempts, "error", SyncState.ERROR.id(), "reason", truncate(reason)));
    }

    /** The channel shows {@code shown}: forget what we believed it had, so the push sends the value again. */
    public void readBackDisagreed(Seen row, int attempts, int shown, Instant now, String reason) {
        verdict(
                row,
                """
                verify_due_at = null, verify_attempts = :attempts, last_broadcast = :shown, dirty = true,
                dirty_since = coalesce(dirty_since, :now), change_seq = change_seq + 1,
                sync_state = :pending, error_reason = :reason""",
                Map.of(
                        "attempts", attempts,
                        "shown", shown,
                        "now", Timestamp.from(now),
                        "pending", SyncState.PENDING.id(),
                        "reason", truncate(reason)));
    }

    /**
     * Reconciliation found the channel showing {@code shown} although it last confirmed {@code row}'s broadcast and
     * nothing explains the difference (ADR 24): forget what we believed the channel had and push the broadcast again,
     * through the same lease and idempotency as every push. Lands only if the row is still settled as it was read: in
     * sync, not dirty, no push leased, no read-back due, the same change sequence, and no change to the SKU's count
     * since the channel last confirmed. Returns whether it landed; if not, a change reached the row meanwhile and
     * explains the difference.
     */
    public boolean driftFound(Seen row, int expected, int shown, Instant now) {
        return jdbc.sql("""
                                update inventory_channels
                                set last_broadcast = :shown, dirty = true, dirty_since = coalesce(dirty_since, :now),
                                    change_seq = change_seq + 1, sync_state = :pending, attempts = 0,
                                    verify_attempts = 0, next_attempt_at = null,
                                    error_reason = :reason
                                where merchant_id = :merchant and channel = :channel and sku = :sku
                                  and change_seq = :seq and dirty = false and sync_state = :inSync
                                  and last_broadcast = :expected and verify_due_at is null
                                  and (lease_until is null or lease_until < :now)
                                  and last_synced_at is not null
                                  and not exists (select 1 from inventory_skus s
                                                  where s.merchant_id = inventory_channels.merchant_id
                                                    and s.sku = inventory_channels.sku
                                                    and s.updated_at > inventory_channels.last_synced_at)""")
                        .param("shown", shown)
                        .param("expected", expected)
                        .param("now", Timestamp.from(now))
                        .param("pending", SyncState.PENDING.id())
                        .param("inSync", SyncState.IN_SYNC.id())
                        .param(
                                "reason",
                                truncate("drift: " + row.channel().id() + " showed " + shown + ", last confirmed "
                                        + expected + "; pushing again"))
                        .param("merchant", row.merchant().value())
                        .param("channel", row.channel().id())
                        .param("sku", row.sku())
                        .param("seq", row.changeSeq())
                        .update()
                > 0;
    }

    /**
     * Applies a read-back's verdict unless a change touched the row while it was being read (every change bumps
     * {@code change_seq}, and nothing is pushed without a change).
     */
    private void verdict(Seen row, String assignments, Map<String, ?> params) {
        var statement = jdbc.sql("update inventory_channels set " + assignments
                        + " where merchant_id = :merchant and channel = :channel and sku = :sku"
                        + " and change_seq = :seq")
                .param("merchant", row.merchant().value())
                .param("channel", row.channel().id())
                .param("sku", row.sku())
                .param("seq", row.changeSeq());
        params.forEach(statement::param);
        statement.update();
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }
}
