package dev.mercator.catalog.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A count-based breaker: {@code threshold} consecutive failed calls open it; after {@code openFor} one trial call is let
 * through (half-open), whose outcome closes it or opens it again. Small enough to read in one go and driven by the
 * service clock, so tests move time instead of waiting.
 */
final class CircuitBreaker {

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private @Nullable Instant openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go ahead now; in half-open state only one trial call at a time. */
    synchronized boolean tryPermit() {
        if (state == State.OPEN) {
            Instant opened = openedAt;
            if (opened != null && !clock.instant().isBefore(opened.plus(openFor))) {
                state = State.HALF_OPEN;
                trialInFlight = false;
            } else {
                return false;
            }
        }
        if (state == State.HALF_OPEN) {
            if (trialInFlight) {
                return false;
            }
            trialInFlight = true;
        }
        return true;
    }

    synchronized void succeeded() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
        openedAt = null;
    }

    synchronized void failed() {
        failures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    /** A call that was permitted but ended without a verdict on the provider (rate-limited, say). */
    synchronized void released() {
        trialInFlight = false;
    }

    synchronized State state() {
        if (state == State.OPEN) {
            Instant opened = openedAt;
            if (opened != null && !clock.instant().isBefore(opened.plus(openFor))) {
                return State.HALF_OPEN;
            }
        }
        return state;
    }

    synchronized int failures() {
        return failures;
    }

    synchronized Duration retryAfter() {
        Instant opened = openedAt;
        if (opened == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), opened.plus(openFor));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
