package dev.mercator.dealscout.valuation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Deal Scout values comparable pools and scores listings ({@code mercator.dealscout.valuation.*}; environment
 * variables {@code MERCATOR_DEALSCOUT_VALUATION_*}, named in application.yml). The statistics are explained in ADR 26.
 *
 * @param halfLife age at which a comp weighs half as much as one seen now (exponential decay)
 * @param window comps older than this are not used at all
 * @param minEffectiveSample no valuation below this effective sample size (Kish)
 * @param thinBelow a valuation below this effective sample size is labelled thin (and a thin pool borrows from a
 *     coarser one when that one is not thin)
 * @param confidence confidence of the median's order-statistic interval
 * @param outlierZ comps whose modified z-score exceeds this in absolute value are removed before valuing
 * @param tooGoodZ a listing whose robust z is below minus this is "too good: check title, condition, seller", never a
 *     deal
 * @param tooGoodDiscount a listing more than this share below the market value (0.6 = under 40 % of it) is also "too
 *     good", whatever its robust z: a pool with a wide spread (borrowed, or mixing what sellers call one condition)
 *     must not make a price that far below the market look plausible
 * @param defaultMinDiscount the discount a deal needs when its watch names none (0.15 = 15 % below market value)
 * @param revalueAfter how long a pool's valuation is reused while the pool does not change (ages move slowly: a minute
 *     changes a 14-day half-life weight by 0.003 %)
 */
@Validated
@ConfigurationProperties("mercator.dealscout.valuation")
public record ValuationSettings(
        @DefaultValue("14d") Duration halfLife,
        @DefaultValue("90d") Duration window,
        @DefaultValue("5") @DecimalMin("1") double minEffectiveSample,
        @DefaultValue("12") @DecimalMin("1") double thinBelow,

        @DefaultValue("0.95") @DecimalMin("0.5") @DecimalMax("0.999")
        double confidence,

        @DefaultValue("3.5") @Positive double outlierZ,
        @DefaultValue("5") @Positive double tooGoodZ,

        @DefaultValue("0.6") @DecimalMin("0.05") @DecimalMax("1")
        double tooGoodDiscount,

        @DefaultValue("0.15") @DecimalMin("0") @DecimalMax("0.95")
        double defaultMinDiscount,

        @DefaultValue("1m") Duration revalueAfter) {

    public ValuationSettings {
        if (tooGoodDiscount <= defaultMinDiscount) {
            throw new IllegalArgumentException(
                    "mercator.dealscout.valuation.too-good-discount must be above default-min-discount");
        }
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("mercator.dealscout.valuation.half-life must be positive");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("mercator.dealscout.valuation.window must be positive");
        }
    }

    /** The defaults, for tests and benchmarks that build the valuation without Spring. */
    public static ValuationSettings defaults() {
        return new ValuationSettings(
                Duration.ofDays(14), Duration.ofDays(90), 5, 12, 0.95, 3.5, 5, 0.6, 0.15, Duration.ofMinutes(1));
    }
}
