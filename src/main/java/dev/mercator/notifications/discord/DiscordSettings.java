package dev.mercator.notifications.discord;

import dev.mercator.platform.http.ProviderSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Discord's webhook API. No global credential: each destination's webhook URL carries its own id and token (a
 * secret). In live mode the id and token go to {@code base-url} whichever Discord host the merchant's URL named (they
 * all serve the same API); in sandbox mode to this server's {@code /sandbox/discord}.
 *
 * @param mode {@code sandbox} (default) or {@code live}
 * @param baseUrl the live API's base, default {@code https://discord.com}
 */
@ConfigurationProperties("mercator.providers.discord")
record DiscordSettings(
        @Nullable String mode,
        @DefaultValue("https://discord.com") String baseUrl) implements ProviderSettings {

    static final String NAME = "discord";

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of();
    }
}
