package dev.mercator.dealscout.valuation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Marketplace selling fees for a reseller's net margin ({@code mercator.dealscout.fees.*}; environment variables
 * {@code MERCATOR_DEALSCOUT_FEES_*}, named in application.yml). Percentages apply to the total the buyer pays (price plus shipping), as both eBay
 * and Amazon charge them; fixed amounts are in the listing's currency. The defaults are the standard US rates for most
 * categories, checked 2026-12-04; categories, store subscriptions and other sites differ, so set your own:
 *
 * <ul>
 *   <li>eBay: final value fee 13.25 % of the total amount of the sale for most categories, plus a per-order fee of
 *       $0.40 on orders over $10 and $0.30 on orders of $10 or less (pages.ebay.com/sellerinformation/ebay-fee-structure;
 *       eBay seller update "Our per-order fee is changing", effective 2024-03-15);
 *   <li>Amazon: referral fee 15 % of the total sales price (item, shipping, gift wrap) for most categories, with a
 *       per-item minimum of $0.30; Individual-plan sellers pay $0.99 per item sold on top and media categories a $1.80
 *       closing fee (Seller Central "Selling on Amazon fee schedule", "Per-item selling fees"): the default is a
 *       Professional seller outside media, so no fixed fee;
 *   <li>AliExpress: commission 8 %, the top of the 5–8 % range AliExpress charges by category (no authoritative
 *       source was at hand; set the rate of your category).
 * </ul>
 *
 * @param ebayPercent eBay final value fee, percent of the total
 * @param ebayPerOrder eBay per-order fee on orders above {@code ebaySmallOrderLimit}
 * @param ebaySmallOrderPerOrder eBay per-order fee on orders at or below {@code ebaySmallOrderLimit}
 * @param ebaySmallOrderLimit the order total up to which the small-order fee applies
 * @param amazonPercent Amazon referral fee, percent of the total
 * @param amazonMinimum Amazon's per-item minimum referral fee
 * @param amazonPerItem fixed fee per item sold (Individual plan $0.99, plus the $1.80 closing fee in media)
 * @param aliexpressPercent AliExpress commission, percent of the total
 */
@Validated
@ConfigurationProperties("mercator.dealscout.fees")
public record FeeSettings(
        @DefaultValue("13.25") @DecimalMin("0") @DecimalMax("100")
        double ebayPercent,

        @DefaultValue("0.40") @DecimalMin("0") double ebayPerOrder,
        @DefaultValue("0.30") @DecimalMin("0") double ebaySmallOrderPerOrder,
        @DefaultValue("10") @DecimalMin("0") double ebaySmallOrderLimit,

        @DefaultValue("15") @DecimalMin("0") @DecimalMax("100")
        double amazonPercent,

        @DefaultValue("0.30") @DecimalMin("0") double amazonMinimum,
        @DefaultValue("0") @DecimalMin("0") double amazonPerItem,

        @DefaultValue("8") @DecimalMin("0") @DecimalMax("100")
        double aliexpressPercent) {

    /** The defaults, for tests and benchmarks that build the valuation without Spring. */
    public static FeeSettings defaults() {
        return new FeeSettings(13.25, 0.40, 0.30, 10, 15, 0.30, 0, 8);
    }
}
