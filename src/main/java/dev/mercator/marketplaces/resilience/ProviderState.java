package dev.mercator.marketplaces.resilience;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What health needs to know about a provider. */
public record ProviderState(
        @Nullable String permanentFailure,
        @Nullable Instant permanentAt,
        String circuit,
        int consecutiveFailures,
        long quotaRemaining) {}
