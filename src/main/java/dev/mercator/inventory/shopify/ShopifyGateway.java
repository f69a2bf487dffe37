package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.ChannelGateway;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.inventory.channel.ReadBacks;
import dev.mercator.inventory.shopify.ShopifyQuantitySets.Failed;
import dev.mercator.inventory.shopify.ShopifyQuantitySets.KeyTaken;
import dev.mercator.inventory.shopify.ShopifyQuantitySets.Refused;
import dev.mercator.inventory.shopify.ShopifyQuantitySets.SetAnswer;
import dev.mercator.inventory.shopify.ShopifyQuantitySets.Stale;
import dev.mercator.inventory.shopify.ShopifyQuantitySets.Written;
import dev.mercator.platform.MerchantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Shopify's side of the push: sets {@code available} with the Admin GraphQL mutation {@code inventorySetQuantities}
 * (2026-04 rules), one call per SKU, and never raises a level it cannot explain (ADR 10).
 *
 * <ul>
 *   <li><b>Compare-and-set from what Mercator can explain</b>: {@code changeFromQuantity} is the item's expected level
 *       ({@link ShopifyLevels}): what Shopify confirmed, moved by every Shopify order, cancellation and refund
 *       Mercator has applied. When that already is the quantity to offer, nothing is sent. Before the level is
 *       anchored, a lowering may go from what Shopify last confirmed.
 *   <li><b>Stale is a question, not an answer</b>: when Shopify answers {@code CHANGE_FROM_QUANTITY_STALE}, something
 *       Mercator has not heard of moved the level (an order whose webhook is on its way, or an edit): the item is
 *       checked at once. A lowering goes ahead from the level Shopify shows; a raise over it waits (as {@link
 *       PushOutcome.Throttled}) until the check has explained the level, because writing it could offer sold units
 *       again. Once a check has found the level unexplained, a lowering goes from the level that check saw and a
 *       raise over it is not even attempted.
 *   <li><b>Every write is accounted</b>: it is recorded before it is sent; Shopify's answer moves the expected level
 *       by the delta Shopify reports. A write whose answer was lost is replayed with its key before anything else, so
 *       its effect is counted exactly once and no check judges the level meanwhile. The quantity is also recorded in
 *       {@code inventory_shopify_writes}, so its {@code inventory_levels/update} echo asks for no check.
 *   <li><b>Idempotency</b>: the first attempt carries the request's own key in {@code @idempotent}, so a push repeated
 *       after a crash is recognised by Shopify and not applied twice. An attempt with other variables needs a key of
 *       its own; it is derived from the request's key and those variables, so it too is stable across repeats.
 *   <li><b>Cost throttling</b> and the transport are {@link ShopifyAdminApi}'s; the mutation's document and what its
 *       answers mean, {@link ShopifyQuantitySets}'.
 * </ul>
 *
 * Nothing here throws for Shopify's failures: auth and validation refusals are {@link PushOutcome.Rejected}, 5xx,
 * timeouts and broken connections {@link PushOutcome.Transient}.
 */
@Component
class ShopifyGateway implements ChannelGateway {

    static final String TOKEN_HEADER = ShopifyAdminApi.TOKEN_HEADER;
    static final String NOT_MAPPED = "not mapped to a Shopify inventory item";

    private static final Logger log = LoggerFactory.getLogger(ShopifyGateway.class);

    private final ShopifyAdminApi api;
    private final ShopifyQuantitySets sets;
    private final ShopifyInventoryReads reads;
    private final ChannelAccounts accounts;
    private final ShopifyWrites writes;
    private final ShopifyLevels levels;
    private final ShopifyLevelSettings settings;
    private final ShopifyLevelSweep sweep;

    ShopifyGateway(
            ShopifyAdminApi api,
            ShopifyInventoryReads reads,
            ChannelAccounts accounts,
            ShopifyWrites writes,
            ShopifyLevels levels,
            ShopifyLevelSettings settings) {
        this.api = api;
        this.sets = new ShopifyQuantitySets(api);
        this.reads = reads;
        this.accounts = accounts;
        this.writes = writes;
        this.levels = levels;
        this.settings = settings;
        this.sweep = new ShopifyLevelSweep(api, reads, accounts, levels);
    }

    @Override
    public Channel channel() {
        return Channel.SHOPIFY;
    }

