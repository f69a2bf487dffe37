package dev.mercator.notifications.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery ledger settings. The defaults are declared here, where the generated module doc reads them; application.yml
 * names the environment variable of each.
 *
 * @param pollInterval how often the dispatcher looks for due deliveries
 * @param batchSize deliveries one dispatcher pass claims
 * @param lease how long a claimed delivery stays reserved for the instance sending it; a crashed instance's claim is
 *     taken over after it
 * @param retryBase the ceiling of the first retry delay after a transient failure; doubles per attempt, full jitter
 * @param retryMax the ceiling no retry delay exceeds
 * @param maxAttempts sends after which a delivery that still fails transiently is dead
 * @param maxSpan how long after its first attempt a delivery may still be retried; past it, dead
 */
@Validated
@ConfigurationProperties("mercator.notifications")
public record NotificationSettings(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5s") Duration retryBase,
        @DefaultValue("10m") Duration retryMax,
        @DefaultValue("30") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("24h") Duration maxSpan) {}
