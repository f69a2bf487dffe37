package dev.mercator.inventory.returns;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One returned line as a source reports it, before routing.
 *
 * @param dedupKey what makes this fact the same fact when it is reported again (per merchant)
 * @param origin which source reported it ({@code amazon_fba_report}, {@code amazon_mfn_report}, {@code shopify},
 *     {@code api}, {@code webhook})
 * @param channel where the order was placed: {@code amazon} or {@code shopify}
 * @param fulfilledBy {@code amazon} (FBA: the unit goes back to Amazon's stock) or {@code merchant}
 * @param reportedDisposition the disposition as the source names it, or null if it names none (a return to inspect)
 * @param sku the seller SKU the source names (for Amazon, the seller SKU, resolved through the mappings)
 * @param orderChecked whether the order must be one Mercator saw, with enough units for this return (merchant-fulfilled
 *     returns; Mercator never sees FBA orders)
 */
public record IncomingReturn(
        String dedupKey,
        String origin,
        String channel,
        String fulfilledBy,
        String orderId,
        String sku,
        int quantity,
        @Nullable String reportedDisposition,
        @Nullable String reason,
        Instant returnedAt,
        @Nullable String licensePlate,
        @Nullable BigDecimal unitValue,
        @Nullable String currency,
        String actor,
        boolean orderChecked) {

    public static final String AMAZON = "amazon";
    public static final String SHOPIFY = "shopify";
    public static final String MERCHANT = "merchant";

    public boolean fba() {
        return AMAZON.equals(fulfilledBy);
    }
}
