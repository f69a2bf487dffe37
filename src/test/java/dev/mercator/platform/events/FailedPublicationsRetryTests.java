package dev.mercator.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.ResubmissionOptions;

/** The back-off of failed publications: doubling from the minimum age, never more than an hour. */
class FailedPublicationsRetryTests {

    static final Instant PUBLISHED = Instant.parse("2026-12-04T12:00:00Z");

    private final FailedPublicationsRetry retry = new FailedPublicationsRetry(
            (ResubmissionOptions options) -> {},
            new EventRetrySettings(Duration.ofSeconds(30), Duration.ofSeconds(10), 200),
            Clock.fixed(PUBLISHED, ZoneOffset.UTC));

    static EventPublication failed(int attempts, @Nullable Instant lastResubmission) {
        return new EventPublication() {
            @Override
            public UUID getIdentifier() {
                return UUID.randomUUID();
            }

            @Override
            public Object getEvent() {
                return "event";
            }

            @Override
            public Instant getPublicationDate() {
                return PUBLISHED;
            }

            @Override
            public Optional<Instant> getCompletionDate() {
                return Optional.empty();
            }

            @Override
            public Status getStatus() {
                return Status.FAILED;
            }

            @Override
            @SuppressWarnings("NullAway")
            public Instant getLastResubmissionDate() {
                return lastResubmission;
            }

            @Override
            public int getCompletionAttempts() {
                return attempts;
            }
        };
    }

    @Test
    void aFirstFailureIsDueAfterTheMinimumAge() {
        assertThat(retry.due(failed(1, null), PUBLISHED.plusSeconds(9))).isFalse();
        assertThat(retry.due(failed(1, null), PUBLISHED.plusSeconds(10))).isTrue();
    }

    @Test
    void eachFurtherAttemptWaitsTwiceAsLongSinceTheLastResubmission() {
        Instant last = PUBLISHED.plusSeconds(100);
        // Third attempt: 10 s × 2² = 40 s after the last resubmission.
        assertThat(retry.due(failed(3, last), last.plusSeconds(39))).isFalse();
        assertThat(retry.due(failed(3, last), last.plusSeconds(40))).isTrue();
    }

    @Test
    void aPoisonEventIsTriedAtMostHourly() {
        Instant last = PUBLISHED.plusSeconds(100);
        assertThat(retry.due(failed(40, last), last.plus(Duration.ofMinutes(59))))
                .isFalse();
        assertThat(retry.due(failed(40, last), last.plus(Duration.ofHours(1)))).isTrue();
    }
}
