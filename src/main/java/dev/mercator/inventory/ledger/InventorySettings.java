package dev.mercator.inventory.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Inventory sync settings (defaults in application.yml; tests shorten the durations).
 *
 * @param lowStockLevel a SKU whose broadcast falls to this or below is pushed before every other dirty SKU
 * @param maxQuantity the largest count or change accepted from any source; anything larger is refused as absurd
 * @param pushBatchSize SKUs one push pass takes per merchant and channel
 * @param bulkThreshold a merchant backlog on one channel above this goes in one batch, so the channel can use its bulk
 *     path (an Amazon JSON_LISTINGS_FEED) instead of single calls
 * @param pollInterval how often push workers look for work when nothing woke them
 * @param lease how long a claimed (SKU, channel) stays reserved for the instance pushing it
 * @param retryBase first retry delay after a transient failure; doubles per attempt with full jitter
 * @param retryMax the longest retry delay
 * @param verifyDelay how long after an accepted (not yet applied) write its result is read back
 * @param verifyAttempts read-backs that may disagree (each followed by a re-push) before the SKU shows an error
 */
@Validated
@ConfigurationProperties("mercator.inventory")
public record InventorySettings(
        @Min(0) int lowStockLevel,
        @Min(1) @Max(1_000_000_000) int maxQuantity,
        @Min(1) @Max(1000) int pushBatchSize,
        @Min(1) @Max(25_000) int bulkThreshold,
        Duration pollInterval,
        Duration lease,
        Duration retryBase,
        Duration retryMax,
        Duration verifyDelay,
        @Min(1) int verifyAttempts) {

    public InventorySettings(
            int lowStockLevel,
            int maxQuantity,
            int pushBatchSize,
            int bulkThreshold,
            @Nullable Duration pollInterval,
            @Nullable Duration lease,
            @Nullable Duration retryBase,
            @Nullable Duration retryMax,
            @Nullable Duration verifyDelay,
            int verifyAttempts) {
        this.lowStockLevel = lowStockLevel;
        this.maxQuantity = maxQuantity == 0 ? 1_000_000 : maxQuantity;
        this.pushBatchSize = pushBatchSize == 0 ? 20 : pushBatchSize;
        this.bulkThreshold = bulkThreshold == 0 ? 500 : bulkThreshold;
        this.pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
        this.lease = lease == null ? Duration.ofMinutes(2) : lease;
        this.retryBase = retryBase == null ? Duration.ofSeconds(1) : retryBase;
        this.retryMax = retryMax == null ? Duration.ofMinutes(5) : retryMax;
        this.verifyDelay = verifyDelay == null ? Duration.ofSeconds(30) : verifyDelay;
        this.verifyAttempts = verifyAttempts == 0 ? 3 : verifyAttempts;
    }
}
