package dev.mercator.platform.http;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What every provider's settings record ({@code @ConfigurationProperties("mercator.providers.<provider>")}) exposes so
 * that {@link ProviderEndpoints} can route and check it the same way for all providers. A provider adds its record,
 * implements this, and lists in {@link #liveCredentials()} what live mode cannot work without; start-up then fails
 * with the exact settings to supply. application.yml maps each setting {@code mercator.providers.<provider>.<key>} to
 * the environment variable {@code MERCATOR_<PROVIDER>_<KEY>} (upper case, dashes as underscores), which the start-up
 * message names.
 */
public interface ProviderSettings {

    /** Lower-case name, e.g. {@code heartbeat}: the key under {@code mercator.providers} and the sandbox path segment. */
    String provider();

    /** {@code sandbox} (the default when unset) or {@code live}, as configured. */
    @Nullable
    String mode();

    /** The live API's base URL; ignored in sandbox mode, where calls go to this server's simulator. */
    @Nullable
    String baseUrl();

    /** The settings live mode requires, with their configured values (which may be missing). */
    List<Credential> liveCredentials();

    /**
     * One required setting of a provider, by its key under {@code mercator.providers.<provider>} (e.g. {@code
     * api-token}). Its value is a secret: {@link #toString()} never shows it.
     */
    record Credential(String key, @Nullable String value) {

        public boolean present() {
            return value != null && !value.isBlank();
        }

        @Override
        public String toString() {
            return key + (present() ? "=<set>" : "=<missing>");
        }
    }
}
