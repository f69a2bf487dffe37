package dev.mercator.platform.http;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Timeouts of every call to an external provider. Both are always in force: a provider that accepts a connection and
 * never answers must not hold a thread for ever.
 *
 * @param connectTimeout how long establishing a connection may take
 * @param readTimeout how long to wait for a response once the request is sent
 * @param providers per-provider overrides by provider name, e.g. {@code mercator.outbound.providers.amazon.read-timeout}
 *     for an API whose reports are slow to produce
 */
@ConfigurationProperties("mercator.outbound")
record OutboundSettings(
        @Nullable Duration connectTimeout,
        @Nullable Duration readTimeout,
        @Nullable Map<String, Timeouts> providers) {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    OutboundSettings {
        connectTimeout = positive(
                connectTimeout,
                DEFAULT_CONNECT_TIMEOUT,
                "mercator.outbound.connect-timeout (MERCATOR_OUTBOUND_CONNECT_TIMEOUT)");
        readTimeout = positive(
                readTimeout, DEFAULT_READ_TIMEOUT, "mercator.outbound.read-timeout (MERCATOR_OUTBOUND_READ_TIMEOUT)");
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        providers.forEach((provider, override) -> {
            String prefix = "mercator.outbound.providers." + provider;
            if (override.connectTimeout() != null) {
                positive(override.connectTimeout(), DEFAULT_CONNECT_TIMEOUT, prefix + ".connect-timeout");
            }
            if (override.readTimeout() != null) {
                positive(override.readTimeout(), DEFAULT_READ_TIMEOUT, prefix + ".read-timeout");
            }
        });
    }

    Duration connectTimeoutFor(String provider) {
        Timeouts override = overrides().get(provider);
        Duration specific = override == null ? null : override.connectTimeout();
        return specific != null ? specific : timeoutOrDefault(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    }

    Duration readTimeoutFor(String provider) {
        Timeouts override = overrides().get(provider);
        Duration specific = override == null ? null : override.readTimeout();
        return specific != null ? specific : timeoutOrDefault(readTimeout, DEFAULT_READ_TIMEOUT);
    }

    Map<String, Timeouts> overrides() {
        return providers == null ? Map.of() : providers;
    }

    /** A provider's own timeouts; either may be left out to use the global one. */
    record Timeouts(
            @Nullable Duration connectTimeout, @Nullable Duration readTimeout) {}

    private static Duration timeoutOrDefault(@Nullable Duration configured, Duration fallback) {
        return configured != null ? configured : fallback;
    }

    private static Duration positive(@Nullable Duration configured, Duration fallback, String setting) {
        if (configured == null) {
            return fallback;
        }
        // Zero would mean "wait for ever" to most HTTP clients: exactly what these settings exist to prevent.
        if (configured.isNegative() || configured.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration such as 2s or 500ms");
        }
        return configured;
    }
}
