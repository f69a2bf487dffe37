package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.inventory.channel.ReadBacks;
import dev.mercator.platform.MerchantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reconciliation's read of a merchant's Shopify levels (ADR 24): {@value ShopifyInventoryReads#LEVELS_PER_REQUEST}
 * items a request through {@link ShopifyAdminApi}, so inside the shop's cost bucket like every other call.
 *
 * <p>A level ADR 10's checks are still explaining (no starting point yet, a check due, a gap open, a write of unknown
 * fate) is not read: it is {@code unsettled}, and what it shows is the checks' business. A settled level that shows
 * something else than Mercator can explain asks for a check at once: only Shopify's order list can tell a sale whose
 * every webhook was lost from an edit made behind Mercator's back, and only the check reads it. Re-pushing over such
 * a level without asking could offer units that were sold.
 */
final class ShopifyLevelSweep {

    private final ShopifyAdminApi api;
    private final ShopifyInventoryReads reads;
    private final ChannelAccounts accounts;
    private final ShopifyLevels levels;

    ShopifyLevelSweep(
            ShopifyAdminApi api, ShopifyInventoryReads reads, ChannelAccounts accounts, ShopifyLevels levels) {
        this.api = api;
        this.reads = reads;
        this.accounts = accounts;
        this.levels = levels;
    }

    private record Asked(String sku, String item, ShopifyLevels.Level level) {}

    ReadBacks read(MerchantId merchant, List<PushTarget> targets) {
        Map<String, ReadBack> shown = new LinkedHashMap<>();
        Set<String> unsettled = new HashSet<>();
        Optional<ChannelAccounts.ShopifyAccount> account =
                api.unusable() == null ? accounts.shopify(merchant) : Optional.empty();
        if (account.isEmpty() || api.unusable(account.get()) != null) {
            targets.forEach(target -> shown.put(target.sku(), ReadBack.unreadable()));
            return new ReadBacks(shown, unsettled, 0, null);
        }
        Map<ShopifyInventoryReads.ItemAt, Asked> asked = new LinkedHashMap<>();
        for (PushTarget target : targets) {
            @Nullable
            String item = ShopifyAdminApi.numericId(target.shopifyInventoryItemId(), ShopifyAdminApi.ITEM_GID);
            @Nullable String location = ShopifyAdminApi.location(target, account.get());
            if (item == null || location == null) {
                shown.put(target.sku(), new ReadBack.NotListed(ShopifyGateway.NOT_MAPPED));
                continue;
            }
            Optional<ShopifyLevels.Level> level = levels.find(merchant, item);
            if (level.isEmpty() || !settled(level.get())) {
                unsettled.add(target.sku());
                continue;
            }
            asked.put(new ShopifyInventoryReads.ItemAt(item, location), new Asked(target.sku(), item, level.get()));
        }
        Map<ShopifyInventoryReads.ItemAt, ShopifyInventoryReads.Read> read =
                reads.levels(account.get(), new ArrayList<>(asked.keySet()));
        asked.forEach((at, one) -> {
            ShopifyInventoryReads.Read result = read.get(at);
            switch (result) {
                case ShopifyInventoryReads.Level(int available, var updatedAt) -> {
                    if (!Integer.valueOf(available).equals(one.level().expected())) {
                        levels.signalNow(merchant, one.item(), one.sku());
                    }
                    shown.put(one.sku(), new ReadBack.Shown(available));
                }
                case ShopifyInventoryReads.Missing missing ->
                    shown.put(one.sku(), new ReadBack.NotListed(missing.reason()));
                case ShopifyInventoryReads.Unreadable unreadable -> shown.put(one.sku(), ReadBack.unreadable());
                case null -> shown.put(one.sku(), ReadBack.unreadable());
            }
        });
        int requests = (asked.size() + ShopifyInventoryReads.LEVELS_PER_REQUEST - 1)
                / ShopifyInventoryReads.LEVELS_PER_REQUEST;
        return new ReadBacks(shown, unsettled, requests, null);
    }

    private static boolean settled(ShopifyLevels.Level level) {
        return level.anchored() && level.checkDueAt() == null && level.gap() == null && level.write() == null;
    }
}
