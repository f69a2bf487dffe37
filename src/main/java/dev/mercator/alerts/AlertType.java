package dev.mercator.alerts;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an alert is about, as a stable code merchants' rules and integrations can match on. Only conditions some module
 * actually raises are listed: a code nobody raises would be a promise the product does not keep.
 */
public enum AlertType {
    /** A channel refused a SKU's stock push, or accepted it and never applied it: the SKU is in the error state. */
    SYNC_PUSH_FAILED("sync.push_failed", AlertSeverity.CRITICAL);

    private final String code;
    private final AlertSeverity severity;

    AlertType(String code, AlertSeverity severity) {
        this.code = code;
        this.severity = severity;
    }

    public String code() {
        return code;
    }

    /** The severity the condition has unless its raiser says otherwise. */
    public AlertSeverity severity() {
        return severity;
    }

    public static Optional<AlertType> find(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
