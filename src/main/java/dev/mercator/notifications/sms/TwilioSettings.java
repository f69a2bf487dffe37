package dev.mercator.notifications.sms;

import dev.mercator.platform.http.ProviderSettings;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio's Programmable Messaging API. No global credential: each SMS destination names its account (setting {@code
 * accountSid}) and holds that account's auth token (secret {@code authToken}), which both authenticates the send and
 * verifies Twilio's callbacks for it.
 *
 * @param mode {@code sandbox} (default) or {@code live}
 * @param baseUrl the live API's base, default {@code https://api.twilio.com}
 * @param validityPeriod how long Twilio may keep a message queued before giving it up (error 30036), for destinations
 *     that set none: a deal alert an hour old is spam, not news. 1 s to 10 h, Twilio's range.
 */
@ConfigurationProperties("mercator.providers.twilio")
record TwilioSettings(
        @Nullable String mode,
        @DefaultValue("https://api.twilio.com") String baseUrl,
        @DefaultValue("1h") Duration validityPeriod)
        implements ProviderSettings {

    static final String NAME = "twilio";
    static final long MAX_VALIDITY_SECONDS = 36_000;

    TwilioSettings {
        if (validityPeriod.toSeconds() < 1 || validityPeriod.toSeconds() > MAX_VALIDITY_SECONDS) {
            throw new IllegalArgumentException("mercator.providers.twilio.validity-period"
                    + " (MERCATOR_TWILIO_VALIDITY_PERIOD) must be between 1s and 10h, Twilio's range (was "
                    + validityPeriod + ")");
        }
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of();
    }
}
