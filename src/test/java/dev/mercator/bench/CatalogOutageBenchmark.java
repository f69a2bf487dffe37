package dev.mercator.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mercator.support.ServiceProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outage benchmark (not part of the test suite; run with the command in docs/benchmarks.md): search latency with eBay
 * down against the healthy case, in one run of a Mercator process on PostgreSQL, default resilience settings. Every
 * search is a new query (a cache miss), so all three providers are really asked; searches arrive at a fixed rate
 * (open loop) and latency counts from each one's intended send time.
 *
 * <p>The outage is the honest kind: the eBay simulator accepts the connection and never answers (a 60 s injected
 * latency, beyond Mercator's read timeout), so until the breaker opens each search waits for the search deadline.
 * Phases: healthy; then the outage until the first search whose eBay part fails without waiting (the breaker is open),
 * reported on its own; then the outage with the breaker open. Goal: p99 with the breaker open at most 1.5 times the
 * healthy p99.
 */
class CatalogOutageBenchmark {

    private static final int MERCHANTS = 8;
    private static final double RATE = 6;
    private static final Duration WARMUP = Duration.ofSeconds(10);
    private static final Duration HEALTHY = Duration.ofSeconds(30);
    private static final Duration OPENING_AT_MOST = Duration.ofSeconds(90);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final String DOWN = "ebay";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = CatalogBench.client();
    private final AtomicInteger nextQuery = new AtomicInteger();
    private List<String> queries = List.of();
    private List<String> merchants = List.of();

    record Sample(long sent, long micros, String downStatus, String downError, int failedProviders) {}

    @Test
    void outage() throws Exception {
        assumeTrue(System.getenv("MERCATOR_TEST_POSTGRES_URL") != null, "needs MERCATOR_TEST_POSTGRES_URL");
        String report;
        try (ServiceProcess mercator = CatalogBench.start("catalog_outage", Map.of())) {
            // Each merchant has its own AliExpress key: 6 searches/s over 8 keys stays under the simulator's 2 calls/s
            // per key, so AliExpress's bucket does not dominate either phase.
            List<String> keys = new ArrayList<>();
            for (int m = 0; m < MERCHANTS; m++) {
                keys.add(CatalogBench.merchantWithOwnAliExpressKey(mercator, "Outage bench " + m, m));
            }
            merchants = keys;
            queries = CatalogBench.queries();
            int port = mercator.port();

            openLoop(port, WARMUP, s -> false);
            List<Sample> healthy = openLoop(port, HEALTHY, s -> false);

            CatalogBench.faults(mercator, DOWN, Map.of("latencyMs", 60_000));
            long outageStart = System.nanoTime();
            // The breaker is open once the down provider's part fails without waiting for the search deadline.
            List<Sample> opening = openLoop(
                    port,
                    OPENING_AT_MOST,
                    s -> s.downStatus().equals("failed") && !s.downError().startsWith("no answer"));
            double openedAfter = (System.nanoTime() - outageStart) / 1e9;
            List<Sample> open = openLoop(port, OUTAGE, s -> false);
            CatalogBench.clearFaults(mercator, DOWN);

            long[] h = micros(healthy);
            long[] o = micros(open);
            long[] first = micros(opening);
            double ratio = BenchSupport.percentile(o, 99) / BenchSupport.percentile(h, 99);
            report = String.format(
                    Locale.ROOT,
                    """
                    machine: %s
                    %s down = accepts, never answers (read timeout %s, search deadline 5 s, default breaker settings)
                    %.0f searches/s, each a new query (cache miss), %d merchants
                    healthy:            p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms (%d searches; %s)
                    breaker closed:     p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms (%d searches sent in the %.1f s until the breaker opened; %s)
                    breaker open:       p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms (%d searches; %s)
                    ratio p99 open / healthy: %.2f (goal <= 1.5)
                    first searches of the outage (ms): %s
                    """,
                    BenchSupport.machine(),
                    DOWN,
                    "10 s",
                    RATE,
                    MERCHANTS,
                    BenchSupport.percentile(h, 50),
                    BenchSupport.percentile(h, 99),
                    BenchSupport.percentile(h, 100),
                    h.length,
                    outcomes(healthy),
                    BenchSupport.percentile(first, 50),
                    BenchSupport.percentile(first, 99),
                    BenchSupport.percentile(first, 100),
                    first.length,
                    openedAfter,
                    outcomes(opening),
                    BenchSupport.percentile(o, 50),
                    BenchSupport.percentile(o, 99),
                    BenchSupport.percentile(o, 100),
                    o.length,
                    outcomes(open),
                    ratio,
                    opening.stream()
                            .sorted(java.util.Comparator.comparingLong(Sample::sent))
                            .limit(12)
                            .map(s -> Long.toString(s.micros() / 1000))
                            .toList());
        }
        CatalogBench.write("catalog-outage.txt", "Catalog outage benchmark", report);
    }

    /**
     * Searches at {@link #RATE} per second for at most {@code duration}, or until an answer matches {@code stop};
     * returns the answers in the order they were sent.
     */
    private List<Sample> openLoop(int port, Duration duration, Predicate<Sample> stop) throws Exception {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stopped = new AtomicBoolean();
        long intervalNanos = (long) (1e9 / RATE);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; !stopped.get(); i++) {
                long due = start + i * intervalNanos;
                if (due >= end) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int n = nextQuery.getAndIncrement();
                HttpRequest request = CatalogBench.search(port, merchants.get(n % merchants.size()), queries.get(n));
                senders.submit(() -> {
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long micros = (System.nanoTime() - due) / 1000;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("search answered " + response.statusCode());
                    }
                    JsonNode body = JSON.readTree(response.body());
                    String status = "absent";
                    String error = "";
                    for (JsonNode provider : body.get("providers")) {
                        if (provider.get("marketplace").asString().equals(DOWN)) {
                            status = provider.get("status").asString();
                            error = provider.path("error").asString("");
                        }
                    }
                    Sample sample = new Sample(
                            n,
                            micros,
                            status,
                            error,
                            body.get("failedProviders").size());
                    samples.add(sample);
                    if (stop.test(sample)) {
                        stopped.set(true);
                    }
                    return null;
                });
            }
        }
        return samples;
    }

    private static long[] micros(List<Sample> samples) {
        return BenchSupport.sorted(samples.stream().map(Sample::micros).toList());
    }

    /** How the down provider's part came back, e.g. {@code ebay ok 180}. */
    private static String outcomes(List<Sample> samples) {
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        for (Sample s : samples) {
            byStatus.merge(s.downStatus(), 1L, Long::sum);
        }
        return DOWN + " " + byStatus;
    }
}
