package dev.mercator.inventory;

import dev.mercator.platform.MerchantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A SKU's physical count changed (published with the change, in its transaction).
 *
 * @param occurredAt when the source says the change happened, if it says (a Shopify order's creation time)
 */
public record StockChanged(
        MerchantId merchant,
        String sku,
        int physicalBefore,
        int physicalAfter,
        StockSource source,
        String reason,
        @Nullable Instant occurredAt) {}
