package dev.mercator.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgently a merchant should look: {@code critical} means stock or money is at risk now. */
public enum AlertSeverity {
    INFO,
    WARNING,
    CRITICAL;

    /** The value stored and shown by the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertSeverity> find(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
}
