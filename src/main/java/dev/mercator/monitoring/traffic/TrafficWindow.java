package dev.mercator.monitoring.traffic;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The traffic summary's current window: request counts and a latency histogram fed by {@link RequestTimer}, plus
 * cache and outbound-call counts read from Micrometer as differences from their values when the window began. A reset
 * swaps in a fresh window in one step, so a request is counted in one window or the other, never half in each.
 */
@Component
class TrafficWindow {

    /** Micrometer's meter for every call to an external provider, tagged {@code provider} and {@code outcome}. */
    static final String OUTBOUND_METER = "mercator.outbound.requests";

    static final String CACHE_GETS_METER = "cache.gets";

    private final MeterRegistry meters;
    private final InstantSource clock;
    private final AtomicReference<Window> current;

    @Autowired
    TrafficWindow(MeterRegistry meters) {
        this(meters, InstantSource.system());
    }

    TrafficWindow(MeterRegistry meters, InstantSource clock) {
        this.meters = meters;
        this.clock = clock;
        this.current = new AtomicReference<>(newWindow());
    }

    void record(int status, long nanos) {
        current.get().record(status, nanos);
    }

    TrafficSummary summary() {
        return current.get().summarise();
    }

    /** Starts a new window and returns the summary of the one that ended. */
    TrafficSummary reset() {
        return current.getAndSet(newWindow()).summarise();
    }

    private Window newWindow() {
        return new Window(clock.instant(), System.nanoTime(), cacheGets(), outboundCalls());
    }

    /** Hits and misses per cache, as Micrometer counts them since each cache was created. */
    private Map<String, long[]> cacheGets() {
        Map<String, long[]> gets = new TreeMap<>();
        for (Meter meter : meters.find(CACHE_GETS_METER).meters()) {
            String cache = meter.getId().getTag("cache");
            String result = meter.getId().getTag("result");
            if (cache == null || result == null) {
                continue;
            }
            long[] counts = gets.computeIfAbsent(cache, c -> new long[2]);
            if ("hit".equals(result)) {
                counts[0] += count(meter);
            } else if ("miss".equals(result)) {
                counts[1] += count(meter);
            }
        }
        return gets;
    }

    private static long count(Meter meter) {
        double total = 0;
        for (Measurement measurement : meter.measure()) {
            if (measurement.getStatistic() == Statistic.COUNT) {
                total += measurement.getValue();
            }
        }
        return (long) total;
    }

    /** Outbound calls per provider and outcome since start-up. */
    private Map<String, Map<String, Long>> outboundCalls() {
        Map<String, Map<String, Long>> calls = new TreeMap<>();
        for (Timer timer : meters.find(OUTBOUND_METER).timers()) {
            String provider = timer.getId().getTag("provider");
            String outcome = timer.getId().getTag("outcome");
            if (provider == null || outcome == null) {
                continue;
            }
            calls.computeIfAbsent(provider, p -> new TreeMap<>()).merge(outcome, timer.count(), Long::sum);
        }
        return calls;
    }

    private final class Window {

        private final Instant start;
        private final long startNanos;
        private final Map<String, long[]> cacheBaseline;
        private final Map<String, Map<String, Long>> outboundBaseline;
        // Recorder takes values from many request threads without locking; the summary drains it into `latencies`.
        private final Recorder recorder = new Recorder(3);
        private final Histogram latencies = new Histogram(3);
        private final LongAdder requests = new LongAdder();
        private final LongAdder clientErrors = new LongAdder();
        private final LongAdder serverErrors = new LongAdder();

        Window(
                Instant start,
                long startNanos,
                Map<String, long[]> cacheBaseline,
                Map<String, Map<String, Long>> outboundBaseline) {
            this.start = start;
            this.startNanos = startNanos;
            this.cacheBaseline = cacheBaseline;
            this.outboundBaseline = outboundBaseline;
        }

        void record(int status, long nanos) {
            recorder.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
            requests.increment();
            if (status >= 500) {
                serverErrors.increment();
            } else if (status >= 400) {
                clientErrors.increment();
            }
        }

        TrafficSummary summarise() {
            double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
            long count = requests.sum();
            long client = clientErrors.sum();
            long server = serverErrors.sum();
            return new TrafficSummary(
                    start,
                    round(seconds),
                    new TrafficSummary.Requests(
                            count, round(count / seconds), client, server, ratio(client, count), ratio(server, count)),
                    latency(),
                    cache(),
                    outbound());
        }

        private synchronized TrafficSummary.Latency latency() {
            latencies.add(recorder.getIntervalHistogram());
            if (latencies.getTotalCount() == 0) {
                return new TrafficSummary.Latency(null, null, null, null);
            }
            return new TrafficSummary.Latency(
                    millis(latencies.getValueAtPercentile(50)),
                    millis(latencies.getValueAtPercentile(95)),
                    millis(latencies.getValueAtPercentile(99)),
                    millis(latencies.getMaxValue()));
        }

        private TrafficSummary.Cache cache() {
            Map<String, TrafficSummary.CacheGets> caches = new TreeMap<>();
            long hits = 0;
            long misses = 0;
            for (var entry : cacheGets().entrySet()) {
                long[] before = cacheBaseline.getOrDefault(entry.getKey(), new long[2]);
                long cacheHits = Math.max(0, entry.getValue()[0] - before[0]);
                long cacheMisses = Math.max(0, entry.getValue()[1] - before[1]);
                caches.put(
                        entry.getKey(),
                        new TrafficSummary.CacheGets(
                                cacheHits, cacheMisses, ratio(cacheHits, cacheHits + cacheMisses)));
                hits += cacheHits;
                misses += cacheMisses;
            }
            return new TrafficSummary.Cache(hits, misses, ratio(hits, hits + misses), caches);
        }

        private Map<String, Map<String, Long>> outbound() {
            Map<String, Map<String, Long>> calls = new TreeMap<>();
            outboundCalls()
                    .forEach((provider, outcomes) -> outcomes.forEach((outcome, count) -> {
                        long before = outboundBaseline
                                .getOrDefault(provider, Map.of())
                                .getOrDefault(outcome, 0L);
                        long delta = count - before;
                        if (delta > 0) {
                            calls.computeIfAbsent(provider, p -> new TreeMap<>())
                                    .put(outcome, delta);
                        }
                    }));
            return calls;
        }
    }

    private static @Nullable Double ratio(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static double millis(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
