package dev.mercator.inventory.channel;

import org.jspecify.annotations.Nullable;

/** A SKU as a channel knows it (from the merchant's mapping; the SKU itself where nothing is mapped). */
public record PushTarget(
        String sku,
        @Nullable String asin,
        @Nullable String amazonSellerSku,
        @Nullable String shopifyInventoryItemId,
        @Nullable String shopifyLocationId) {

    /** Amazon's SKU: the mapped seller SKU, else the SKU itself. */
    public String sellerSku() {
        return amazonSellerSku != null ? amazonSellerSku : sku;
    }
}
