package dev.mercator.notifications.telegram;

import dev.mercator.platform.http.ProviderSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Telegram's Bot API. No global credential: each destination has its own bot token (a secret, and part of every
 * request's path).
 *
 * @param mode {@code sandbox} (default) or {@code live}
 * @param baseUrl the live API's base, default {@code https://api.telegram.org}
 */
@ConfigurationProperties("mercator.providers.telegram")
record TelegramSettings(
        @Nullable String mode,
        @DefaultValue("https://api.telegram.org") String baseUrl) implements ProviderSettings {

    static final String NAME = "telegram";

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of();
    }
}
