package dev.mercator.platform.http.heartbeat;

import dev.mercator.platform.http.ProviderSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The heartbeat provider. Public because the sandbox's heartbeat simulator must accept exactly the token this client
 * presents.
 *
 * @param mode {@code sandbox} (default) or {@code live}
 * @param baseUrl the live API, required in live mode
 * @param apiToken bearer token; required in live mode, {@link #SANDBOX_TOKEN} in sandbox mode when unset
 */
@ConfigurationProperties("mercator.providers.heartbeat")
public record HeartbeatSettings(
        @Nullable String mode,
        @Nullable String baseUrl,
        @Nullable String apiToken) implements ProviderSettings {

    public static final String NAME = "heartbeat";

    /** The token the simulator issues when none is configured. Not a secret: it opens nothing but the sandbox. */
    public static final String SANDBOX_TOKEN = "hb_sandbox_2f8c41d7e09a4b6c";

    public HeartbeatSettings {
        mode = blankToNull(mode);
        baseUrl = blankToNull(baseUrl);
        apiToken = blankToNull(apiToken);
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of(new Credential("api-token", apiToken));
    }

    /** The token to present: the configured one, else the sandbox's (live mode cannot start without one). */
    public String token() {
        return apiToken != null ? apiToken : SANDBOX_TOKEN;
    }

    @Override
    public String toString() {
        return "HeartbeatSettings[mode=" + mode + ", baseUrl=" + baseUrl + ", apiToken="
                + (apiToken == null ? "<unset>" : "<set>") + "]";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
