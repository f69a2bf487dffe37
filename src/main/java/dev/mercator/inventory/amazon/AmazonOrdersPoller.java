package dev.mercator.inventory.amazon;

import dev.mercator.inventory.StockSource;
import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merchant-fulfilled Amazon orders into the ledger. Every {@code orders-poll-interval} ({@link AmazonOrdersWorker}),
 * for each merchant with Amazon connected: searchOrders (Orders API v2026-01-01, lastUpdatedAfter = the merchant's
 * watermark, fulfilled by the merchant, items included), and per order one atomic ledger change. Each item takes
 * {@code quantityOrdered} off physical under the source event id {@code amazon:<seller>:order:<order>:item:<item>}, so
 * however often an order is polled (the window is inclusive, and a failed poll is repeated whole) it is taken once. A
 * cancellation puts back exactly what was taken, under the same id with {@code :cancel}; a cancelled order never seen
 * before is applied as both its sale and its cancellation, which nets to zero and can never restock units that were
 * not taken. Items naming a SKU Mercator does not know are kept as unmapped, as the ledger does for every source. The
 * watermark advances only after a whole poll succeeded.
 */
@Component
class AmazonOrdersPoller {

    private static final Logger log = LoggerFactory.getLogger(AmazonOrdersPoller.class);
    static final StockSource SOURCE = StockSource.AMAZON;
    /** A merchant polled for the first time starts here before its channel was connected, or an hour back. */
    private static final Duration FIRST_LOOKBACK = Duration.ofHours(1);
    /**
     * A poll may wait this long for its rate-limit tokens (searchOrders: one every three minutes after a burst of 20);
     * a poll whose token is further away is skipped rather than holding up the other merchants' polls.
     */
    private static final Duration PACE_BUDGET = Duration.ofMinutes(2);

    private final ChannelAccounts accounts;
    private final AmazonOrders orders;
    private final InventoryLedger ledger;
    private final JdbcClient jdbc;
    private final AmazonSettings settings;
    private final Clock clock;

