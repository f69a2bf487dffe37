package dev.mercator.marketplaces.source;

import dev.mercator.marketplaces.SourceAccount;
import org.jspecify.annotations.Nullable;

/** Small helpers for the adapters' settings records. */
public final class Settings {

    private Settings() {}

    public static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A credential field for a call: the account's own, else the instance setting, else the sandbox default (only
     * reached in sandbox mode, since live mode does not start without the setting).
     */
    public static String field(SourceAccount account, String name, @Nullable String configured, String sandbox) {
        String own = blankToNull(account.fields().get(name));
        if (own != null) {
            return own;
        }
        return configured != null ? configured : sandbox;
    }

    /** The affiliate tag for a call: the account's own, else the instance setting, else the sandbox default. */
    public static String tag(SourceAccount account, @Nullable String configured, String sandbox) {
        String own = blankToNull(account.affiliateTag());
        if (own != null) {
            return own;
        }
        return configured != null ? configured : sandbox;
    }
}
