package dev.mercator.inventory.reconciliation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Drift repair settings (ADR 24).
 *
 * @param scheduleEnabled whether this instance runs merchants' scheduled reconciliations (on-demand runs work either
 *     way)
 * @param interval how often each merchant's channels are reconciled; each merchant has its own slot within it, so
 *     merchants' reads spread over the interval instead of hitting the vendors together
 * @param pollInterval how often the scheduler looks for merchants whose slot has come
 * @param batchSize SKUs read per batch; between batches a run renews its lease and may stop for a shutdown
 * @param lease how long a run holds its merchant without renewing: an instance that dies mid-run frees the merchant
 *     within it
 * @param warnAfter runs in a row that find the same SKU drifted on the same channel before the warning alert
 */
@Validated
@ConfigurationProperties("mercator.inventory.reconciliation")
record ReconciliationSettings(
        @DefaultValue("true") boolean scheduleEnabled,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1m") Duration pollInterval,
        @DefaultValue("200") @Min(1) @Max(5000) int batchSize,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("3") @Min(1) int warnAfter) {

    ReconciliationSettings {
        if (interval.isNegative() || interval.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    "mercator.inventory.reconciliation.interval and poll-interval must be positive");
        }
        if (lease.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("mercator.inventory.reconciliation.lease must be at least 5s");
        }
    }
}
