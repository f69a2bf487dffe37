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
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warm-cache search benchmark (not part of the test suite; run with the command in docs/benchmarks.md): {@code GET
 * /api/products/search} over real HTTP against a Mercator process on PostgreSQL once every query of the set is cached,
 * so every provider part is answered from the in-process cache. Measures sustained throughput (closed loop), then
 * p50/p99 latency in open loop at 50% of it, counted from each request's intended send time. The simulators' call
 * counters must not move during the measurement: that is the check that every answer came from the cache.
 */
class CatalogSearchBenchmark {

    private static final int QUERIES = 200;
    private static final int MERCHANTS = 8;
    private static final int CLIENTS = 16;
    private static final Duration WARMUP = Duration.ofSeconds(10);
    private static final Duration MEASURE = Duration.ofSeconds(20);
    private static final Duration OPEN_LOOP = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = CatalogBench.client();
    private final AtomicLong sent = new AtomicLong();

    @Test
    void warmSearch() throws Exception {
        assumeTrue(System.getenv("MERCATOR_TEST_POSTGRES_URL") != null, "needs MERCATOR_TEST_POSTGRES_URL");
        String report;
        try (ServiceProcess mercator = CatalogBench.start("catalog_search", Map.of())) {
            // Merchants with their own AliExpress keys fill the cache faster than one key's 2 calls/s would allow;
            // product data is cached across merchants, so every merchant is served from the same entries afterwards.
            List<String> merchants = new ArrayList<>();
            for (int m = 0; m < MERCHANTS; m++) {
                merchants.add(CatalogBench.merchantWithOwnAliExpressKey(mercator, "Search bench " + m, m));
            }
            List<String> queries = CatalogBench.queries().subList(0, QUERIES);
            long filling = System.nanoTime();
            int products = fill(mercator.port(), merchants, queries);
            double fillSeconds = (System.nanoTime() - filling) / 1e9;

            Map<String, List<String>> accounts = accounts(merchants.size());
            Map<String, Long> before = CatalogBench.upstreamCalls(mercator, accounts);
            closedLoop(mercator.port(), merchants, queries, WARMUP);
            double throughput = closedLoop(mercator.port(), merchants, queries, MEASURE);
            long[] at50 = openLoop(mercator.port(), merchants, queries, throughput * 0.5, OPEN_LOOP);
            Map<String, Long> after = CatalogBench.upstreamCalls(mercator, accounts);
            long upstream = 0;
            for (String provider : CatalogBench.PROVIDERS) {
                upstream += after.get(provider) - before.get(provider);
            }
            report = String.format(
                    Locale.ROOT,
                    """
                    machine: %s
                    cache filled: %d queries x 3 providers in %.1f s (%d products in first pages)
                    warm search, closed loop (%d clients, %ds): %.0f searches/s
                    open loop at 50%% (%.0f/s, %ds): p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d searches)
                    upstream calls during warm-up and measurement: %d (0 = every answer from the cache)
                    """,
                    BenchSupport.machine(),
                    QUERIES,
                    fillSeconds,
                    products,
                    CLIENTS,
                    MEASURE.toSeconds(),
                    throughput,
                    throughput * 0.5,
                    OPEN_LOOP.toSeconds(),
                    BenchSupport.percentile(at50, 50),
                    BenchSupport.percentile(at50, 99),
                    BenchSupport.percentile(at50, 100),
                    at50.length,
                    upstream);
            if (upstream != 0) {
                throw new IllegalStateException("the cache was not warm: " + upstream + " upstream calls\n" + report);
            }
        }
        CatalogBench.write("catalog-search.txt", "Catalog warm-cache search benchmark", report);
    }

    /**
     * Every query once, paced at 12.5 searches/s so each merchant's AliExpress key stays under its 2 calls/s; each
     * must come back with all three providers answering.
     */
    private int fill(int port, List<String> merchants, List<String> queries) throws Exception {
        int products = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(MERCHANTS)) {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                HttpRequest request = CatalogBench.search(port, merchants.get(i % merchants.size()), queries.get(i));
                Thread.sleep(80);
                answers.add(pool.submit(() -> {
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("search answered " + response.statusCode());
                    }
                    return JSON.readTree(response.body());
                }));
            }
            for (Future<JsonNode> answer : answers) {
                JsonNode body = answer.get();
                for (JsonNode provider : body.get("providers")) {
                    if (!provider.get("status").asString().equals("ok")) {
                        throw new IllegalStateException("a provider did not answer while filling: " + body);
                    }
                }
                products += body.get("total").asInt();
            }
        }
        return products;
    }

    private HttpRequest next(int port, List<String> merchants, List<String> queries) {
        long n = sent.getAndIncrement();
        return CatalogBench.search(
                port, merchants.get((int) (n % merchants.size())), queries.get((int) (n * 7 % queries.size())));
    }

    private double closedLoop(int port, List<String> merchants, List<String> queries, Duration duration)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<Void> response =
                                http.send(next(port, merchants, queries), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("search answered " + response.statusCode());
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        return done.get() / (double) duration.toSeconds();
    }

    /** A fixed arrival rate regardless of answers; latency counted from when each request was due. */
    private long[] openLoop(int port, List<String> merchants, List<String> queries, double rate, Duration duration)
            throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long count = Math.round(rate * duration.toSeconds());
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                HttpRequest request = next(port, merchants, queries);
                senders.submit(() -> {
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        latencies.add((System.nanoTime() - due) / 1000);
                    }
                    return null;
                });
            }
        }
        return BenchSupport.sorted(latencies);
    }

    /** The accounts the merchants' searches run under: their own AliExpress keys, the default Amazon and eBay ones. */
    private static Map<String, List<String>> accounts(int merchants) {
        Map<String, List<String>> accounts = new java.util.LinkedHashMap<>(CatalogBench.defaultAccounts());
        List<String> aliexpress = new ArrayList<>();
        for (int m = 0; m < merchants; m++) {
            aliexpress.add(Long.toString(800_000 + m));
        }
        accounts.put("aliexpress", aliexpress);
        return accounts;
    }
}
