package dev.mercator.dealscout.pricing;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The seller flow ({@code mercator.dealscout.pricing.*}; environment variables {@code MERCATOR_DEALSCOUT_PRICING_*}).
 *
 * @param maxPhotos most photos per item
 * @param maxPhotoSize largest photo accepted (413 above it)
 * @param maxTotalSize largest sum of an item's photos (413 above it)
 * @param maxPixels most pixels a photo may claim in its header (a decompression bomb guard)
 * @param currency the currency items are priced in (their comps' currency)
 * @param workerEnabled whether this instance runs the pricing worker
 * @param tick how often the worker looks for items to process
 * @param lease how long a claimed item is left to its worker before another instance may take it over
 * @param batchSize items claimed per tick
 * @param quickSaleHorizon the quick-sale price is the median price of comps that sold (vanished) within this time
 * @param patientHorizon the patient price is the highest price of a comp that still sold within this time
 * @param outboundShipping what the merchant pays to ship an item, deducted from the net proceeds (the item's currency;
 *     defaults to {@code mercator.dealscout.deals.outbound-shipping})
 */
@Validated
@ConfigurationProperties("mercator.dealscout.pricing")
record PricingSettings(
        @DefaultValue("8") @Min(1) int maxPhotos,
        @DefaultValue("10MB") @NotNull DataSize maxPhotoSize,
        @DefaultValue("30MB") @NotNull DataSize maxTotalSize,
        @DefaultValue("50000000") @Min(1) long maxPixels,
        @DefaultValue("USD") @Pattern(regexp = "[A-Z]{3}") String currency,
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("2s") @NotNull Duration tick,
        @DefaultValue("2m") @NotNull Duration lease,
        @DefaultValue("10") @Min(1) int batchSize,
        @DefaultValue("3d") @NotNull Duration quickSaleHorizon,
        @DefaultValue("30d") @NotNull Duration patientHorizon,
        @DefaultValue("0") @DecimalMin("0") double outboundShipping) {

    PricingSettings {
        if (quickSaleHorizon.isNegative()
                || quickSaleHorizon.isZero()
                || patientHorizon.compareTo(quickSaleHorizon) <= 0) {
            throw new IllegalArgumentException(
                    "mercator.dealscout.pricing.patient-horizon must be longer than a positive quick-sale-horizon");
        }
    }
}