    @Override
    public List<PushOutcome> push(MerchantId merchant, List<PushRequest> requests) {
        List<PushOutcome> outcomes = new ArrayList<>(requests.size());
        Optional<ChannelAccounts.ShopifyAccount> account =
                api.unusable() == null ? accounts.shopify(merchant) : Optional.empty();
        @Nullable String unusable = api.unusable();
        if (unusable == null) {
            unusable = account.isEmpty() ? "Shopify is not connected" : api.unusable(account.get());
        }
        // Once Shopify refuses the token, throttles, or cannot be reached, the rest of the batch would fare the same:
        // it gets that outcome without calling.
        ShopifyAdminApi.@Nullable Failure stop = null;
        for (PushRequest request : requests) {
            String sku = request.target().sku();
            if (unusable != null || account.isEmpty()) {
                outcomes.add(new PushOutcome.Rejected(sku, unusable == null ? "Shopify is not connected" : unusable));
            } else if (stop != null) {
                outcomes.add(stop.outcome(sku));
            } else {
                Pushed pushed = push(account.get(), request);
                outcomes.add(pushed.outcome());
                stop = pushed.stop();
            }
        }
        return outcomes;
    }

    @Override
    public ReadBack readBack(MerchantId merchant, PushTarget target) {
        if (api.unusable() != null) {
            return ReadBack.unreadable();
        }
        Optional<ChannelAccounts.ShopifyAccount> account = accounts.shopify(merchant);
        if (account.isEmpty() || api.unusable(account.get()) != null) {
            return ReadBack.unreadable();
        }
        @Nullable String item = ShopifyAdminApi.numericId(target.shopifyInventoryItemId(), ShopifyAdminApi.ITEM_GID);
        @Nullable String location = ShopifyAdminApi.location(target, account.get());
        if (item == null || location == null) {
            return ReadBack.unreadable();
        }
        return reads.level(account.get(), item, location) instanceof ShopifyInventoryReads.Level(int available, var at)
                ? new ReadBack.Shown(available)
                : ReadBack.unreadable();
    }

    /** Reconciliation's read: levels fifty to a request, and only those ADR 10's checks have settled. */
    @Override
    public ReadBacks readBacks(MerchantId merchant, List<PushTarget> targets) {
        return sweep.read(merchant, targets);
    }

    // --- One push ----------------------------------------------------------------------------------------------

    /** A push's outcome, and the failure that should end the batch, if any. */
    private record Pushed(PushOutcome outcome, ShopifyAdminApi.@Nullable Failure stop) {

        static Pushed of(PushOutcome outcome) {
            return new Pushed(outcome, null);
        }

        static Pushed of(ShopifyAdminApi.Failure failure, String sku) {
            return new Pushed(failure.outcome(sku), failure.endsBatch() ? failure : null);
        }
    }

    private Pushed push(ChannelAccounts.ShopifyAccount account, PushRequest request) {
        String sku = request.target().sku();
        MerchantId merchant = account.merchant();
        @Nullable
        String item = ShopifyAdminApi.numericId(request.target().shopifyInventoryItemId(), ShopifyAdminApi.ITEM_GID);
        if (item == null) {
            return Pushed.of(new PushOutcome.Rejected(sku, NOT_MAPPED));
        }
        @Nullable String location = ShopifyAdminApi.location(request.target(), account);
        if (location == null) {
            return Pushed.of(new PushOutcome.Rejected(
                    sku, "no Shopify location: map one for the SKU or set the shop's location id"));
        }
        levels.ensure(merchant, item, sku);
        ShopifyLevels.Level level = levels.find(merchant, item).orElseThrow();
        if (level.write() != null) {
            ShopifyAdminApi.@Nullable Failure unresolved = replay(account, item, level.write());
            if (unresolved != null) {
                return Pushed.of(unresolved, sku);
            }
            level = levels.find(merchant, item).orElseThrow();
        }
        int quantity = request.quantity();
        @Nullable Integer expected = level.expected();
        if (expected != null && expected == quantity) {
            // Shopify shows it already, as far as every fact Mercator has applied goes; a level that says otherwise
            // is the checks' business.
            return Pushed.of(new PushOutcome.Applied(sku, quantity));
        }
        @Nullable Integer shownByCheck = level.gap() != null ? level.gapShown() : null;
        if (shownByCheck != null && quantity == shownByCheck) {
            // What the last check saw already is the quantity (the shortfall is in it): nothing to write.
            return Pushed.of(new PushOutcome.Applied(sku, quantity));
        }
        if (shownByCheck != null && quantity > shownByCheck) {
            // The last check found the level away from what Mercator can explain, and this would raise it: no call
            // could go ahead (a write from the expected level is stale, a raise over the shown one waits), so none is
            // made. Spending Shopify's bucket on it every retry would starve the order list that explains the gap.
            return Pushed.of(
                    new PushOutcome.Throttled(sku, settings.checkDelay().plus(settings.pollInterval())));
        }
        @Nullable
        Integer from = shownByCheck != null
                ? shownByCheck
                : expected != null
                        ? expected
                        : request.lastConfirmed() != null && quantity <= request.lastConfirmed()
                                ? request.lastConfirmed()
                                : null;
        if (from != null) {
            SetAnswer answer = write(
                    account, request, item, location, from, ShopifyQuantitySets.wireKey(request.idempotencyKey()));
            if (!(answer instanceof Stale)) {
                return finished(answer, sku, quantity);
            }
            // Something Mercator has not heard of moved the level: find out what, at once.
            levels.signalNow(merchant, item, sku);
        }
        ShopifyInventoryReads.Read current = reads.level(account, item, location);
        if (!(current instanceof ShopifyInventoryReads.Level(int available, var updatedAt))) {
            return readFailed(current, sku);
        }
        if (available == quantity) {
            return Pushed.of(new PushOutcome.Applied(sku, quantity));
        }
        if (quantity > available) {
            // A raise over a level Mercator cannot explain may offer units that were sold: it waits for the check.
            levels.signalNow(merchant, item, sku);
            return Pushed.of(
                    new PushOutcome.Throttled(sku, settings.checkDelay().plus(settings.pollInterval())));
        }
        SetAnswer answer = write(
                account,
                request,
                item,
                location,
                available,
                ShopifyQuantitySets.derivedKey(request, item, location, available));
        if (answer instanceof Stale) {
            int shown = reads.level(account, item, location) instanceof ShopifyInventoryReads.Level(int now, var at)
                    ? now
                    : available;
            log.info("Shopify level of {} kept changing under the push; still stale at {}", sku, shown);
            return Pushed.of(new PushOutcome.Stale(sku, shown));
        }
        return finished(answer, sku, quantity);
    }

