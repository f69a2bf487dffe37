package dev.mercator.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mercator.support.ServiceProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coalescing benchmark (not part of the test suite; run with the command in docs/benchmarks.md): per round, 100
 * identical searches for a query nobody has asked yet, each on its own connection and released together, against a
 * Mercator process on PostgreSQL; the calls each marketplace simulator received for the round are counted by the
 * simulator itself. Goal: one call per provider per round.
 */
class CatalogCoalescingBenchmark {

    private static final int ROUNDS = 20;
    private static final int CONCURRENT = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void coalescing() throws Exception {
        assumeTrue(System.getenv("MERCATOR_TEST_POSTGRES_URL") != null, "needs MERCATOR_TEST_POSTGRES_URL");
        StringBuilder report = new StringBuilder();
        try (ServiceProcess mercator = CatalogBench.start("catalog_coalescing", Map.of())) {
            String apiKey = CatalogBench.merchant(mercator, "Coalescing bench");
            List<String> queries = CatalogBench.queries();
            // One search first, so start-up work (first token, first connection, JIT) is not part of round 1.
            HttpClient http = CatalogBench.client();
            http.send(
                    CatalogBench.search(mercator.port(), apiKey, "warm up " + queries.getLast()),
                    HttpResponse.BodyHandlers.discarding());

            Map<String, List<String>> accounts = CatalogBench.defaultAccounts();
            Map<String, long[]> perRound = new java.util.LinkedHashMap<>();
            CatalogBench.PROVIDERS.forEach(p -> perRound.put(p, new long[ROUNDS]));
            long[] roundMillis = new long[ROUNDS];
            int failedParts = 0;
            for (int round = 0; round < ROUNDS; round++) {
                String query = queries.get(round);
                Map<String, Long> before = CatalogBench.upstreamCalls(mercator, accounts);
                long[] outcome = burst(mercator.port(), apiKey, query);
                failedParts += (int) outcome[0];
                roundMillis[round] = outcome[1];
                Map<String, Long> after = CatalogBench.upstreamCalls(mercator, accounts);
                for (String provider : CatalogBench.PROVIDERS) {
                    perRound.get(provider)[round] = after.get(provider) - before.get(provider);
                }
                // AliExpress allows one app key two calls a second; a pause keeps round n+1 clear of round n.
                Thread.sleep(1000);
            }

            report.append(String.format(
                    Locale.ROOT,
                    "machine: %s\n%d rounds, each %d identical concurrent searches for a new query"
                            + " (cold cache), released together\n",
                    BenchSupport.machine(),
                    ROUNDS,
                    CONCURRENT));
            for (String provider : CatalogBench.PROVIDERS) {
                long[] calls = perRound.get(provider);
                long min = Long.MAX_VALUE;
                long max = 0;
                long sum = 0;
                for (long c : calls) {
                    min = Math.min(min, c);
                    max = Math.max(max, c);
                    sum += c;
                }
                report.append(String.format(
                        Locale.ROOT,
                        "%-10s upstream calls per round: min %d, max %d, mean %.2f (goal 1)\n",
                        provider,
                        min,
                        max,
                        sum / (double) ROUNDS));
            }
            long[] sortedMillis = roundMillis.clone();
            java.util.Arrays.sort(sortedMillis);
            report.append(String.format(
                    Locale.ROOT,
                    "round time (release to last answer): median %d ms, max %d ms\n"
                            + "provider parts not ok in all answers: %d of %d\n",
                    sortedMillis[ROUNDS / 2],
                    sortedMillis[ROUNDS - 1],
                    failedParts,
                    ROUNDS * CONCURRENT * CatalogBench.PROVIDERS.size()));
            StringBuilder rounds = new StringBuilder("per round (amazon/aliexpress/ebay):");
            for (int round = 0; round < ROUNDS; round++) {
                rounds.append(' ')
                        .append(perRound.get("amazon")[round])
                        .append('/')
                        .append(perRound.get("aliexpress")[round])
                        .append('/')
                        .append(perRound.get("ebay")[round]);
            }
            report.append(rounds).append('\n');
        }
        CatalogBench.write("catalog-coalescing.txt", "Catalog coalescing benchmark", report.toString());
    }

    /**
     * {@value #CONCURRENT} searches, each on its own client (so its own connection) and platform thread, all waiting
     * on one latch; returns how many provider parts were not answered "ok" and the milliseconds from the release to
     * the last answer.
     */
    private static long[] burst(int port, String apiKey, String query) throws Exception {
        CountDownLatch ready = new CountDownLatch(CONCURRENT);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT)) {
            for (int i = 0; i < CONCURRENT; i++) {
                HttpRequest request = CatalogBench.search(port, apiKey, query);
                answers.add(pool.submit(() -> {
                    try (HttpClient own = CatalogBench.client()) {
                        // Opens the connection before the release, so the burst is requests, not TCP handshakes.
                        own.send(
                                HttpRequest.newBuilder(request.uri().resolve("/actuator/health/readiness"))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        ready.countDown();
                        go.await();
                        HttpResponse<byte[]> response = own.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("search answered " + response.statusCode());
                        }
                        return JSON.readTree(response.body());
                    }
                }));
            }
            ready.await();
            long released = System.nanoTime();
            go.countDown();
            long notOk = 0;
            for (Future<JsonNode> answer : answers) {
                for (JsonNode provider : answer.get().get("providers")) {
                    if (!provider.get("status").asString().equals("ok")) {
                        notOk++;
                    }
                }
            }
            return new long[] {notOk, (System.nanoTime() - released) / 1_000_000};
        }
    }
}
