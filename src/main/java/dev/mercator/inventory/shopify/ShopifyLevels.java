package dev.mercator.inventory.shopify;

import dev.mercator.inventory.StockChanged;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one owner of {@code inventory_shopify_levels}: what Mercator knows of each Shopify item's {@code available}
 * (ADR 10). The expected level moves only by facts: a Shopify order, cancellation or refund in the transaction that
 * applies it to the ledger ({@link #on(StockChanged)}), Mercator's own write as Shopify confirmed it ({@link
 * #written}), an edit accepted by a check. Reports and stale writes only ask for a check ({@link #signal}). Every
 * change of the row bumps {@code signals}, so a check whose verdict was reached on older facts does not land.
 *
 * <p>{@link ShopifyRaiseGate} reads the same rows to hold raises while a level is not explained.
 */
@Component
class ShopifyLevels {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ShopifyLevels.class);

    /** A write whose answer was lost, with what it asked: replaying it with its key tells whether it landed. */
    record PendingWrite(String key, String location, int from, int to) {}

    record Level(
            MerchantId merchant,
            String item,
            String sku,
            @Nullable Integer expected,
            @Nullable Instant anchoredThrough,
            @Nullable Instant checkDueAt,
            @Nullable Instant pendingSince,
            long signals,
            @Nullable Integer gap,
            @Nullable Integer gapShown,
            @Nullable Instant gapSince,
            @Nullable Instant explainedAt,
            @Nullable Instant askedAt,
            @Nullable Instant checkedAt,
            @Nullable PendingWrite write) {

        boolean anchored() {
            return expected != null;
        }
    }

    /** How many check delays a stream of signals may postpone a check by, at most. */
    static final int MAX_DEBOUNCE = 5;

    private final JdbcClient jdbc;
    private final ShopifyLevelRows rows;
    private final TransactionTemplate ownTransaction;
    private final ShopifyLevelSettings settings;
    private final InventoryLedger ledger;
    private final Clock clock;

    ShopifyLevels(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            ShopifyLevelSettings settings,
            InventoryLedger ledger,
            Clock clock) {
        this.jdbc = jdbc;
        this.rows = new ShopifyLevelRows(jdbc);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = settings;
        this.ledger = ledger;
        this.clock = clock;
    }

    // --- Reading ----------------------------------------------------------------------------------------------------

    Optional<Level> find(MerchantId merchant, String item) {
        return rows.find(merchant, item);
    }

    /** Locks the row for a verdict; see {@link ShopifyLevelRows#lock}. */
    Optional<Level> lock(MerchantId merchant, String item) {
        return rows.lock(merchant, item);
    }

    /** Items whose check is due; see {@link ShopifyLevelRows#due}. */
    List<Level> due(Instant now, int limit) {
        return rows.due(now, limit);
    }

    /** The location the item's level is read at; see {@link ShopifyLevelRows#location}. */
    @Nullable
    String location(Level level, ChannelAccounts.ShopifyAccount account) {
        return rows.location(level, account);
    }

    // --- Signals: something moved, look again ---------------------------------------------------------------------

    /** Creates the item's row if it has none: not anchored, with its first check due now. */
    void ensure(MerchantId merchant, String item, String sku) {
        Instant now = clock.instant();
        int created = jdbc.sql("""
                        insert into inventory_shopify_levels (merchant_id, inventory_item_id, sku, check_due_at)
                        values (:merchant, :item, :sku, :now) on conflict do nothing""")
                .param("merchant", merchant.value())
                .param("item", item)
                .param("sku", sku)
                .param("now", Timestamp.from(now))
                .update();
        if (created == 0) {
            // The item was mapped to another SKU before: what was known of it belongs to that SKU's history.
            jdbc.sql("""
                            update inventory_shopify_levels
                            set sku = :sku, expected = null, anchored_through = null, gap = null, gap_shown = null,
                                gap_since = null, explained_at = null, asked_at = null, check_due_at = :now,
                                signals = signals + 1
                            where merchant_id = :merchant and inventory_item_id = :item and sku <> :sku""")
                    .param("merchant", merchant.value())
                    .param("item", item)
                    .param("sku", sku)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    /**
     * Asks for a check {@code checkDelay} after the item's last signal, so a burst's reports and events collect into one
     * read; a stream of signals cannot postpone it beyond {@value #MAX_DEBOUNCE} check delays after the first.
     */
    void signal(MerchantId merchant, String item, String sku) {
        ensure(merchant, item, sku);
        Level level = lock(merchant, item).orElseThrow();
        debounce(level);
    }

    /** Asks for a check now: a write found the level stale, so a sale may be unaccounted for. */
    void signalNow(MerchantId merchant, String item, String sku) {
        ensure(merchant, item, sku);
        Instant now = clock.instant();
        jdbc.sql("""
                        update inventory_shopify_levels
                        set signals = signals + 1, check_due_at = :now, pending_since = coalesce(pending_since, :now)
                        where merchant_id = :merchant and inventory_item_id = :item""")
                .param("now", Timestamp.from(now))
                .param("merchant", merchant.value())
                .param("item", item)
                .update();
    }

    /**
     * Asks for a check at once of items that have none due: a raise waits for it. The signals stay, so a verdict being
     * reached right now still lands; the check after it sees the level afresh.
     */
    void checkSoon(MerchantId merchant, List<String> items) {
        jdbc.sql("""
                        update inventory_shopify_levels set check_due_at = :now
                        where merchant_id = :merchant and inventory_item_id in (:items) and check_due_at is null""")
                .param("now", Timestamp.from(clock.instant()))
                .param("merchant", merchant.value())
                .param("items", items)
                .update();
    }

    /** Bumps the signals of a locked row and moves its check to {@code checkDelay} from now, within the cap. */
    private void debounce(Level level) {
        Instant now = clock.instant();
        Instant since = level.pendingSince() != null ? level.pendingSince() : now;
        Instant cap = since.plus(settings.checkDelay().multipliedBy(MAX_DEBOUNCE));
        Instant wanted = now.plus(settings.checkDelay());
        Instant due = wanted.isAfter(cap) ? cap : wanted;
        if (level.checkDueAt() != null && level.checkDueAt().isBefore(due) && level.pendingSince() == null) {
            // A check already planned sooner (a gap's patience running out, say) stays.
            due = level.checkDueAt();
        }
        jdbc.sql("""
                        update inventory_shopify_levels
                        set signals = signals + 1, check_due_at = :due, pending_since = :since
                        where merchant_id = :merchant and inventory_item_id = :item""")
                .param("due", Timestamp.from(due))
                .param("since", Timestamp.from(since))
                .param("merchant", level.merchant().value())
                .param("item", level.item())
                .update();
    }

    /**
     * A Shopify order, cancellation, refund or accepted edit was applied to the ledger: Shopify's level moved by the
     * same amount, so the expected level does too, in the same transaction (applied once, so moved once). An event
     * from before the anchor is already in the anchored level and moves nothing. Either way the item is checked.
     */
    @EventListener
    void on(StockChanged changed) {
        if (!ShopifyEvents.SOURCE.equals(changed.source())) {
            return;
        }
        List<String> items = jdbc.sql("""
                        select shopify_inventory_item_id from inventory_mappings
                        where merchant_id = :merchant and sku = :sku and shopify_inventory_item_id is not null""")
                .param("merchant", changed.merchant().value())
                .param("sku", changed.sku())
                .query((rs, n) -> rs.getString(1))
                .list();
        int delta = changed.physicalAfter() - changed.physicalBefore();
        for (String item : items) {
            ensure(changed.merchant(), item, changed.sku());
            Level level = lock(changed.merchant(), item).orElseThrow();
            boolean inAnchor = changed.occurredAt() != null
                    && level.anchoredThrough() != null
                    && !changed.occurredAt().isAfter(level.anchoredThrough());
            log.debug(
                    "{} {} ({} at {}): expected {} {}",
                    changed.sku(),
                    delta,
                    changed.reason(),
                    changed.occurredAt(),
                    level.expected(),
                    inAnchor ? "already holds it" : "moves");
            LevelGap gap =
                    inAnchor ? new LevelGap(level.gap(), level.gapShown()) : LevelGap.after(level, changed, delta);
            jdbc.sql("""
                            update inventory_shopify_levels set expected = :expected, gap = :gap, gap_shown = :shown
                            where merchant_id = :merchant and inventory_item_id = :item""")
                    .param("expected", moved(level.expected(), inAnchor ? 0 : delta), java.sql.Types.INTEGER)
                    .param("gap", gap.gap(), java.sql.Types.INTEGER)
                    .param("shown", gap.shown(), java.sql.Types.INTEGER)
                    .param("merchant", changed.merchant().value())
                    .param("item", item)
                    .update();
            debounce(level);
            shortfallMoved(level, gap.gap());
        }
    }

    private static @Nullable Integer moved(@Nullable Integer expected, int delta) {
        return expected == null ? null : expected + delta;
    }

    // --- Mercator's own writes --------------------------------------------------------------------------------------

    /**
     * Records a write before it is sent, committed at once: if its answer is lost (or the process dies), the next push
     * replays it with the same key and learns whether it landed, and no check judges the level meanwhile.
     */
    void writing(MerchantId merchant, String item, String sku, PendingWrite write) {
        ownTransaction.executeWithoutResult(status -> {
            ensure(merchant, item, sku);
            jdbc.sql("""
                            update inventory_shopify_levels
                            set write_key = :key, write_location = :location, write_from = :from, write_to = :to,
                                signals = signals + 1
                            where merchant_id = :merchant and inventory_item_id = :item""")
                    .param("key", write.key())
                    .param("location", write.location())
                    .param("from", write.from())
                    .param("to", write.to())
                    .param("merchant", merchant.value())
                    .param("item", item)
                    .update();
        });
    }

    /** Shopify applied the write and said by how much available moved. */
    void written(MerchantId merchant, String item, int delta) {
        log.debug("item {}: Mercator's write moved Shopify by {}", item, delta);
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        update inventory_shopify_levels
                        set expected = case when expected is null then null else expected + :delta end,
                            write_key = null, write_location = null, write_from = null, write_to = null,
                            signals = signals + 1
                        where merchant_id = :merchant and inventory_item_id = :item""")
                .param("delta", delta)
                .param("merchant", merchant.value())
                .param("item", item)
                .update());
    }

    /** Shopify certainly did not apply the write (stale, refused). */
    void notWritten(MerchantId merchant, String item) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        update inventory_shopify_levels
                        set write_key = null, write_location = null, write_from = null, write_to = null,
                            signals = signals + 1
                        where merchant_id = :merchant and inventory_item_id = :item""")
                .param("merchant", merchant.value())
                .param("item", item)
                .update());
    }

    // --- Verdicts of a check (in the caller's transaction, on a locked row) ---------------------------------------

    /** Shopify shows what Mercator expects: nothing is unaccounted for. */
    void explained(Level level, Instant now) {
        jdbc.sql("""
                        update inventory_shopify_levels
                        set check_due_at = null, pending_since = null, gap = null, gap_shown = null, gap_since = null,
                            explained_at = :now, checked_at = :now, recheck_at = :recheck
                        where merchant_id = :merchant and inventory_item_id = :item and signals = :signals""")
                .param("now", Timestamp.from(now))
                .param("recheck", Timestamp.from(now.plus(settings.recheckInterval())))
                .param("merchant", level.merchant().value())
                .param("item", level.item())
                .param("signals", level.signals())
                .update();
        shortfallMoved(level, null);
    }

    /** The starting point: Shopify's level, still since {@code through}, holds every event up to then. */
    void anchor(Level level, int shown, Instant through, Instant now) {
        jdbc.sql("""
                        update inventory_shopify_levels
                        set expected = :shown, anchored_through = :through, check_due_at = null, pending_since = null,
                            gap = null, gap_shown = null, gap_since = null, explained_at = :now, checked_at = :now,
                            recheck_at = :recheck
                        where merchant_id = :merchant and inventory_item_id = :item and signals = :signals
                          and expected is null""")
                .param("shown", shown)
                .param("through", Timestamp.from(through))
                .param("now", Timestamp.from(now))
                .param("recheck", Timestamp.from(now.plus(settings.recheckInterval())))
                .param("merchant", level.merchant().value())
                .param("item", level.item())
                .param("signals", level.signals())
                .update();
    }

    /**
     * Shopify shows {@code shown}, {@code gap} away from what Mercator can explain. A new gap (or a new level) starts
     * its patience now; the same gap keeps its start. The next look is at {@code next}.
     */
    void unexplained(Level level, int shown, int gap, Instant next, Instant now) {
        boolean same =
                level.gap() != null && level.gap() == gap && level.gapShown() != null && level.gapShown() == shown;
        jdbc.sql("""
                        update inventory_shopify_levels
                        set gap = :gap, gap_shown = :shown, gap_since = :since, check_due_at = :next,
                            pending_since = null, checked_at = :now, recheck_at = null
                        where merchant_id = :merchant and inventory_item_id = :item""")
                .param("gap", gap)
                .param("shown", shown)
                .param("since", Timestamp.from(same && level.gapSince() != null ? level.gapSince() : now))
                .param("next", Timestamp.from(next))
                .param("now", Timestamp.from(now))
                .param("merchant", level.merchant().value())
                .param("item", level.item())
                .update();
        shortfallMoved(level, gap);
    }

    /**
     * Every channel is offered the unexplained shortfall less (ADR 10): when it changes, their offer is
     * reconsidered at once, without waiting for physical to move.
     */
    private void shortfallMoved(Level level, @Nullable Integer gap) {
        int before = level.gap() == null ? 0 : Math.min(0, level.gap());
        int after = gap == null ? 0 : Math.min(0, gap);
        if (before != after) {
            ledger.reconsider(level.merchant(), level.sku());
        }
    }

    /** Shopify's order list is being read for the item now. */
    void asked(Level level, Instant now) {
        jdbc.sql("""
                        update inventory_shopify_levels set asked_at = :now
                        where merchant_id = :merchant and inventory_item_id = :item""")
                .param("now", Timestamp.from(now))
                .param("merchant", level.merchant().value())
                .param("item", level.item())
                .update();
    }

    /**
     * Looks again at {@code next}, keeping what is known; if a signal arrived since {@code level} was read, its sooner
     * check stays.
     */
    void later(Level level, Instant next) {
        Instant soon = clock.instant().plus(settings.checkDelay());
        jdbc.sql("""
                        update inventory_shopify_levels
                        set check_due_at = case when signals = :signals then :next
                                                else greatest(coalesce(check_due_at, :soon), :soon) end,
                            pending_since = null, recheck_at = null
                        where merchant_id = :merchant and inventory_item_id = :item""")
                .param("signals", level.signals())
                .param("next", Timestamp.from(next))
                .param("soon", Timestamp.from(soon))
                .param("merchant", level.merchant().value())
                .param("item", level.item())
                .update();
    }
}
