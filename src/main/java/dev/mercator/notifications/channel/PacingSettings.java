package dev.mercator.notifications.channel;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The providers' published limits each channel paces itself to (ADR 21, "Pacing"), and the margin kept under them.
 * Every limit is shared by all instances through the database. The defaults are the vendors' documented limits; an
 * installation whose provider grants more (a Twilio short code, a relay with a higher quota) raises its own.
 *
 * @param margin share of each limit left unused (0.1: pace at 90 %), so clock and network jitter cannot push a
 *     paced stream over the provider's window
 * @param discordWebhookPerMinute messages per minute to one webhook (Discord: 30 a minute to a channel)
 * @param discordGlobalPerSecond requests per second to Discord from this installation (Discord's global 50)
 * @param telegramChatPerSecond messages per second to one private chat (Telegram: about one)
 * @param telegramGroupPerMinute messages per minute to one group or channel (Telegram: 20)
 * @param telegramBotPerSecond messages per second from one bot (Telegram: about 30)
 * @param twilioAccountPerSecond messages per second created in one Twilio account (its senders' combined rate)
 * @param emailPerSecond messages per second handed to the SMTP relay
 * @param webhookPerSecond requests per second to one merchant webhook
 */
@Validated
@ConfigurationProperties("mercator.notifications.pacing")
public record PacingSettings(
        @DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("0.9")
        double margin,

        @DefaultValue("30") @Positive double discordWebhookPerMinute,
        @DefaultValue("50") @Positive double discordGlobalPerSecond,
        @DefaultValue("1") @Positive double telegramChatPerSecond,
        @DefaultValue("20") @Positive double telegramGroupPerMinute,
        @DefaultValue("30") @Positive double telegramBotPerSecond,
        @DefaultValue("10") @Positive double twilioAccountPerSecond,
        @DefaultValue("10") @Positive double emailPerSecond,
        @DefaultValue("10") @Positive double webhookPerSecond) {

    /** The defaults, for senders built by hand in tests. */
    public static PacingSettings defaults() {
        return new PacingSettings(0.1, 30, 50, 1, 20, 30, 10, 10, 10);
    }
}
