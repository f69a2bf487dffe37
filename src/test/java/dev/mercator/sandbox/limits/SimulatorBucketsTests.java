package dev.mercator.sandbox.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.support.MutableClock;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatorBucketsTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:15:30Z"));

    @Test
    void aBucketRefillsOnlyAsTheSimulatorClockMoves() throws InterruptedException {
        Bucket bucket = SimulatorBuckets.full(5, 5, clock);

        assertThat(bucket.tryConsume(5)).isTrue();
        // Real time passes while the simulator's clock stands still: a bucket on System.nanoTime would hold a token.
        Thread.sleep(250);

        assertThat(bucket.tryConsume(1)).isFalse();
        clock.advance(Duration.ofMillis(199));
        assertThat(bucket.tryConsume(1)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(bucket.tryConsume(1)).isTrue();
    }

    @Test
    void aFractionalRateRefillsContinuouslyAndNeverAboveItsCapacity() {
        Bucket bucket = SimulatorBuckets.full(0.0083, 15, clock);
        assertThat(bucket.tryConsume(15)).isTrue();

        clock.advance(Duration.ofSeconds(120));
        assertThat(bucket.getAvailableTokens()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(bucket.getAvailableTokens()).isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        assertThat(bucket.getAvailableTokens()).isEqualTo(15);
    }
}
