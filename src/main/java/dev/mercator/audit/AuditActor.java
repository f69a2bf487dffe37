package dev.mercator.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mercator.platform.security.CurrentMerchant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who made a change, as one string: {@code api-key:<key id>} (a merchant's integration or person, by the key it used),
 * {@code admin} (the operator's token) or {@code system:<worker>} (a background job of Mercator's own). The audit
 * listing filters on exactly this string.
 */
public record AuditActor(@JsonValue String value) {

    private static final Pattern SHAPE =
            Pattern.compile("api-key:[0-9a-f-]{36}|admin|system:[a-z0-9][a-z0-9._-]{0,60}");

    @JsonCreator
    public AuditActor {
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not an audit actor: " + value);
        }
    }

    public static AuditActor apiKey(UUID keyId) {
        return new AuditActor("api-key:" + keyId);
    }

    public static AuditActor admin() {
        return new AuditActor("admin");
    }

    /** A background job of Mercator's own, named as its logs and metrics name it ({@code reconciliation}). */
    public static AuditActor system(String worker) {
        return new AuditActor("system:" + worker);
    }

    /**
     * The caller of the current request: its API key, or the operator. Outside a request (start-up, a worker that
     * did not say who it is) {@code system:mercator}; a worker should name itself with {@link #system} instead.
     */
    public static AuditActor current() {
        if (CurrentMerchant.isAdmin()) {
            return admin();
        }
        return CurrentMerchant.apiKeyId().map(AuditActor::apiKey).orElseGet(() -> system("mercator"));
    }

    /** Whether a filter value names an actor this trail could hold. */
    public static boolean wellFormed(String value) {
        return SHAPE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
