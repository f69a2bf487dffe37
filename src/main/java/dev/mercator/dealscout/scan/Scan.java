package dev.mercator.dealscout.scan;

import dev.mercator.platform.MerchantId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored scan: its search and schedule, the interval the budget planner grants it today ({@code effectiveInterval},
 * never shorter than asked; {@code intervalReason} says why when longer), its phase and what a run costs.
 */
record Scan(
        UUID id,
        MerchantId merchant,
        ScanSpec spec,
        Duration effectiveInterval,
        @Nullable String intervalReason,
        int stagger,
        int callsPerRun,
        Instant nextRunAt,
        Instant createdAt,
        Instant updatedAt) {}
