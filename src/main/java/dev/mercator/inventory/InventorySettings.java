package dev.mercator.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Inventory sync settings.
 *
 * @param lowStockLevel a SKU whose broadcast falls to this or below is pushed before every other dirty SKU
 * @param maxQuantity the largest count or change accepted from any source; anything larger is refused as absurd
 * @param manualEditSettle how long a Shopify inventory-level update waits before it is read as a manual edit, so the
 *     order that caused it (delivered out of order) is applied first and not counted twice
 */
@Validated
@ConfigurationProperties("mercator.inventory")
public record InventorySettings(
        @Min(0) int lowStockLevel,
        @Min(1) @Max(1_000_000_000) int maxQuantity,
        @NotNull Duration manualEditSettle) {}
