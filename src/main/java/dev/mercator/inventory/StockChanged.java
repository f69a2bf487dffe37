package dev.mercator.inventory;

import dev.mercator.platform.MerchantId;

/** A SKU's physical count changed (published with the change, in its transaction). */
public record StockChanged(
        MerchantId merchant, String sku, int physicalBefore, int physicalAfter, String source, String reason) {}
