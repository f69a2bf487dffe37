package dev.mercator.analytics.intake;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Event intake ({@code mercator.analytics.intake.*}; environment variables {@code MERCATOR_ANALYTICS_INTAKE_*}).
 *
 * @param maxBatchSize most events in one request (413 above it); the body also stays under {@code
 *     mercator.http.max-body-size}
 * @param maxEventSize largest serialized payload of one event, in characters (the event is rejected above it)
 * @param maxFutureSkew how far after the server's clock an event's {@code occurredAt} may lie (a client clock ahead);
 *     later ones are rejected. Events from the past are accepted however late.
 */
@Validated
@ConfigurationProperties("mercator.analytics.intake")
record IntakeSettings(
        @DefaultValue("1000") @Min(1) int maxBatchSize,
        @DefaultValue("16384") @Min(256) int maxEventSize,
        @DefaultValue("1d") @NotNull Duration maxFutureSkew) {

    IntakeSettings {
        if (maxEventSize > 65536) {
            throw new IllegalArgumentException(
                    "mercator.analytics.intake.max-event-size can be at most 65536 (the journal's payload column)");
        }
    }
}
