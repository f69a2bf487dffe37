package dev.mercator.bench;

import dev.mercator.support.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Notification latency and throughput benchmark (not part of the test suite; the command is in docs/benchmarks.md).
 * Providers are the simulators with the vendors' limits, in a process of their own; Mercator runs in live mode against
 * them with its default pacing.
 *
 * <p>Light load: 60 alerts, one a second, spread over four merchants (each merchant one every 4 s, under every
 * destination's pace), each to the merchant's webhook, mailbox, Discord webhook, Telegram chat and phone. Latency is
 * from just before {@code POST /api/alerts} to the simulator's own record of arrival, per channel.
 *
 * <p>Throughput: one merchant raises 40 alerts at once; per channel, the sustained rate between the first and the last
 * arrival, beside the rate the provider's limit allows, and the 429s the simulators answered (the goal: none).
 */
class NotificationLatencyBenchmark {

    private static final int LIGHT_ALERTS = 60;
    private static final int MERCHANTS = 4;
    private static final int BURST = 40;

    /** The sustained rate each provider's limit allows one destination, as its simulator enforces it. */
    private static final Map<String, String> LIMIT = Map.of(
            "webhook", "none (Mercator's pace: 10/s less the margin)",
            "email", "none (Mercator's pace to the relay: 10/s less the margin)",
            "discord", "0.5/s (30 a minute per channel; 5 per 2 s per webhook)",
            "telegram", "1/s (bursts of 3)",
            "sms", "100/s (simulated account; Mercator's pace: 10/s less the margin)");

    @Test
    void latencyAndThroughput() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT, "Notification latency and throughput, %s, %s%n", BenchSupport.machine(), Instant.now()));
        try (NotificationBench bench = NotificationBench.start("notification_latency")) {
            List<NotificationBench.Merchant> merchants = new ArrayList<>();
            for (int i = 0; i < MERCHANTS; i++) {
                merchants.add(bench.merchant("Light " + i, NotificationBench.KINDS));
            }
            // Warm-up: one alert per merchant, not measured.
            for (int i = 0; i < MERCHANTS; i++) {
                merchants.get(i).raise(String.format("N%05d", 90_000 + i));
            }
            awaitArrivals(bench, merchants, MERCHANTS, Duration.ofSeconds(120));

            Map<String, Instant> raisedAt = new HashMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < LIGHT_ALERTS; i++) {
                long due = start + i * 1_000_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String token = String.format("N%05d", i);
                raisedAt.put(token, Instant.now());
                merchants.get(i % MERCHANTS).raise(token);
            }
            awaitArrivals(bench, merchants, MERCHANTS + LIGHT_ALERTS, Duration.ofSeconds(300));
            report.append(String.format(
                    Locale.ROOT,
                    "%nLight load: %d alerts, 1/s over %d merchants; alert raised -> provider received (ms)%n",
                    LIGHT_ALERTS,
                    MERCHANTS));
            report.append(String.format(Locale.ROOT, "%-9s %6s %8s %8s %8s%n", "channel", "n", "p50", "p95", "max"));
            for (String kind : NotificationBench.KINDS) {
                List<Long> micros = new ArrayList<>();
                for (NotificationBench.Merchant merchant : merchants) {
                    Map<String, Instant> first = new HashMap<>();
                    for (NotificationBench.Arrival arrival :
                            bench.arrivals(merchant.destinations().get(kind))) {
                        first.merge(arrival.token(), arrival.at(), (a, b) -> a.isBefore(b) ? a : b);
                    }
                    first.forEach((token, at) -> {
                        Instant raised = raisedAt.get(token);
                        if (raised != null) {
                            micros.add(Duration.between(raised, at).toNanos() / 1000);
                        }
                    });
                }
                long[] sorted = BenchSupport.sorted(micros);
                report.append(String.format(
                        Locale.ROOT,
                        "%-9s %6d %8.1f %8.1f %8.1f%n",
                        kind,
                        sorted.length,
                        BenchSupport.percentile(sorted, 50),
                        BenchSupport.percentile(sorted, 95),
                        BenchSupport.percentile(sorted, 100)));
            }

            NotificationBench.Merchant storm = bench.merchant("Storm", NotificationBench.KINDS);
            Instant burstStart = Instant.now();
            for (int i = 0; i < BURST; i++) {
                storm.raise(String.format("N%05d", 50_000 + i));
            }
            Instant burstRaised = Instant.now();
            awaitArrivals(bench, List.of(storm), BURST, Duration.ofSeconds(600));
            report.append(String.format(
                    Locale.ROOT,
                    "%nThroughput: %d alerts raised at once to one merchant (in %d ms); per channel%n",
                    BURST,
                    Duration.between(burstStart, burstRaised).toMillis()));
            report.append(String.format(
                    Locale.ROOT, "%-9s %10s %12s %6s  %s%n", "channel", "all in (s)", "rate (/s)", "429s", "limit"));
            for (String kind : NotificationBench.KINDS) {
                NotificationBench.Destination destination = storm.destinations().get(kind);
                List<Instant> times = bench.arrivals(destination).stream()
                        .map(NotificationBench.Arrival::at)
                        .sorted()
                        .toList();
                double span =
                        Duration.between(times.getFirst(), times.getLast()).toNanos() / 1e9;
                report.append(String.format(
                        Locale.ROOT,
                        "%-9s %10.1f %12.2f %6d  %s%n",
                        kind,
                        Duration.between(burstStart, times.getLast()).toNanos() / 1e9,
                        span == 0 ? Double.NaN : (times.size() - 1) / span,
                        bench.throttled(destination),
                        LIMIT.get(kind)));
            }
            long throttledLight = 0;
            for (NotificationBench.Merchant merchant : merchants) {
                for (NotificationBench.Destination destination :
                        merchant.destinations().values()) {
                    throttledLight += bench.throttled(destination);
                }
            }
            report.append(String.format(Locale.ROOT, "429s during the light-load phase: %d%n", throttledLight));
        }
        Path out = Path.of("target", "benchmarks", "notification-latency.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** Waits until {@code expected} alerts (over all the merchants) reached every channel. */
    private static void awaitArrivals(
            NotificationBench bench, List<NotificationBench.Merchant> merchants, int expected, Duration atMost)
            throws Exception {
        boolean arrived = Eventually.holds(atMost, Duration.ofSeconds(1), () -> {
            for (String kind : NotificationBench.KINDS) {
                long tokens = 0;
                for (NotificationBench.Merchant merchant : merchants) {
                    tokens += bench.arrivals(merchant.destinations().get(kind)).stream()
                            .map(NotificationBench.Arrival::token)
                            .distinct()
                            .count();
                }
                if (tokens < expected) {
                    return false;
                }
            }
            return true;
        });
        if (!arrived) {
            throw new IllegalStateException("not every alert arrived within " + atMost);
        }
    }
}
