package dev.mercator.platform.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Where a provider's calls go: Mercator's own simulator under {@code /sandbox/<provider>}, or the real API. */
public enum ProviderMode {
    SANDBOX,
    LIVE;

    /** The value as written in settings: {@code sandbox} or {@code live}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configured mode; none configured means sandbox, so a fresh checkout never calls a real provider. */
    static ProviderMode parse(@Nullable String configured, String setting) {
        if (configured == null || configured.isBlank()) {
            return SANDBOX;
        }
        for (ProviderMode mode : values()) {
            if (mode.value().equalsIgnoreCase(configured.strip())) {
                return mode;
            }
        }
        throw new IllegalStateException(setting + " must be one of " + allowed() + " (was '" + configured + "')");
    }

    static String allowed() {
        return Arrays.stream(values()).map(ProviderMode::value).collect(Collectors.joining(", "));
    }
}
