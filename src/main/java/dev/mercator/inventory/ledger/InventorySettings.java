package dev.mercator.inventory.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Inventory sync settings. The defaults are declared here, where the generated module doc reads them; application.yml
 * names the environment variable of each, and tests shorten the durations.
 *
 * @param lowStockLevel a SKU whose broadcast falls to this or below is pushed before every other dirty SKU
 * @param maxQuantity the largest count or change accepted from any source; anything larger is refused as absurd
 * @param pushBatchSize SKUs one push pass takes per merchant and channel
 * @param bulkThreshold a merchant backlog on one channel above this goes in one batch, so the channel can use its bulk
 *     path (an Amazon JSON_LISTINGS_FEED) instead of single calls
 * @param pollInterval how often push workers look for work when nothing woke them
 * @param lease how long a claimed (SKU, channel) stays reserved for the instance pushing it; renewed every third of it
 *     while the push runs, so it bounds how long a crashed instance's claims delay the next push, not how long a push
 *     may take
 * @param retryBase first retry delay after a transient failure; doubles per attempt with full jitter
 * @param retryMax the longest retry delay
 * @param verifyDelay how long after an accepted (not yet applied) write its result is read back
 * @param verifyAttempts read-backs that may disagree (each followed by a re-push) before the SKU shows an error
 * @param unmappedAlertAge how long orders or returns for an unknown SKU may wait to be mapped before the merchant is
 *     alerted ({@code inventory.unmapped_aging})
 */
@Validated
@ConfigurationProperties("mercator.inventory")
public record InventorySettings(
        @DefaultValue("0") @Min(0) int lowStockLevel,
        @DefaultValue("1000000") @Min(1) @Max(1_000_000_000) int maxQuantity,
        @DefaultValue("20") @Min(1) @Max(1000) int pushBatchSize,
        @DefaultValue("500") @Min(1) @Max(25_000) int bulkThreshold,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("1s") Duration retryBase,
        @DefaultValue("5m") Duration retryMax,
        @DefaultValue("30s") Duration verifyDelay,
        @DefaultValue("3") @Min(1) int verifyAttempts,
        @DefaultValue("1h") Duration unmappedAlertAge) {}
