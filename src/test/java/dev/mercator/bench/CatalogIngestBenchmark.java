package dev.mercator.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mercator.support.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalog ingestion benchmark (not part of the test suite; run with the command in docs/benchmarks.md): {@code POST
 * /api/catalog/ingest} by keywords (a new query each time, up to 50 products from each of the three simulated
 * marketplaces) into a Mercator process on PostgreSQL, closed loop. Each request asks the providers, validates every
 * product and upserts the valid ones (with a price-history row for a new price), so the figure includes the provider
 * calls; {@code CatalogUpsertBenchmark} isolates validation and upsert.
 */
class CatalogIngestBenchmark {

    private static final int MERCHANTS = 16;
    private static final int CLIENTS = 4;
    private static final Duration WARMUP = Duration.ofSeconds(10);
    private static final Duration MEASURE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = CatalogBench.client();
    private final AtomicInteger nextQuery = new AtomicInteger();

    @Test
    void ingest() throws Exception {
        assumeTrue(System.getenv("MERCATOR_TEST_POSTGRES_URL") != null, "needs MERCATOR_TEST_POSTGRES_URL");
        String report;
        try (ServiceProcess mercator = CatalogBench.start("catalog_ingest", Map.of())) {
            // Client c uses merchants c, c+4, c+8, c+12 in turn, each with its own AliExpress key, so no key sees more
            // than a quarter of a client's requests: under the simulator's 2 calls/s per key at these latencies.
            List<String> merchants = new ArrayList<>();
            List<String> aliexpressKeys = new ArrayList<>();
            for (int m = 0; m < MERCHANTS; m++) {
                merchants.add(CatalogBench.merchantWithOwnAliExpressKey(mercator, "Ingest bench " + m, m));
                aliexpressKeys.add(Long.toString(800_000 + m));
            }
            List<String> queries = CatalogBench.queries();
            Map<String, List<String>> accounts = new java.util.LinkedHashMap<>(CatalogBench.defaultAccounts());
            accounts.put("aliexpress", aliexpressKeys);

            run(mercator.port(), merchants, queries, WARMUP);
            Map<String, Long> before = CatalogBench.upstreamCalls(mercator, accounts);
            Result result = run(mercator.port(), merchants, queries, MEASURE);
            Map<String, Long> after = CatalogBench.upstreamCalls(mercator, accounts);
            long throttled = 0;
            for (String key : aliexpressKeys) {
                JsonNode stats = CatalogBench.expect(
                        mercator.api().get("/sandbox/aliexpress/_sandbox/accounts/" + key + "/stats"));
                throttled += stats.path("throttled").asLong(0);
            }
            long[] latencies = BenchSupport.sorted(result.micros());
            double seconds = MEASURE.toSeconds();
            report = String.format(
                    Locale.ROOT,
                    """
                    machine: %s
                    POST /api/catalog/ingest by keywords, 3 providers, limit 50; %d clients, %ds closed loop
                    requests: %d (%.1f/s); products upserted: %d (%.0f products/s), %d distinct; rejected: %d
                    request latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms
                    provider parts failed: %d
                    upstream calls: amazon %d, aliexpress %d, ebay %d; AliExpress throttled (whole run): %d
                    """,
                    BenchSupport.machine(),
                    CLIENTS,
                    MEASURE.toSeconds(),
                    latencies.length,
                    latencies.length / seconds,
                    result.upserted().get(),
                    result.upserted().get() / seconds,
                    result.distinct().size(),
                    result.rejected().get(),
                    BenchSupport.percentile(latencies, 50),
                    BenchSupport.percentile(latencies, 99),
                    BenchSupport.percentile(latencies, 100),
                    result.failed().get(),
                    after.get("amazon") - before.get("amazon"),
                    after.get("aliexpress") - before.get("aliexpress"),
                    after.get("ebay") - before.get("ebay"),
                    throttled);
        }
        CatalogBench.write("catalog-ingest.txt", "Catalog ingestion benchmark", report);
    }

    record Result(
            List<Long> micros, AtomicLong upserted, AtomicLong rejected, AtomicLong failed, Set<String> distinct) {}

    private Result run(int port, List<String> merchants, List<String> queries, Duration duration) throws Exception {
        Result result = new Result(
                Collections.synchronizedList(new ArrayList<>()),
                new AtomicLong(),
                new AtomicLong(),
                new AtomicLong(),
                ConcurrentHashMap.newKeySet());
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int turn = 0; System.nanoTime() < end; turn++) {
                        String apiKey = merchants.get(client + CLIENTS * (turn % (MERCHANTS / CLIENTS)));
                        String body = JSON.writeValueAsString(
                                Map.of("keywords", queries.get(nextQuery.getAndIncrement()), "limit", 50));
                        HttpRequest request = HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/catalog/ingest"))
                                .header("X-Api-Key", apiKey)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        long sent = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long micros = (System.nanoTime() - sent) / 1000;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("ingest answered " + response.statusCode());
                        }
                        JsonNode report = JSON.readTree(response.body());
                        result.micros().add(micros);
                        result.upserted().addAndGet(report.get("imported").size());
                        result.rejected().addAndGet(report.get("rejected").asLong());
                        result.failed().addAndGet(report.get("failed").size());
                        for (JsonNode imported : report.get("imported")) {
                            result.distinct().add(imported.get("id").asString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        return result;
    }
}
