package dev.mercator.platform.ratelimit;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Inbound request limits, each a token bucket refilled evenly over a minute.
 *
 * @param perApiKeyPerMinute requests one merchant API key may make per minute
 * @param perIpPerMinute requests one client address may make per minute to /api and /webhook, before authentication
 */
@Validated
@ConfigurationProperties("mercator.rate-limit")
public record RateLimitSettings(
        @DefaultValue("600") @Positive long perApiKeyPerMinute,
        @DefaultValue("1200") @Positive long perIpPerMinute) {}
