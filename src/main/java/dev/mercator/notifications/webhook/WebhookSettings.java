package dev.mercator.notifications.webhook;

import dev.mercator.platform.http.ProviderMode;
import dev.mercator.platform.http.PublicAddressGuard;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How signed webhooks leave Mercator ({@code mercator.notifications.webhook.*}).
 *
 * @param mode {@code sandbox} (the default: loopback allowed, where the sandbox's receiver runs) or {@code live} (public
 *     addresses only, at creation and at every connection)
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long to wait for the receiver's answer once the request is sent; after it the outcome is
 *     unknown
 */
@ConfigurationProperties("mercator.notifications.webhook")
record WebhookSettings(
        @Nullable String mode,
        @Nullable Duration connectTimeout,
        @Nullable Duration readTimeout) {

    WebhookSettings {
        parse(mode);
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connect-timeout");
        readTimeout = positive(readTimeout, Duration.ofSeconds(15), "read-timeout");
    }

    ProviderMode parsedMode() {
        return parse(mode);
    }

    PublicAddressGuard guard() {
        return parsedMode() == ProviderMode.LIVE ? PublicAddressGuard.LIVE : PublicAddressGuard.SANDBOX;
    }

    Duration connect() {
        return connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    }

    Duration read() {
        return readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
    }

    private static ProviderMode parse(@Nullable String mode) {
        if (mode == null || mode.isBlank()) {
            return ProviderMode.SANDBOX;
        }
        for (ProviderMode candidate : ProviderMode.values()) {
            if (candidate.value().equals(mode.strip().toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("mercator.notifications.webhook.mode (MERCATOR_NOTIFICATIONS_WEBHOOK_MODE) "
                + "must be sandbox or live (was '" + mode + "')");
    }

    private static Duration positive(@Nullable Duration configured, Duration fallback, String key) {
        if (configured == null) {
            return fallback;
        }
        if (configured.isNegative() || configured.isZero()) {
            throw new IllegalArgumentException(
                    "mercator.notifications.webhook." + key + " must be a positive duration such as 5s");
        }
        return configured;
    }
}
