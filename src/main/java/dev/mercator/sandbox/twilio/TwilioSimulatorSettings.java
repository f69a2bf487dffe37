package dev.mercator.sandbox.twilio;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated Twilio's pace.
 *
 * @param callbackDelay between acceptance and the {@code sent} callback, and again before the final one
 * @param callbackTimeout how long a callback may take to be answered (Twilio: 15 s)
 */
@ConfigurationProperties("mercator.sandbox.twilio")
@ConditionalOnSandbox
record TwilioSimulatorSettings(
        @DefaultValue("200ms") Duration callbackDelay,
        @DefaultValue("15s") Duration callbackTimeout) {}
