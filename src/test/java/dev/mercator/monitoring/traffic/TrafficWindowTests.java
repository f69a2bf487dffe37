package dev.mercator.monitoring.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TrafficWindowTests {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    TrafficWindowTests() {
        FunctionCounter.builder("cache.gets", hits, AtomicLong::get)
                .tags("cache", "api-keys", "result", "hit")
                .register(meters);
        FunctionCounter.builder("cache.gets", misses, AtomicLong::get)
                .tags("cache", "api-keys", "result", "miss")
                .register(meters);
    }

    @Test
    void countsRequestsAndClientAndServerErrorsSeparately() {
        TrafficWindow traffic = new TrafficWindow(meters);
        for (int status : new int[] {200, 201, 204, 302, 400, 404, 429, 500, 503, 200}) {
            traffic.record(status, TimeUnit.MILLISECONDS.toNanos(5));
        }

        TrafficSummary.Requests requests = traffic.summary().requests();

        assertThat(requests.count()).isEqualTo(10);
        assertThat(requests.clientErrors()).isEqualTo(3);
        assertThat(requests.serverErrors()).isEqualTo(2);
        assertThat(requests.clientErrorRate()).isEqualTo(0.3);
        assertThat(requests.serverErrorRate()).isEqualTo(0.2);
        assertThat(requests.perSecond()).isPositive();
    }

    @Test
    void percentilesComeFromTheRecordedLatencies() {
        TrafficWindow traffic = new TrafficWindow(meters);
        for (int millis = 1; millis <= 100; millis++) {
            traffic.record(200, TimeUnit.MILLISECONDS.toNanos(millis));
        }

        TrafficSummary.Latency latency = traffic.summary().latencyMs();

        // HdrHistogram keeps three significant digits, so each value is within 0.1 % of the exact one.
        assertThat(latency.p50()).isCloseTo(50.0, org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(latency.p95()).isCloseTo(95.0, org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(latency.p99()).isCloseTo(99.0, org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(latency.max()).isCloseTo(100.0, org.assertj.core.data.Percentage.withPercentage(0.2));
    }

    @Test
    void summaryCanBeReadRepeatedlyWithoutLosingLatencies() {
        TrafficWindow traffic = new TrafficWindow(meters);
        traffic.record(200, TimeUnit.MILLISECONDS.toNanos(40));
        traffic.summary();
        traffic.record(200, TimeUnit.MILLISECONDS.toNanos(80));

        TrafficSummary.Latency latency = traffic.summary().latencyMs();

        assertThat(latency.p50()).isCloseTo(40.0, org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(latency.max()).isCloseTo(80.0, org.assertj.core.data.Percentage.withPercentage(0.2));
    }

    @Test
    void emptyWindowHasNoRatesOrPercentiles() {
        TrafficSummary summary = new TrafficWindow(meters).summary();

        assertThat(summary.requests().count()).isZero();
        assertThat(summary.requests().perSecond()).isZero();
        assertThat(summary.requests().serverErrorRate()).isNull();
        assertThat(summary.latencyMs().p50()).isNull();
        assertThat(summary.cache().hitRate()).isNull();
        assertThat(summary.outbound()).isEmpty();
    }

    @Test
    void cacheAndOutboundCountsAreDifferencesSinceTheWindowBegan() {
        hits.set(100);
        misses.set(50);
        outbound("amazon", "success", 7);
        TrafficWindow traffic = new TrafficWindow(meters);

        hits.addAndGet(3);
        misses.addAndGet(1);
        outbound("amazon", "success", 2);
        outbound("amazon", "throttled", 1);
        outbound("shopify", "timeout", 4);
        TrafficSummary summary = traffic.summary();

        assertThat(summary.cache().hits()).isEqualTo(3);
        assertThat(summary.cache().misses()).isEqualTo(1);
        assertThat(summary.cache().hitRate()).isEqualTo(0.75);
        assertThat(summary.cache().caches().get("api-keys").hits()).isEqualTo(3);
        assertThat(summary.outbound().get("amazon"))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("success", 2L, "throttled", 1L));
        assertThat(summary.outbound().get("shopify")).containsExactlyEntriesOf(java.util.Map.of("timeout", 4L));
    }

    @Test
    void resetAnswersTheEndedWindowAndStartsAnEmptyOne() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        TrafficWindow traffic = new TrafficWindow(meters, clock);
        traffic.record(500, 1_000_000);
        hits.addAndGet(2);
        outbound("amazon", "io_error", 1);
        clock.now = Instant.parse("2026-03-01T10:05:00Z");

        TrafficSummary ended = traffic.reset();
        TrafficSummary fresh = traffic.summary();

        assertThat(ended.windowStart()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(ended.requests().serverErrors()).isEqualTo(1);
        assertThat(ended.cache().hits()).isEqualTo(2);
        assertThat(fresh.windowStart()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(fresh.requests().count()).isZero();
        assertThat(fresh.cache().hits()).isZero();
        assertThat(fresh.outbound()).isEmpty();
    }

    private void outbound(String provider, String outcome, int calls) {
        Timer timer = Timer.builder(TrafficWindow.OUTBOUND_METER)
                .tags("provider", provider, "outcome", outcome)
                .register(meters);
        for (int i = 0; i < calls; i++) {
            timer.record(Duration.ofMillis(10));
        }
    }

    private static final class MutableClock implements InstantSource {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