    AmazonOrdersPoller(
            ChannelAccounts accounts,
            AmazonOrders orders,
            InventoryLedger ledger,
            JdbcClient jdbc,
            AmazonSettings settings,
            Clock clock) {
        this.accounts = accounts;
        this.orders = orders;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one poll of one merchant did. */
    record Poll(
            int orders,
            int applied,
            int duplicates,
            int unmapped,
            @Nullable Instant watermark) {}

    /** Polls every merchant with Amazon connected; run by {@link AmazonOrdersWorker}. */
    void pollAll() {
        for (MerchantId merchant : accounts.merchantsWith(Channel.AMAZON)) {
            try {
                poll(merchant);
            } catch (AmazonFailure failure) {
                log.warn("Amazon orders poll for merchant {} failed: {}", merchant, failure.reason());
            } catch (RuntimeException unexpected) {
                log.error("Amazon orders poll for merchant {} failed", merchant, unexpected);
            }
        }
    }

    /**
     * Polls one merchant now.
     *
     * @throws AmazonFailure when Amazon could not be read; nothing past the last complete poll is lost
     */
    Poll poll(MerchantId merchant) {
        Optional<AmazonAccount> connected = accounts.amazon(merchant);
        if (connected.isEmpty()) {
            return new Poll(0, 0, 0, 0, null);
        }
        AmazonAccount account = connected.get();
        Instant deadline = clock.instant().plus(PACE_BUDGET);
        Instant after = watermark(merchant);
        if (after.isAfter(clock.instant().minus(settings.ordersSettle()))) {
            // Amazon's window must end orders-settle before now: until the watermark is that old, the window would
            // end before it starts, and Amazon would refuse it (400 InvalidInput) at the price of a scarce call.
            return new Poll(0, 0, 0, 0, null);
        }
        AmazonOrders.Updated updated = orders.updatedSince(account, after, deadline);
        int applied = 0;
        int duplicates = 0;
        int unmapped = 0;
        for (AmazonOrders.Order order : updated.orders()) {
            if (order.orderId().isBlank()) {
                continue;
            }
            List<InventoryLedger.Result> results;
            try {
                List<StockChange> changes = changes(merchant, account, order);
                if (changes.isEmpty()) {
                    continue;
                }
                results = ledger.apply(merchant, changes);
            } catch (ApiProblem absurd) {
                // One order the ledger refuses must not hold back every later order of the merchant.
                log.error(
                        "Skipping Amazon order {} of seller {}: {}",
                        order.orderId(),
                        account.sellerId(),
                        absurd.getMessage());
                continue;
            }
            for (InventoryLedger.Result result : results) {
                switch (result.outcome()) {
                    case APPLIED -> applied++;
                    case DUPLICATE -> duplicates++;
                    case UNMAPPED -> unmapped++;
                }
            }
        }
        Instant next = updated.lastUpdatedBefore();
        if (next != null) {
            advance(merchant, account.sellerId(), next);
        }
        return new Poll(updated.orders().size(), applied, duplicates, unmapped, next);
    }

    private List<StockChange> changes(MerchantId merchant, AmazonAccount account, AmazonOrders.Order order) {
        List<StockChange> changes = new ArrayList<>();
        for (AmazonOrders.Item item : order.items()) {
            if (item.orderItemId().isBlank()) {
                continue;
            }
            String sale = "amazon:" + account.sellerId() + ":order:" + order.orderId() + ":item:" + item.orderItemId();
            // Without a seller SKU the ASIN still names the item: kept as unmapped for the merchant to see.
            StockChange.ItemRef ref = StockChange.ItemRef.amazonSellerSku(
                    item.sellerSku() != null ? item.sellerSku() : "ASIN:" + item.asin());
            String actor = "amazon:" + account.sellerId();
            if (!order.canceled()) {
                if (item.quantityOrdered() > 0) {
                    changes.add(StockChange.delta(
                            ref, -item.quantityOrdered(), SOURCE, sale, "amazon order " + order.orderId(), actor));
                }
                continue;
            }
            String cancel = sale + ":cancel";
            Optional<Integer> taken = taken(merchant, sale);
            if (taken.isPresent()) {
                if (taken.get() > 0) {
                    changes.add(StockChange.delta(
                            ref, taken.get(), SOURCE, cancel, "amazon order " + order.orderId() + " canceled", actor));
                }
            } else if (item.quantityOrdered() > 0) {
                // Never seen before it was cancelled: record both, so the ledger tells the story and nets to zero.
                changes.add(StockChange.delta(
                        ref, -item.quantityOrdered(), SOURCE, sale, "amazon order " + order.orderId(), actor));
                changes.add(StockChange.delta(
                        ref,
                        item.quantityOrdered(),
                        SOURCE,
                        cancel,
                        "amazon order " + order.orderId() + " canceled",
                        actor));
            }
        }
        return changes;
    }

    /**
     * How many units the sale event took, if it was recorded: from the ledger, or from the events kept for an unknown
     * SKU (which will be applied, with their cancellation after them, once the SKU exists). Read rather than trusted
     * from the cancelled order, whose quantities Amazon may report differently.
     */
    private Optional<Integer> taken(MerchantId merchant, String saleEvent) {
        return jdbc
                .sql("""
                        select -delta from inventory_ledger where merchant_id = :merchant and source_event_id = :event
                        union all
                        select -amount from inventory_unmapped where merchant_id = :merchant and source_event_id = :event""")
                .param("merchant", merchant.value())
                .param("event", saleEvent)
                .query((rs, n) -> rs.getInt(1))
                .list()
                .stream()
                .findFirst();
    }

    private Instant watermark(MerchantId merchant) {
        Optional<Instant> stored = jdbc.sql(
                        "select last_updated_after from amazon_order_watermarks where merchant_id = :merchant")
                .param("merchant", merchant.value())
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
        if (stored.isPresent()) {
            return stored.get();
        }
        // First poll: orders from before the channel was connected are in the count the merchant started from.
        return accounts.configured(merchant).stream()
                .filter(c -> c.channel().equals(Channel.AMAZON.id()))
                .map(ChannelAccounts.ConfiguredChannel::configuredAt)
                .findFirst()
                .orElseGet(() -> clock.instant().minus(FIRST_LOOKBACK));
    }

    private void advance(MerchantId merchant, String sellerId, Instant next) {
        Timestamp now = Timestamp.from(clock.instant());
        int moved = jdbc.sql("""
                        update amazon_order_watermarks
                        set last_updated_after = :next, seller_id = :seller, polled_at = :now
                        where merchant_id = :merchant and last_updated_after <= :next""")
                .param("next", Timestamp.from(next))
                .param("seller", sellerId)
                .param("now", now)
                .param("merchant", merchant.value())
                .update();
        if (moved == 0) {
            jdbc.sql("""
                            insert into amazon_order_watermarks (merchant_id, seller_id, last_updated_after, polled_at)
                            values (:merchant, :seller, :next, :now) on conflict do nothing""")
                    .param("merchant", merchant.value())
                    .param("seller", sellerId)
                    .param("next", Timestamp.from(next))
                    .param("now", now)
                    .update();
        }
    }
}
