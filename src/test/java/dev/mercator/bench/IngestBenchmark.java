package dev.mercator.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.PostgresSchema;
import dev.mercator.support.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Ingest benchmark (not part of the test suite; run with the command in docs/benchmarks.md): signed Shopify
 * orders/create webhooks into a Mercator process on PostgreSQL with synchronous commit. Measures sustained throughput
 * (closed loop), then p50/p99 latency in open loop at 50% and 90% of it (latency counted from the intended send time,
 * so queueing is not hidden). In the same run pgbench executes the same SQL transaction on the same database, for the
 * ratio Mercator / pgbench.
 */
class IngestBenchmark {

    private static final int SKUS = 1000;
    private static final int START = 1_000_000;
    private static final int CLIENTS = 32;
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(20);
    private static final Duration OPEN_LOOP = Duration.ofSeconds(15);
    private static final String SECRET = "whsec-bench-secret-0123456789abcdef";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong orderIds = new AtomicLong(9_000_000_000L);

    @Test
    void ingest() throws Exception {
        String postgres = System.getenv("MERCATOR_TEST_POSTGRES_URL");
        assumeTrue(postgres != null, "needs MERCATOR_TEST_POSTGRES_URL");
        String suffix = "bench_" + System.currentTimeMillis();
        String schema = PostgresSchema.SCHEMA + "_" + suffix;
        Map<String, String> environment = new HashMap<>(PostgresSchema.processEnvironment(suffix));
        environment.put("MERCATOR_ADMIN_TOKEN", IntegrationTest.ADMIN_TOKEN);
        environment.put("MERCATOR_ENCRYPTION_KEY", IntegrationTest.ENCRYPTION_KEY);
        environment.put("MERCATOR_RATE_LIMIT_PER_KEY", "100000000");
        environment.put("MERCATOR_RATE_LIMIT_PER_IP", "100000000");
        environment.put("MERCATOR_INVENTORY_WORKERS_ENABLED", "false");
        environment.put("MERCATOR_DB_POOL_SIZE", "32");
        environment.put("LOGGING_LEVEL_ROOT", "WARN");
        // Every HTTP exchange with a provider is logged at TRACE by default; the measurement leaves that out.
        environment.put("LOGGING_LEVEL_ORG_ZALANDO_LOGBOOK", "INFO");
        // The intake's group commit settings (MERCATOR_WEBHOOK_COMMITTERS, ...) and the tracing share pass through,
        // to measure what each costs.
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("MERCATOR_WEBHOOK_") || name.equals("MERCATOR_TRACING_SAMPLING")) {
                environment.put(name, value);
            }
        });
        String shop = "bench-" + System.nanoTime() + ".myshopify.com";

        StringBuilder report = new StringBuilder();
        try (ServiceProcess mercator = ServiceProcess.start(environment)) {
            String merchant = setUp(mercator, shop);
            String url = "http://localhost:" + mercator.port() + "/webhook/shopify";

            closedLoop(url, shop, WARMUP);
            // -Dmercator.bench.jfr=FILE records the service process during the measured closed loop (JFR, profile
            // settings), for the breakdown of where a webhook's time goes.
            String jfr = System.getProperty("mercator.bench.jfr");
            if (jfr != null) {
                jcmd(mercator.pid(), "JFR.start", "name=ingest", "settings=profile");
            }
            double throughput = closedLoop(url, shop, MEASURE);
            if (jfr != null) {
                jcmd(
                        mercator.pid(),
                        "JFR.stop",
                        "name=ingest",
                        "filename=" + Path.of(jfr).toAbsolutePath());
            }
            long[] at50 = openLoop(url, shop, throughput * 0.5, OPEN_LOOP);
            long[] at90 = openLoop(url, shop, throughput * 0.9, OPEN_LOOP);

            Path script = pgbenchScript(schema, merchant);
            double pgbenchTps = pgbench(postgres, script, List.of("-c", Integer.toString(CLIENTS), "-j", "2"), null);
            Path log50 = Files.createTempDirectory("pgbench50");
            Path log90 = Files.createTempDirectory("pgbench90");
            pgbench(
                    postgres,
                    script,
                    List.of("-c", "16", "-j", "2", "-R", Long.toString(Math.round(pgbenchTps * 0.5))),
                    log50);
            pgbench(
                    postgres,
                    script,
                    List.of("-c", "16", "-j", "2", "-R", Long.toString(Math.round(pgbenchTps * 0.9))),
                    log90);
            long[] pg50 = pgbenchLatencies(log50);
            long[] pg90 = pgbenchLatencies(log90);

            report.append(String.format(
                    Locale.ROOT,
                    """
                    machine: %s
                    mercator: %.0f webhooks/s sustained (%d clients, %ds)
                      at 50%% (%.0f/s): p50 %.1f ms, p99 %.1f ms (%d requests)
                      at 90%% (%.0f/s): p50 %.1f ms, p99 %.1f ms (%d requests)
                    pgbench (same transaction, same database): %.0f tx/s (%d clients)
                      at 50%% (%.0f/s): p50 %.1f ms, p99 %.1f ms
                      at 90%% (%.0f/s): p50 %.1f ms, p99 %.1f ms
                    ratio mercator / pgbench: %.2f
                    """,
                    BenchSupport.machine(),
                    throughput,
                    CLIENTS,
                    MEASURE.toSeconds(),
                    throughput * 0.5,
                    BenchSupport.percentile(at50, 50),
                    BenchSupport.percentile(at50, 99),
                    at50.length,
                    throughput * 0.9,
                    BenchSupport.percentile(at90, 50),
                    BenchSupport.percentile(at90, 99),
                    at90.length,
                    pgbenchTps,
                    CLIENTS,
                    pgbenchTps * 0.5,
                    BenchSupport.percentile(pg50, 50),
                    BenchSupport.percentile(pg50, 99),
                    pgbenchTps * 0.9,
                    BenchSupport.percentile(pg90, 50),
                    BenchSupport.percentile(pg90, 99),
                    throughput / pgbenchTps));
        }
        System.out.println("\n=== Ingest benchmark ===\n" + report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("ingest.txt"), report.toString());
    }

    private String setUp(ServiceProcess mercator, String shop) {
        Api admin = mercator.api().asAdmin(IntegrationTest.ADMIN_TOKEN);
        var created =
                admin.post("/api/admin/merchants", Map.of("name", "Bench Shop")).json();
        Api seller = mercator.api().asMerchant(created.get("apiKey").asString());
        seller.put(
                "/api/channels/shopify",
                Map.of("shopDomain", shop, "accessToken", "shpat_bench", "webhookSecret", SECRET, "locationId", "1"));
        for (int i = 0; i < SKUS; i++) {
            // At most the largest count accepted (1,000,000 by default): a refused SKU would leave every order
            // unmapped, a different and cheaper path than the one measured (runs before 2026-12-03 did exactly that).
            int status = seller.put("/api/inventory/BENCH-" + i, Map.of("physical", START))
                    .status();
            if (status != 200) {
                throw new IllegalStateException("SKU set-up answered " + status);
            }
        }
        return created.get("id").asString();
    }

    private HttpRequest webhook(String url, String shop) {
        long id = orderIds.incrementAndGet();
        String body = """
                {"id": %d, "name": "#%d", "line_items": [{"id": %d, "sku": "BENCH-%d", "quantity": %d}]}""".formatted(id, id, id, id % SKUS, id % 3 + 1);
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-Hmac-Sha256", sign(raw))
                .header("X-Shopify-Event-Id", "bench-" + id)
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                .build();
    }

    /** Fixed concurrency, as fast as answers come back: the sustained throughput. */
    private double closedLoop(String url, String shop, Duration duration) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<Void> response =
                                http.send(webhook(url, shop), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("webhook answered " + response.statusCode());
                        }
                        done.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        return done.get() / (double) duration.toSeconds();
    }

    /** A fixed arrival rate regardless of answers; latency counted from when each request was due. */
    private long[] openLoop(String url, String shop, double rate, Duration duration) throws Exception {
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
                HttpRequest request = webhook(url, shop);
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

    /** The transaction the webhook intake runs for a one-line order, as a pgbench script. */
    private static Path pgbenchScript(String schema, String merchant) throws IOException {
        String m = "'" + merchant + "'::uuid";
        String event = "'pgb-' || :client_id || '-' || :r";
        String sql = """
                \\set sku random(0, %d)
                \\set q random(1, 3)
                \\set r random(1, 2000000000)
                BEGIN;
                INSERT INTO %s.inventory_deliveries (merchant_id, source, delivery_id, received_at)
                  VALUES (%s, 'shopify', %s, now()) ON CONFLICT DO NOTHING;
                SELECT physical FROM %s.inventory_skus WHERE merchant_id = %s AND sku = 'BENCH-' || :sku FOR UPDATE;
                SELECT count(*) FROM %s.inventory_ledger WHERE merchant_id = %s AND source_event_id = %s;
                INSERT INTO %s.inventory_ledger (merchant_id, sku, source, source_event_id, delta, physical_before,
                  physical_after, reason, actor, created_at)
                  VALUES (%s, 'BENCH-' || :sku, 'shopify', %s, -:q, 0, 0, 'pgbench order', 'pgbench', now())
                  ON CONFLICT DO NOTHING;
                UPDATE %s.inventory_skus SET physical = physical - :q, updated_at = now()
                  WHERE merchant_id = %s AND sku = 'BENCH-' || :sku;
                UPDATE %s.inventory_channels SET dirty = true, change_seq = change_seq + 1,
                  dirty_since = coalesce(dirty_since, now()), attempts = 0, next_attempt_at = null
                  WHERE merchant_id = %s AND sku = 'BENCH-' || :sku;
                COMMIT;
                """.formatted(
                        SKUS - 1, schema, m, event, schema, m, schema, m, event, schema, m, event, schema, m, schema, m)
                .replace("\n  ", " ");
        Path file = Files.createTempFile("ingest", ".sql");
        Files.writeString(file, sql);
        return file;
    }

    /** Runs pgbench for the measurement duration and returns its transactions per second. */
    private static double pgbench(String jdbcUrl, Path script, List<String> options, Path logDir) throws Exception {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(
                "pgbench",
                "-n",
                "-h",
                uri.getHost(),
                "-p",
                Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U",
                "postgres",
                "-f",
                script.toString(),
                "-T",
                Long.toString((logDir == null ? MEASURE : OPEN_LOOP).toSeconds())));
        command.addAll(options);
        if (logDir != null) {
            command.addAll(List.of("-l", "--log-prefix=" + logDir.resolve("pgbench")));
        }
        command.add(uri.getPath().substring(1));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        return output.lines()
                .filter(line -> line.startsWith("tps = "))
                .map(line -> Double.parseDouble(line.substring(6).split(" ")[0]))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no tps in pgbench output:\n" + output));
    }

    /** Per-transaction latencies (µs, including schedule lag under -R) from pgbench's -l logs. */
    private static long[] pgbenchLatencies(Path logDir) throws IOException {
        List<Long> latencies = new ArrayList<>();
        try (var files = Files.list(logDir)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length >= 3) {
                        latencies.add(Long.parseLong(fields[2]));
                    }
                }
            }
        }
        return BenchSupport.sorted(latencies);
    }

    private static void jcmd(long pid, String... arguments) throws Exception {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> command =
                new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), Long.toString(pid)));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed:\n" + output);
        }
    }

    private static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
