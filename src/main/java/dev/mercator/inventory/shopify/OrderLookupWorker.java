package dev.mercator.inventory.shopify;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Reads Shopify's order list for the gaps the level checks could not close, in the background. */
@Component
@ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
class OrderLookupWorker extends PeriodicWorker {

    /** The longest one lookup may take: every page of its list waiting as long as Shopify's bucket may make it. */
    private static final Duration LONGEST_LOOKUP =
            ShopifyInventoryReads.ORDERS_MAX_WAIT.multipliedBy(ShopifyInventoryReads.MAX_ORDER_PAGES + 2L);

    private final ShopifyOrderLookups lookups;

    OrderLookupWorker(ShopifyOrderLookups lookups, ShopifyLevelSettings settings) {
        super("shopify-order-lookups", settings.pollInterval());
        this.lookups = lookups;
    }

    @Override
    protected void runOnce() {
        while (lookups.lookUpRequested() > 0) {
            // A lookup's verdict may ask for another: keep going until none is waiting.
        }
    }

    /** A run waiting for Shopify's bucket is slow, not stuck: only one that outlasts the longest lookup is. */
    @Override
    protected int staleAfterIntervals() {
        return (int) Math.max(3, LONGEST_LOOKUP.toMillis() / interval().toMillis() + 1);
    }
}