    private static Pushed finished(SetAnswer answer, String sku, int quantity) {
        return switch (answer) {
            case Written written -> Pushed.of(new PushOutcome.Applied(sku, quantity));
            case Refused refused -> Pushed.of(new PushOutcome.Rejected(sku, refused.reason()));
            case Failed failed -> Pushed.of(failed.failure(), sku);
            case KeyTaken taken -> Pushed.of(new PushOutcome.Rejected(sku, "Shopify refused the idempotency key"));
            case Stale stale -> throw new IllegalStateException("a stale answer is handled by the caller");
        };
    }

    private static Pushed readFailed(ShopifyInventoryReads.Read read, String sku) {
        return switch (read) {
            case ShopifyInventoryReads.Unreadable unreadable -> Pushed.of(unreadable.failure(), sku);
            case ShopifyInventoryReads.Missing missing -> Pushed.of(new PushOutcome.Rejected(sku, missing.reason()));
            case ShopifyInventoryReads.Level level -> throw new IllegalStateException("not a failure");
        };
    }

    /**
     * One accounted write: recorded before it is sent (so a lost answer is replayed, and the echo recognised), then
     * settled by Shopify's answer. A key used before with other variables makes this a new operation with a key of
     * its own.
     */
    private SetAnswer write(
            ChannelAccounts.ShopifyAccount account,
            PushRequest request,
            String item,
            String location,
            int from,
            String key) {
        MerchantId merchant = account.merchant();
        String sku = request.target().sku();
        int quantity = request.quantity();
        ShopifyWrites.Write echo = writes.record(merchant, item, quantity);
        levels.writing(merchant, item, sku, new ShopifyLevels.PendingWrite(key, location, from, quantity));
        SetAnswer answer = sets.set(account, item, location, quantity, from, key);
        if (answer instanceof KeyTaken) {
            String own = ShopifyQuantitySets.derivedKey(request, item, location, from);
            levels.writing(merchant, item, sku, new ShopifyLevels.PendingWrite(own, location, from, quantity));
            answer = sets.set(account, item, location, quantity, from, own);
        }
        log.debug("{}: set {} over {} ({}): {}", sku, quantity, from, key, answer);
        switch (answer) {
            case Written written -> {
                levels.written(merchant, item, written.delta());
                if (written.delta() == 0) {
                    // Nothing changed, so Shopify sends no level update to recognise.
                    writes.forget(echo);
                }
            }
            case Failed failed when failed.failure().kind() == ShopifyAdminApi.Failure.Kind.TRANSIENT -> {
                // The answer may be lost, not the write: the next push replays it with its key, and its echo may come.
            }
            default -> {
                levels.notWritten(merchant, item);
                writes.forget(echo);
            }
        }
        return answer;
    }

    /**
     * Replays a write whose answer was lost, with its key and variables: Shopify answers with the first result if it
     * landed, or runs it now. Returns the failure that leaves it unresolved, or null once its fate is known.
     */
    private ShopifyAdminApi.@Nullable Failure replay(
            ChannelAccounts.ShopifyAccount account, String item, ShopifyLevels.PendingWrite pending) {
        MerchantId merchant = account.merchant();
        SetAnswer answer = sets.set(account, item, pending.location(), pending.to(), pending.from(), pending.key());
        switch (answer) {
            case Written written -> levels.written(merchant, item, written.delta());
            case Failed failed -> {
                return failed.failure();
            }
            default -> levels.notWritten(merchant, item);
        }
        return null;
    }
}
