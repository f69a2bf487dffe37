package dev.mercator.inventory.shopify;

import dev.mercator.inventory.ChannelAccounts;
import dev.mercator.inventory.InventoryLedger;
import dev.mercator.inventory.InventorySettings;
import dev.mercator.inventory.StockChange;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Tells what a Shopify level means, from Shopify's own answers and never from when a report arrived (ADR 10). A due
 * item's level is read (fifty to a request) and held against the level Mercator expects from the facts it has applied:
 *
 * <ul>
 *   <li><b>Not anchored yet</b>: once the level has been still for {@code anchor-stillness}, it becomes the starting
 *       point, holding every event up to its {@code updatedAt}.
 *   <li><b>Equal</b>: explained; raises on the SKU may go.
 *   <li><b>Different</b>: unexplained. Late webhooks usually close the gap (each asks for a new check). A gap that
 *       stays the same for {@code unexplained-patience} is put to Shopify's order list: every order touching the SKU
 *       since the item was last explained is applied (exactly once, by the webhooks' own keys), then the level is read
 *       again. Only if it has not moved meanwhile and still differs is the difference an edit made outside orders (in
 *       Shopify admin, or by another app), applied to physical as such.
 * </ul>
 *
 * A verdict lands only if no new fact about the item arrived while it was being reached.
 */
@Component
class ShopifyLevelChecks {

    static final String EDIT_REASON = "edited in Shopify admin";
    private static final Logger log = LoggerFactory.getLogger(ShopifyLevelChecks.class);
    private static final int MAX_DUE = 500;
    /**
     * While the shop's webhooks keep coming, a gap waits for them up to this many patiences before the order list is
     * asked anyway, so a shop that never goes quiet still gets its edits.
     */
    static final int MAX_PATIENCE = 10;

    private final JdbcClient jdbc;
    private final ShopifyLevels levels;
    private final ShopifyInventoryReads reads;
    private final ShopifyAdminApi api;
    private final ChannelAccounts accounts;
    private final InventoryLedger ledger;
    private final TransactionTemplate transactions;
    private final ShopifyLevelSettings settings;
    private final InventorySettings inventory;
    private final Clock clock;

    ShopifyLevelChecks(
            JdbcClient jdbc,
            ShopifyLevels levels,
            ShopifyInventoryReads reads,
            ShopifyAdminApi api,
            ChannelAccounts accounts,
            InventoryLedger ledger,
            TransactionTemplate transactions,
            ShopifyLevelSettings settings,
            InventorySettings inventory,
            Clock clock) {
        this.jdbc = jdbc;
        this.levels = levels;
        this.reads = reads;
        this.api = api;
        this.accounts = accounts;
        this.ledger = ledger;
        this.transactions = transactions;
        this.settings = settings;
        this.inventory = inventory;
        this.clock = clock;
    }

    /** Checks every item whose check is due; returns how many were looked at. */
    public int checkDue() {
        Instant now = clock.instant();
        Map<MerchantId, List<ShopifyLevels.Level>> byMerchant = new LinkedHashMap<>();
        for (ShopifyLevels.Level level : levels.due(now, MAX_DUE)) {
            byMerchant.computeIfAbsent(level.merchant(), m -> new ArrayList<>()).add(level);
        }
        int checked = 0;
        for (Map.Entry<MerchantId, List<ShopifyLevels.Level>> merchant : byMerchant.entrySet()) {
            checked += check(merchant.getKey(), merchant.getValue());
        }
        return checked;
    }

    private int check(MerchantId merchant, List<ShopifyLevels.Level> due) {
        Instant now = clock.instant();
        Optional<ChannelAccounts.ShopifyAccount> account = accounts.shopify(merchant);
        if (account.isEmpty() || api.unusable(account.get()) != null) {
            // Nothing to ask: the checks wait (and raises with them) until the shop can be reached.
            due.forEach(level -> transactions.executeWithoutResult(
                    status -> levels.later(level, now.plus(settings.unexplainedPatience()))));
            return 0;
        }
        Map<ShopifyInventoryReads.ItemAt, ShopifyLevels.Level> byItem = new LinkedHashMap<>();
        for (ShopifyLevels.Level level : due) {
            @Nullable String location = location(level, account.get());
            if (location == null) {
                transactions.executeWithoutResult(
                        status -> levels.later(level, now.plus(settings.unexplainedPatience())));
                continue;
            }
            byItem.put(new ShopifyInventoryReads.ItemAt(level.item(), location), level);
        }
        log.debug("Checking the Shopify levels of {} item(s) of {}", byItem.size(), merchant);
        Map<ShopifyInventoryReads.ItemAt, ShopifyInventoryReads.Read> shown =
                reads.levels(account.get(), List.copyOf(byItem.keySet()));
        for (Map.Entry<ShopifyInventoryReads.ItemAt, ShopifyLevels.Level> entry : byItem.entrySet()) {
            try {
                judge(account.get(), entry.getValue(), entry.getKey(), shown.get(entry.getKey()));
            } catch (RuntimeException failed) {
                // One item's trouble must not stop the others' checks; this one is looked at again later.
                log.warn("Checking Shopify item {} failed", entry.getKey().item(), failed);
                transactions.executeWithoutResult(
                        status -> levels.later(entry.getValue(), clock.instant().plus(settings.unexplainedPatience())));
            }
        }
        return byItem.size();
    }

    private void judge(
            ChannelAccounts.ShopifyAccount account,
            ShopifyLevels.Level level,
            ShopifyInventoryReads.ItemAt at,
            ShopifyInventoryReads.@Nullable Read read) {
        Instant now = clock.instant();
        if (!(read instanceof ShopifyInventoryReads.Level(int available, var updatedAt))) {
            String why = read instanceof ShopifyInventoryReads.Missing(String reason)
                    ? reason
                    : read instanceof ShopifyInventoryReads.Unreadable(var failure) ? failure.reason() : "no answer";
            log.info("Shopify level of item {} could not be read: {}", level.item(), why);
            transactions.executeWithoutResult(
                    status -> levels.later(level, now.plus(settings.checkDelay().multipliedBy(5))));
            return;
        }
        Integer expected = level.expected();
        if (expected == null) {
            anchor(level, available, updatedAt, now);
            return;
        }
        int gap = available - expected;
        boolean sameGap = level.gap() != null && level.gap() == gap && Objects.equals(level.gapShown(), available);
        if (gap != 0
                && sameGap
                && level.gapSince() != null
                && !level.gapSince().plus(settings.unexplainedPatience()).isAfter(now)) {
            Instant askedAt = level.askedAt();
            if (askedAt != null && askedAt.plus(settings.unexplainedPatience()).isAfter(now)) {
                // Asked a moment ago without a verdict (the level kept moving): the list is dear, ask again later.
                Instant next = askedAt.plus(settings.unexplainedPatience());
                transactions.executeWithoutResult(status -> levels.later(level, next));
                return;
            }
            if (webhooksStillComing(level.merchant(), now)
                    && level.gapSince()
                            .plus(settings.unexplainedPatience().multipliedBy(MAX_PATIENCE))
                            .isAfter(now)) {
                // The shop's webhooks are still pouring in (a burst being worked off): the missing ones are most
                // likely among them, and asking Shopify's order list now would cost far more than waiting.
                transactions.executeWithoutResult(status -> levels.later(level, now.plus(settings.checkDelay())));
                return;
            }
            askShopify(account, level, at, available, updatedAt);
            return;
        }
        transactions.executeWithoutResult(status -> {
            ShopifyLevels.Level locked =
                    levels.lock(level.merchant(), level.item()).orElseThrow();
            if (locked.signals() != level.signals()) {
                levels.later(locked, now.plus(settings.checkDelay()));
            } else if (gap == 0) {
                levels.explained(locked, now);
                log.debug("Shopify level of {} explained at {}", level.sku(), available);
            } else {
                Instant since = sameGap && level.gapSince() != null ? level.gapSince() : now;
                levels.unexplained(locked, available, gap, since.plus(settings.unexplainedPatience()), now);
                log.debug("Shopify level of {} is {}, {} from what Mercator can explain", level.sku(), available, gap);
            }
        });
    }

    /** A level still for long enough holds every event up to its last change: the starting point. */
    private void anchor(ShopifyLevels.Level level, int available, @Nullable Instant updatedAt, Instant now) {
        if (updatedAt != null && updatedAt.plus(settings.anchorStillness()).isAfter(now)) {
            Instant still = updatedAt.plus(settings.anchorStillness());
            transactions.executeWithoutResult(status -> levels.later(level, still));
            return;
        }
        // Without Shopify's time of the last change, the moment of the read stands in (the level was read still).
        Instant through = updatedAt != null ? updatedAt : now.minus(settings.anchorStillness());
        transactions.executeWithoutResult(status -> {
            ShopifyLevels.Level locked =
                    levels.lock(level.merchant(), level.item()).orElseThrow();
            if (locked.signals() != level.signals()) {
                levels.later(locked, now.plus(settings.checkDelay()));
            } else {
                levels.anchor(locked, available, through, now);
                log.debug("Shopify level of {} anchored at {} through {}", level.sku(), available, through);
            }
        });
    }

    /**
     * Ground truth for a gap that late webhooks did not close: the orders Shopify lists for the SKU are applied, the
     * level is read again, and what remains of the gap, on a level that did not move meanwhile, is an edit.
     */
    private void askShopify(
            ChannelAccounts.ShopifyAccount account,
            ShopifyLevels.Level level,
            ShopifyInventoryReads.ItemAt at,
            int shown,
            @Nullable Instant shownAt) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> levels.asked(level, now));
        log.debug(
                "Shopify level of {} is {} against {}: asking Shopify's order list",
                level.sku(),
                shown,
                level.expected());
        Instant knownUntil =
                level.explainedAt() != null ? level.explainedAt() : Objects.requireNonNull(level.gapSince());
        ShopifyInventoryReads.OrderList listed =
                reads.ordersTouching(account, level.sku(), knownUntil.minus(settings.ordersLookback()));
        if (!(listed instanceof ShopifyInventoryReads.Orders(List<JsonNode> orders))) {
            log.warn(
                    "Shopify level of {} stays unexplained: its orders could not be listed ({})",
                    level.sku(),
                    ((ShopifyInventoryReads.OrdersUnreadable) listed).reason());
            transactions.executeWithoutResult(status -> levels.later(level, now.plus(settings.unexplainedPatience())));
            return;
        }
        ShopifyEvents events = new ShopifyEvents(account.shopDomain(), inventory.maxQuantity());
        int applied = 0;
        for (JsonNode order : orders) {
            for (InventoryLedger.Result result : ledger.apply(level.merchant(), events.listedOrder(order))) {
                applied += result.outcome() == InventoryLedger.Outcome.APPLIED ? 1 : 0;
            }
        }
        if (applied > 0) {
            log.info(
                    "Shopify's order list for {} held {} change(s) whose webhooks had not arrived",
                    level.sku(),
                    applied);
        }
        ShopifyLevels.Level listedUpTo =
                levels.find(level.merchant(), level.item()).orElseThrow();
        ShopifyInventoryReads.Read again = reads.level(account, at.item(), at.location());
        if (!(again instanceof ShopifyInventoryReads.Level(int shownAgain, var againAt))
                || shownAgain != shown
                || !Objects.equals(againAt, shownAt)) {
            // The level moved while the orders were read: whatever moved it gets its own look.
            transactions.executeWithoutResult(
                    status -> levels.later(level, clock.instant().plus(settings.checkDelay())));
            return;
        }
        transactions.executeWithoutResult(status -> {
            // The SKU's row first, as the ledger takes it: an order applied at this moment cannot deadlock with us.
            jdbc.sql("select physical from inventory_skus where merchant_id = :merchant and sku = :sku for update")
                    .param("merchant", level.merchant().value())
                    .param("sku", level.sku())
                    .query(Integer.class)
                    .optional();
            ShopifyLevels.Level locked =
                    levels.lock(level.merchant(), level.item()).orElseThrow();
            Integer expected = locked.expected();
            // What matters is that nothing moved the expected level since the second read (an event applied, a
            // write): then the second read and the expected level describe the same moment. Reports arriving
            // meanwhile change neither.
            if (expected == null || !expected.equals(listedUpTo.expected()) || locked.write() != null) {
                levels.later(locked, now.plus(settings.checkDelay()));
                return;
            }
            int edit = shown - expected;
            // Explained first, so the edit's push sees no shortfall left to subtract twice; the edit then moves the
            // expected level by itself, through the ledger, and that asks for one more (quiet) check.
            levels.explained(locked, now);
            if (edit != 0) {
                log.info(
                        "Shopify level of {} is {} against {} explained by orders: an edit of {}",
                        level.sku(),
                        shown,
                        expected,
                        edit);
                ledger.apply(
                        level.merchant(),
                        StockChange.delta(
                                        StockChange.ItemRef.shopifyItem(level.item()),
                                        edit,
                                        ShopifyEvents.SOURCE,
                                        "shopify:" + account.shopDomain() + ":level:" + level.item() + ":"
                                                + UUID.randomUUID(),
                                        EDIT_REASON,
                                        "shopify:" + account.shopDomain())
                                .at(clock.instant()));
            }
        });
    }

    /** Whether a webhook from the merchant's shop arrived within the last two check delays. */
    private boolean webhooksStillComing(MerchantId merchant, Instant now) {
        return jdbc.sql("""
                                select count(*) from (select 1 from inventory_deliveries
                                where merchant_id = :merchant and source = 'shopify' and received_at > :since
                                limit 1) recent""")
                        .param("merchant", merchant.value())
                        .param(
                                "since",
                                java.sql.Timestamp.from(
                                        now.minus(settings.checkDelay().multipliedBy(2))))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private @Nullable String location(ShopifyLevels.Level level, ChannelAccounts.ShopifyAccount account) {
        Optional<String> mapped = jdbc.sql("""
                        select shopify_location_id from inventory_mappings
                        where merchant_id = :merchant and shopify_inventory_item_id = :item""")
                .param("merchant", level.merchant().value())
                .param("item", level.item())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(o -> o);
        @Nullable String location = ShopifyAdminApi.numericId(mapped.orElse(null), ShopifyAdminApi.LOCATION_GID);
        return location != null
                ? location
                : ShopifyAdminApi.numericId(account.locationId(), ShopifyAdminApi.LOCATION_GID);
    }
}
