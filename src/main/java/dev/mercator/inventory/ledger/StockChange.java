package dev.mercator.inventory.ledger;

import dev.mercator.inventory.StockSource;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change to a SKU's physical count, as it arrives from a source. {@code sourceEventId} makes it idempotent: the
 * same id is applied at most once per merchant, however often it is delivered.
 *
 * @param ref how the source names the item: by SKU, or by a channel's own id (a Shopify inventory item)
 * @param kind a relative change ({@code DELTA}) or a new absolute count ({@code SET})
 * @param occurredAt when the source says the fact happened (a Shopify order's {@code created_at}), if it says
 */
public record StockChange(
        ItemRef ref,
        Kind kind,
        int amount,
        StockSource source,
        String sourceEventId,
        String reason,
        String actor,
        @Nullable Instant occurredAt) {

    public StockChange(
            ItemRef ref, Kind kind, int amount, StockSource source, String sourceEventId, String reason, String actor) {
        this(ref, kind, amount, source, sourceEventId, reason, actor, null);
    }

    /** The same change, stamped with when the source says it happened. */
    public StockChange at(@Nullable Instant when) {
        return new StockChange(ref, kind, amount, source, sourceEventId, reason, actor, when);
    }

    public enum Kind {
        DELTA,
        SET
    }

    /** How an event names its item before Mercator resolves it to a SKU. */
    public record ItemRef(RefKind kind, String value) {

        public static ItemRef sku(String sku) {
            return new ItemRef(RefKind.SKU, sku);
        }

        public static ItemRef shopifyItem(String inventoryItemId) {
            return new ItemRef(RefKind.SHOPIFY_INVENTORY_ITEM, inventoryItemId);
        }

        public static ItemRef amazonSellerSku(String sellerSku) {
            return new ItemRef(RefKind.AMAZON_SELLER_SKU, sellerSku);
        }
    }

    public enum RefKind {
        SKU,
        SHOPIFY_INVENTORY_ITEM,
        AMAZON_SELLER_SKU,
        /** A Shopify line without a SKU: kept and listed as unmapped for the merchant to fix, never guessed. */
        SHOPIFY_VARIANT
    }

    public static StockChange delta(
            ItemRef ref, int delta, StockSource source, String eventId, String reason, String actor) {
        return new StockChange(ref, Kind.DELTA, delta, source, eventId, reason, actor);
    }

    public static StockChange set(
            ItemRef ref, int physical, StockSource source, String eventId, String reason, String actor) {
        return new StockChange(ref, Kind.SET, physical, source, eventId, reason, actor);
    }
}
