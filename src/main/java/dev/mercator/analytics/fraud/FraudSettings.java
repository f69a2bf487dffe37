package dev.mercator.analytics.fraud;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Fraud scoring ({@code mercator.analytics.fraud.*}; environment variables {@code MERCATOR_ANALYTICS_FRAUD_*}).
 *
 * @param scorerEnabled run the scoring pass over newly journaled events on this instance
 * @param tick how often the pass looks for new events
 * @param batchSize most journal events one pass reads
 * @param backtestMaxOrders most orders one synchronous backtest may score (a larger range is refused)
 */
@Validated
@ConfigurationProperties("mercator.analytics.fraud")
record FraudSettings(
        @DefaultValue("true") boolean scorerEnabled,
        @DefaultValue("2s") @NotNull Duration tick,
        @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize,
        @DefaultValue("20000") @Min(1) int backtestMaxOrders) {}
