package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells what a Shopify level means, from Shopify's own answers and never from when a report arrived (ADR 10). A due
 * item's level is read (fifty to a request) and held against the level Mercator expects from the facts it has applied:
 *
 * <ul>
 *   <li><b>Not anchored yet</b>: once the level has been still for {@code anchor-stillness}, it becomes the starting
 *       point, holding every event up to its {@code updatedAt}.
 *   <li><b>Equal</b>: explained; raises on the SKU may go.
 *   <li><b>Different</b>: unexplained. Late webhooks usually close the gap (each asks for a new check). A gap that
 *       stays the same for {@code unexplained-patience} is put to Shopify's order list ({@link ShopifyOrderLookups},
 *       on a worker of its own); what the orders do not explain is an edit. Meanwhile every channel is offered the
 *       shortfall (a gap below what Mercator expects) less.
 * </ul>
 *
 * A verdict lands only if no new fact about the item arrived while it was being reached.
 */
@Component
class ShopifyLevelChecks {

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
    private final ShopifyOrderLookups lookups;
    private final ShopifyAdminApi api;
    private final ChannelAccounts accounts;
    private final TransactionTemplate transactions;
    private final ShopifyLevelSettings settings;
    private final Clock clock;

    ShopifyLevelChecks(
            JdbcClient jdbc,
            ShopifyLevels levels,
            ShopifyInventoryReads reads,
            ShopifyOrderLookups lookups,
            ShopifyAdminApi api,
            ChannelAccounts accounts,
            TransactionTemplate transactions,
            ShopifyLevelSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.levels = levels;
        this.reads = reads;
        this.lookups = lookups;
        this.api = api;
        this.accounts = accounts;
        this.transactions = transactions;
        this.settings = settings;
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
            @Nullable String location = levels.location(level, account.get());
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
                judge(entry.getValue(), shown.get(entry.getKey()));
            } catch (RuntimeException failed) {
                // One item's trouble must not stop the others' checks; this one is looked at again later.
                log.warn("Checking Shopify item {} failed", entry.getKey().item(), failed);
                transactions.executeWithoutResult(
                        status -> levels.later(entry.getValue(), clock.instant().plus(settings.unexplainedPatience())));
            }
        }
        return byItem.size();
    }

    private void judge(ShopifyLevels.Level level, ShopifyInventoryReads.@Nullable Read read) {
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
            // Put to the order list on a worker of its own: a list may wait many seconds for Shopify's bucket, and
            // every other check (which is what offers a shortfall less) must not wait with it.
            lookups.request(level);
            transactions.executeWithoutResult(status -> levels.later(level, now.plus(settings.unexplainedPatience())));
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
}
