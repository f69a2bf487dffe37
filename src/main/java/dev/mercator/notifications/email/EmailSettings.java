package dev.mercator.notifications.email;

import dev.mercator.platform.http.ProviderMode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How e-mail leaves Mercator ({@code mercator.notifications.email.*}).
 *
 * @param mode {@code sandbox} (the default: the sandbox's SMTP server on this machine, at the port it published) or
 *     {@code live} (the relay at {@code host}:{@code port})
 * @param password the relay's password: a secret, given by environment variable, never logged ({@link #toString()})
 * @param from the {@code From} address, also the envelope sender and the domain of every {@code Message-ID}
 * @param starttlsRequired refuse to send unless the relay upgrades the connection with STARTTLS (server identity
 *     checked); unset means true in live mode and false in sandbox mode, whose server offers no STARTTLS (ADR 22)
 * @param connectTimeout how long connecting may take; the read and write timeouts bound each reply and each write.
 *     Jakarta Mail's defaults are infinite, so all three are always set
 */
@ConfigurationProperties("mercator.notifications.email")
record EmailSettings(
        @Nullable String mode,
        @Nullable String host,
        @Nullable Integer port,
        @Nullable String username,
        @Nullable String password,
        @Nullable String from,
        @Nullable Boolean starttlsRequired,
        @Nullable Duration connectTimeout,
        @Nullable Duration readTimeout,
        @Nullable Duration writeTimeout) {

    static final String PREFIX = "mercator.notifications.email.";

    EmailSettings {
        List<String> problems = new ArrayList<>();
        ProviderMode parsed = parseMode(mode, problems);
        port = port == null ? 587 : port;
        from = from == null || from.isBlank() ? "Mercator <alerts@mercator.example>" : from.strip();
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connect-timeout", problems);
        readTimeout = positive(readTimeout, Duration.ofSeconds(30), "read-timeout", problems);
        writeTimeout = positive(writeTimeout, Duration.ofSeconds(30), "write-timeout", problems);
        try {
            new InternetAddress(from, true);
        } catch (AddressException invalid) {
            problems.add(PREFIX + "from (MERCATOR_NOTIFICATIONS_EMAIL_FROM) is not an e-mail address");
        }
        if (parsed == ProviderMode.LIVE && (host == null || host.isBlank())) {
            problems.add(PREFIX + "host (MERCATOR_NOTIFICATIONS_EMAIL_HOST) is required in live mode");
        }
        if (port < 1 || port > 65535) {
            problems.add(PREFIX + "port (MERCATOR_NOTIFICATIONS_EMAIL_PORT) must be a TCP port");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    ProviderMode parsedMode() {
        return parseMode(mode, new ArrayList<>());
    }

    boolean requiresStarttls() {
        return starttlsRequired != null ? starttlsRequired : parsedMode() == ProviderMode.LIVE;
    }

    InternetAddress fromAddress() {
        try {
            return new InternetAddress(String.valueOf(from), true);
        } catch (AddressException checkedAtStartUp) {
            throw new IllegalStateException(checkedAtStartUp);
        }
    }

    private static ProviderMode parseMode(@Nullable String mode, List<String> problems) {
        if (mode == null || mode.isBlank()) {
            return ProviderMode.SANDBOX;
        }
        for (ProviderMode candidate : ProviderMode.values()) {
            if (candidate.value().equals(mode.strip().toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        problems.add(PREFIX + "mode (MERCATOR_NOTIFICATIONS_EMAIL_MODE) must be sandbox or live (was '" + mode + "')");
        return ProviderMode.SANDBOX;
    }

    private static Duration positive(
            @Nullable Duration configured, Duration fallback, String key, List<String> problems) {
        if (configured == null) {
            return fallback;
        }
        // Zero means "wait for ever" to Jakarta Mail: exactly what these settings exist to prevent.
        if (configured.isNegative() || configured.isZero()) {
            problems.add(PREFIX + key + " must be a positive duration such as 5s");
            return fallback;
        }
        return configured;
    }

    @Override
    public String toString() {
        return "EmailSettings[mode=" + mode + ", host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null || password.isEmpty() ? "<none>" : "<set>") + ", from=" + from
                + "]";
    }
}
