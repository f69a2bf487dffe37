package dev.mercator.marketplaces.resilience;

import org.jspecify.annotations.Nullable;

/** One marketplace's daily budget as {@code GET /api/monitoring/quotas} shows it. */
public record QuotaReport(
        String marketplace,
        String day,
        long budget,
        long used,
        long remaining,
        long backgroundLimit,
        @Nullable String warning) {}
