package dev.mercator.catalog.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CatalogCircuitBreakerTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterConsecutiveFailuresAndRefusesCalls() {
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.tryPermit()).isTrue();
            breaker.failed();
        }

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryPermit()).isFalse();
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSuccessResetsTheCount() {
        breaker.failed();
        breaker.failed();
        breaker.succeeded();
        breaker.failed();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void halfOpenLetsOneTrialThroughWhoseOutcomeDecides() {
        for (int i = 0; i < 3; i++) {
            breaker.failed();
        }
        clock.advance(Duration.ofSeconds(30));

        assertThat(breaker.tryPermit()).isTrue();
        assertThat(breaker.tryPermit()).as("only one trial at a time").isFalse();
        breaker.failed();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryPermit()).isTrue();
        breaker.succeeded();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryPermit()).isTrue();
    }
}
