package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Puts a gap that late webhooks did not close to Shopify's order list (ADR 10): every order touching the SKU since the
 * item was last explained is applied (exactly once, by the webhooks' own keys), the level is read again, and what
 * remains of the gap, on a level that did not move meanwhile, is an edit made outside orders (in Shopify admin, or by
 * another app), applied to physical as such.
 *
 * <p>Lookups run on a worker of their own ({@link OrderLookupWorker}), one at a time: a list may wait many seconds for
 * Shopify's cost bucket, and the level checks, which turn a shortfall into a lower offer at once, must never wait with
 * it. A requested lookup lives in memory only; one lost to a restart is requested again by the next check of its gap.
 */
@Component
class ShopifyOrderLookups {

    static final String EDIT_REASON = "edited in Shopify admin";
    private static final Logger log = LoggerFactory.getLogger(ShopifyOrderLookups.class);

    private record Requested(MerchantId merchant, String item) {}

    private final BlockingQueue<Requested> queue = new LinkedBlockingQueue<>();
    private final Set<Requested> requested = ConcurrentHashMap.newKeySet();
    private final ShopifyLevels levels;
    private final ShopifyInventoryReads reads;
    private final ShopifyAdminApi api;
    private final ChannelAccounts accounts;
    private final InventoryLedger ledger;
    private final TransactionTemplate transactions;
    private final ShopifyLevelSettings settings;
    private final InventorySettings inventory;
    private final Clock clock;

    ShopifyOrderLookups(
            ShopifyLevels levels,
            ShopifyInventoryReads reads,
            ShopifyAdminApi api,
            ChannelAccounts accounts,
            InventoryLedger ledger,
            TransactionTemplate transactions,
            ShopifyLevelSettings settings,
            InventorySettings inventory,
            Clock clock) {
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

    /** Asks for the item's order list to be read; a lookup already waiting for the item is not asked twice. */
    void request(ShopifyLevels.Level level) {
        Requested lookup = new Requested(level.merchant(), level.item());
        if (requested.add(lookup)) {
            queue.add(lookup);
        }
    }

    /** Runs every requested lookup; returns how many ran. */
    public int lookUpRequested() {
        int ran = 0;
        for (Requested lookup = queue.poll(); lookup != null; lookup = queue.poll()) {
            requested.remove(lookup);
            try {
                lookUp(lookup);
            } catch (RuntimeException failed) {
                // One item's trouble must not stop the others' lookups; its next check asks again.
                log.warn("Looking up the Shopify orders of item {} failed", lookup.item(), failed);
            }
            ran++;
        }
        return ran;
    }

    /**
     * Reads the level afresh (the check that asked may be seconds old), and asks the order list only if it still
     * differs from what Mercator can explain.
     */
    private void lookUp(Requested lookup) {
        Optional<ShopifyLevels.Level> found = levels.find(lookup.merchant(), lookup.item());
        Optional<ChannelAccounts.ShopifyAccount> account = accounts.shopify(lookup.merchant());
        if (found.isEmpty()
                || found.get().expected() == null
                || found.get().write() != null
                || account.isEmpty()
                || api.unusable(account.get()) != null) {
            // Explained, remapped, or a write's fate to learn first: the checks take it from here.
            return;
        }
        ShopifyLevels.Level level = found.get();
        @Nullable String location = levels.location(level, account.get());
        if (location == null) {
            return;
        }
        ShopifyInventoryReads.ItemAt at = new ShopifyInventoryReads.ItemAt(level.item(), location);
        if (reads.level(account.get(), at.item(), at.location())
                        instanceof ShopifyInventoryReads.Level(int available, var updatedAt)
                && !Objects.equals(available, level.expected())
                && (level.gapSince() != null || level.explainedAt() != null)) {
            askShopify(account.get(), level, at, available, updatedAt);
        } else {
            // Nothing left to explain, or the level could not be read: a check now tells which.
            transactions.executeWithoutResult(status -> levels.later(level, clock.instant()));
        }
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
}
