package dev.mercator.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CostBucketTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:15:30Z"));
    private final CostBucket bucket = new CostBucket(2000, 100, clock);

    @Test
    void aRequestIsChargedItsRequestedCostAndRestoredAtTheRestoreRate() {
        assertThat(bucket.take(52)).isTrue();
        assertThat(bucket.status()).isEqualTo(new SimulatedShop.ThrottleStatus(2000, 1948, 100));

        clock.advance(Duration.ofMillis(255));

        assertThat(bucket.status().currentlyAvailable()).isEqualTo(1973);
    }

    @Test
    void aRequestTheBucketCannotPayIsThrottledWholeAndChargedNothing() {
        assertThat(bucket.take(1990)).isTrue();

        assertThat(bucket.take(11)).isFalse();

        assertThat(bucket.status().currentlyAvailable()).isEqualTo(10);
        assertThat(bucket.requests()).isEqualTo(2);
        assertThat(bucket.throttled()).isEqualTo(1);
    }

    @Test
    void aSmallerBucketKeepsItsPointsCutToTheNewSize() {
        assertThat(bucket.take(1000)).isTrue();

        bucket.resize(12, 0.01);

        assertThat(bucket.status()).isEqualTo(new SimulatedShop.ThrottleStatus(12, 12, 0.01));
        bucket.resize(2000, 100);
        assertThat(bucket.status().currentlyAvailable()).isEqualTo(12);
    }
}
