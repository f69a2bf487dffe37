package dev.mercator.inventory;

/**
 * One change to a SKU's physical count, as it arrives from a source. {@code sourceEventId} makes it idempotent: the
 * same id is applied at most once per merchant, however often it is delivered.
 *
 * @param ref how the source names the item: by SKU, or by a channel's own id (a Shopify inventory item)
 * @param kind a relative change ({@code DELTA}) or a new absolute count ({@code SET})
 */
public record StockChange(
        ItemRef ref, Kind kind, int amount, String source, String sourceEventId, String reason, String actor) {

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
            ItemRef ref, int delta, String source, String eventId, String reason, String actor) {
        return new StockChange(ref, Kind.DELTA, delta, source, eventId, reason, actor);
    }

    public static StockChange set(
            ItemRef ref, int physical, String source, String eventId, String reason, String actor) {
        return new StockChange(ref, Kind.SET, physical, source, eventId, reason, actor);
    }
}
