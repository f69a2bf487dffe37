package dev.mercator.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.LiveAgainstSimulators;
import dev.mercator.support.PostgresSchema;
import dev.mercator.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Freshness, burst and memory benchmark (not part of the suite; command in docs/benchmarks.md). The simulated Shopify
 * and Amazon in a process of their own (Amazon's visibility delay 0), and Mercator on PostgreSQL in another, in live
 * mode against them ({@link LiveAgainstSimulators}) with the default sync settings:
 *
 * <ol>
 *   <li>freshness: orders placed one at a time in the Shopify simulator; time until the Amazon simulator shows the new
 *       quantity (p50, p95);
 *   <li>burst: 10,000 orders over 1,000 SKUs as fast as the simulator takes them; time until every SKU on both
 *       channels is exact, and the calls made to Amazon and Shopify against the minimum;
 *   <li>memory: heap used after a full GC following each of ten bursts, in Mercator's process (and, apart, in the
 *       simulators'); class histograms of Mercator's heap after the first and the last burst;
 *   <li>truth: after each burst, the ledger entries attributed to manual edits in Shopify admin (there are none: every
 *       unit moved by an order) and physical against the orders placed.
 * </ol>
 */
class SyncBenchmark {

    private static final int SKUS = 1000;
    private static final int BURST_ORDERS = 10_000;
    private static final int START = 100_000;
    private static final int FRESHNESS_ORDERS = 40;
    private static final int BURSTS = Integer.getInteger("mercator.bench.bursts", 10);
    /** How long a burst may take to be exact on both channels before the run stops. */
    private static final Duration BURST_TIMEOUT =
            Duration.ofMinutes(Integer.getInteger("mercator.bench.burst-timeout-minutes", 15));

    /** Mercator's own API (merchant and admin). */
    private Api api;
    /** The simulators' process: every {@code /sandbox/...} call. */
    private Api world;

    private ServiceProcess mercatorProcess;
    private ServiceProcess simulatorsProcess;
    private final StringBuilder progress = new StringBuilder();

    private String domain;
    private String sellerId;
    private final Map<String, Long> items = new HashMap<>();
    private final Map<String, AtomicInteger> expected = new ConcurrentHashMap<>();

    @Test
    void sync() throws Exception {
        String postgres = System.getenv("MERCATOR_TEST_POSTGRES_URL");
        assumeTrue(postgres != null, "needs MERCATOR_TEST_POSTGRES_URL");
        // The simulated Shopify and Amazon in a process of their own, as in the crash tests: what they keep (every
        // order, every feed) is not in the heap measured.
        Map<String, String> outside = new HashMap<>(LiveAgainstSimulators.simulators());
        outside.put("MERCATOR_SANDBOX_AMAZON_VISIBILITY_DELAY", "0s");
        outside.put("MERCATOR_SANDBOX_AMAZON_FEED_PROCESSING_DELAY", "2s");
        outside.put("MERCATOR_SANDBOX_SHOPIFY_WEBHOOK_THREADS", "16");
        outside.put("LOGGING_LEVEL_ROOT", "WARN");

        Map<String, String> database = PostgresSchema.processEnvironment("syncbench_" + System.currentTimeMillis());
        StringBuilder report = new StringBuilder("machine: " + BenchSupport.machine() + "\n");
        try (ServiceProcess simulators = ServiceProcess.start(outside)) {
            // Mercator in live mode against them, with the default sync settings: the test-speed values of the crash
            // tests' environment are taken out again.
            Map<String, String> environment = LiveAgainstSimulators.mercator(database, simulators.port());
            environment.remove("MERCATOR_INVENTORY_POLL_INTERVAL");
            environment.remove("MERCATOR_INVENTORY_VERIFY_DELAY");
            environment.remove("MERCATOR_AMAZON_BURST");
            // The simulator delivers every webhook from one address; a real shop's come from Shopify's many.
            environment.put("MERCATOR_RATE_LIMIT_PER_IP", "100000000");
            environment.put("MERCATOR_RATE_LIMIT_PER_KEY", "100000000");
            environment.put("MERCATOR_AMAZON_FEED_POLL_INTERVAL", "500ms");
            environment.put("LOGGING_LEVEL_ROOT", "WARN");
            // Every HTTP exchange with a provider is logged at TRACE by default; the measurement leaves that out.
            environment.put("LOGGING_LEVEL_ORG_ZALANDO_LOGBOOK", "INFO");
            int port = ServiceProcess.freePort();
            world = simulators.api();
            simulatorsProcess = simulators;
            try (ServiceProcess mercator = ServiceProcess.start(environment, port)) {
                api = mercator.api();
                mercatorProcess = mercator;
                report.append(String.format(
                        Locale.ROOT, "Mercator pid %d, simulators pid %d%n", mercator.pid(), simulators.pid()));
                setUp(port);
                String schema = database.get("SPRING_FLYWAY_DEFAULT_SCHEMA");
                String url = database.get("MERCATOR_DB_URL");
                vacuumAnalyze(url, schema);
                long start = System.nanoTime();
                awaitExact("initial sync", Duration.ofMinutes(10));
                report.append(String.format(
                        Locale.ROOT,
                        "initial sync of %d SKUs on both channels: %.1f s (load average %s)%n",
                        SKUS,
                        seconds(start),
                        loadAverage()));
                write("sync.txt", report.toString());

                vacuumAnalyze(url, schema);
                long[] freshness = freshness();
                report.append(String.format(
                        Locale.ROOT,
                        "freshness (Shopify order -> Amazon shows it), %d orders one at a time: p50 %.0f ms, p95 %.0f ms, max %.0f ms (load average %s)%n",
                        freshness.length,
                        BenchSupport.percentile(freshness, 50),
                        BenchSupport.percentile(freshness, 95),
                        BenchSupport.percentile(freshness, 100),
                        loadAverage()));
                write("sync.txt", report.toString());

                for (int round = 1; round <= BURSTS; round++) {
                    JsonNode amazonBefore = amazonStats();
                    JsonNode shopBefore = shop();
                    String loadBefore = loadAverage();
                    double mercatorCpu = cpuSeconds(mercator);
                    double simulatorsCpu = cpuSeconds(simulators);
                    long burstStart = System.nanoTime();
                    double placed;
                    try {
                        burst();
                        placed = seconds(burstStart);
                        awaitExact("burst " + round, BURST_TIMEOUT);
                    } catch (Exception failed) {
                        report.append(String.format(
                                Locale.ROOT,
                                "burst %d: failed after %.1f s (load average %s before, %s now): %s%n",
                                round,
                                seconds(burstStart),
                                loadBefore,
                                loadAverage(),
                                failed));
                        write("sync.txt", report.toString());
                        // Request handlers are virtual threads, which only this dump shows.
                        jcmd(
                                mercator,
                                "Thread.dump_to_file",
                                "-format=text",
                                Path.of("target", "benchmarks", "sync-threads-mercator-burst-" + round + ".txt")
                                        .toAbsolutePath()
                                        .toString());
                        throw failed;
                    }
                    double exact = seconds(burstStart);
                    JsonNode amazonAfter = amazonStats();
                    JsonNode shopAfter = shop();
                    String loadAfter = loadAverage();
                    mercatorCpu = cpuSeconds(mercator) - mercatorCpu;
                    simulatorsCpu = cpuSeconds(simulators) - simulatorsCpu;
                    long heap = heapAfterGc(mercator);
                    long simulatorsHeap = heapAfterGc(simulators);
                    if (round == 1 || round == BURSTS) {
                        histogram(mercator, "sync-histogram-mercator-burst-" + round);
                    }
                    Truth truth = truth(url);
                    report.append(String.format(
                            Locale.ROOT,
                            "burst %d: %d orders over %d SKUs placed in %.1f s; every SKU exact on both channels after %.1f s"
                                    + " (load average %s before, %s after; CPU used: Mercator %.0f s, simulators %.0f s)%n"
                                    + "  Amazon calls: %s%n  Shopify: %s%n  Shopify writes (mutationsApplied): %d%n"
                                    + "  Shopify webhooks: %s%n"
                                    + "  heap after full GC: Mercator %.1f MiB, simulators %.1f MiB%n"
                                    + "  ledger: %d entries attributed to manual edits; physical off the orders on %d SKUs%n",
                            round,
                            BURST_ORDERS,
                            SKUS,
                            placed,
                            exact,
                            loadBefore,
                            loadAfter,
                            mercatorCpu,
                            simulatorsCpu,
                            delta(amazonBefore.path("operations"), amazonAfter.path("operations")),
                            delta(shopBefore.path("api"), shopAfter.path("api")),
                            shopAfter.path("api").path("mutationsApplied").asLong()
                                    - shopBefore
                                            .path("api")
                                            .path("mutationsApplied")
                                            .asLong(),
                            delta(shopBefore.path("webhooks"), shopAfter.path("webhooks")),
                            heap / (1024.0 * 1024),
                            simulatorsHeap / (1024.0 * 1024),
                            truth.manualEdits(),
                            truth.skusOff()));
                    if (truth.manualEdits() > 0 || truth.skusOff() > 0) {
                        System.out.println(report);
                        write("sync.txt", report.toString());
                        throw new IllegalStateException("burst " + round + " left Mercator off the truth: " + truth);
                    }
                    write("sync.txt", report.toString());
                    vacuumAnalyze(url, schema);
                }
            }
        }
        System.out.println("\n=== Sync benchmark ===\n" + report);
        write("sync.txt", report.toString());
    }

    private static void write(String name, String content) throws Exception {
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve(name), content);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception unavailable) {
            return "n/a";
        }
    }

    private Api setUp(int port) {
        Api admin = api.asAdmin(IntegrationTest.ADMIN_TOKEN);
        JsonNode merchant =
                admin.post("/api/admin/merchants", Map.of("name", "Sync Bench")).json();
        Api seller = api.asMerchant(merchant.get("apiKey").asString());
        domain = "syncbench-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        String token = "shpat_" + UUID.randomUUID();
        String secret = "whsec-" + UUID.randomUUID();
        expect(world.put(
                "/sandbox/shopify/" + domain + "/_sim/shop",
                Map.of(
                        "accessToken",
                        token,
                        "webhookSecret",
                        secret,
                        "locationId",
                        24826418,
                        "webhookUrl",
                        "http://localhost:" + port + "/webhook/shopify")));
        sellerId = "A"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase(Locale.ROOT);
        String refresh = "Atzr|" + UUID.randomUUID();
        List<Map<String, Object>> listings = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            listings.add(Map.of("sku", sku(i), "quantity", 0, "productType", "PRODUCT"));
        }
        expect(world.post(
                "/sandbox/amazon/_sim/sellers",
                Map.of(
                        "sellerId", sellerId,
                        "clientId", "amzn1.application-oa2-client.bench",
                        "clientSecret", "bench-secret",
                        "refreshToken", refresh,
                        "listings", listings)));
        expect(seller.put(
                "/api/channels/shopify",
                Map.of("shopDomain", domain, "accessToken", token, "webhookSecret", secret, "locationId", "24826418")));
        expect(seller.put(
                "/api/channels/amazon",
                Map.of(
                        "sellerId",
                        sellerId,
                        "region",
                        "na",
                        "marketplaceIds",
                        List.of("ATVPDKIKX0DER"),
                        "lwaClientId",
                        "amzn1.application-oa2-client.bench",
                        "lwaClientSecret",
                        "bench-secret",
                        "refreshToken",
                        refresh)));
        for (int i = 0; i < SKUS; i++) {
            String sku = sku(i);
            long item = expect(world.post(
                            "/sandbox/shopify/" + domain + "/_sim/inventory-items",
                            Map.of("sku", sku, "available", START)))
                    .get("id")
                    .asLong();
            items.put(sku, item);
            expected.put(sku, new AtomicInteger(START));
            expect(seller.put("/api/inventory/" + sku, Map.of("physical", START)));
            expect(seller.post(
                    "/api/mapping",
                    Map.of(
                            "sku",
                            sku,
                            "asin",
                            String.format(Locale.ROOT, "B%09d", i),
                            "shopifyInventoryItemId",
                            Long.toString(item),
                            "shopifyLocationId",
                            "24826418")));
        }
        return seller;
    }

    /**
     * Stands in for autovacuum, which the project's test PostgreSQL runs without (conf.d/90-ci.conf): with no statistics
     * the planner misjudges Mercator's per-SKU statements (the unexplained-shortfall subquery of markDirty scanned every
     * level of the merchant, 1.2 s a call at 1,000 SKUs). Run outside every timed window, on this run's schema only.
     */
    private void vacuumAnalyze(String url, String schema) throws Exception {
        long start = System.nanoTime();
        List<String> tables = new ArrayList<>();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "postgres", "");
                java.sql.PreparedStatement query =
                        db.prepareStatement("select tablename from pg_tables where schemaname = ?")) {
            query.setString(1, schema);
            try (java.sql.ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (java.sql.Statement vacuum = db.createStatement()) {
                for (String table : tables) {
                    vacuum.execute("vacuum (analyze) \"" + schema + "\".\"" + table + "\"");
                }
            }
        }
        progress(String.format(
                Locale.ROOT, "vacuum (analyze) of %d tables in %s: %.1f s", tables.size(), schema, seconds(start)));
    }

    private record Truth(long manualEdits, long skusOff) {}

    /** Read from Mercator's own database: what the ledger attributes to manual edits, and physical against orders. */
    private Truth truth(String url) throws Exception {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "postgres", "");
                java.sql.Statement query = db.createStatement()) {
            long edits;
            try (java.sql.ResultSet rs = query.executeQuery(
                    "select count(*) from inventory_ledger where reason = 'edited in Shopify admin'")) {
                rs.next();
                edits = rs.getLong(1);
            }
            long off = 0;
            try (java.sql.ResultSet rs = query.executeQuery("select sku, physical from inventory_skus")) {
                while (rs.next()) {
                    AtomicInteger want = expected.get(rs.getString(1));
                    off += want != null && want.get() != rs.getInt(2) ? 1 : 0;
                }
            }
            return new Truth(edits, off);
        }
    }

    private long[] freshness() throws Exception {
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < FRESHNESS_ORDERS; i++) {
            String sku = sku((i * 37) % SKUS);
            int target = expected.get(sku).addAndGet(-1);
            long placed = System.nanoTime();
            order(sku, 1);
            while (amazonQuantity(sku) != target) {
                Thread.sleep(5);
                if (System.nanoTime() - placed > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException("Amazon never showed " + target + " for " + sku);
                }
            }
            micros.add((System.nanoTime() - placed) / 1000);
            Thread.sleep(250);
        }
        return BenchSupport.sorted(micros);
    }

    private void burst() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> placed = new ArrayList<>();
            for (int i = 0; i < BURST_ORDERS; i++) {
                String sku = sku(i % SKUS);
                expected.get(sku).decrementAndGet();
                placed.add(pool.submit(() -> order(sku, 1)));
            }
            for (Future<?> order : placed) {
                order.get();
            }
        }
    }

    /**
     * Waits until Shopify and Amazon show exactly the expected quantity for every SKU and the simulated shop has
     * delivered every webhook (each acknowledged delivery is committed); every 30 s a line of progress
     * (SKUs still off on each channel, webhooks not yet delivered, CPU used by each process) in sync-progress.txt.
     */
    private void awaitExact(String phase, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start;
        int shopifyOff = -1;
        int amazonOff = -1;
        while (System.nanoTime() < deadline) {
            shopifyOff = shopifyOff();
            amazonOff = amazonOff();
            // Exact channels are not enough: while webhooks wait, Mercator already offers Shopify's lower level on
            // every channel (the unexplained shortfall, ADR 10), so the channels can be exact before physical is.
            if (shopifyOff == 0
                    && amazonOff == 0
                    && shop().path("webhooks").path("pending").asLong() == 0) {
                return;
            }
            if (System.nanoTime() >= nextProgress) {
                progress(String.format(
                        Locale.ROOT,
                        "%s +%.0f s: off on Shopify %d, on Amazon %d SKUs; webhooks pending %d; CPU s Mercator %.0f, simulators %.0f; load %s",
                        phase,
                        seconds(start),
                        shopifyOff,
                        amazonOff,
                        shop().path("webhooks").path("pending").asLong(),
                        cpuSeconds(mercatorProcess),
                        cpuSeconds(simulatorsProcess),
                        loadAverage()));
                nextProgress += Duration.ofSeconds(30).toNanos();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("channels not exact after " + timeout + ": off on Shopify " + shopifyOff
                + ", on Amazon " + amazonOff + " SKUs");
    }

    private void progress(String line) throws Exception {
        progress.append(java.time.Instant.now()).append(' ').append(line).append('\n');
        write("sync-progress.txt", progress.toString());
    }

    private static double cpuSeconds(ServiceProcess process) {
        return ProcessHandle.of(process.pid())
                        .flatMap(handle -> handle.info().totalCpuDuration())
                        .map(Duration::toMillis)
                        .orElse(-1L)
                / 1000.0;
    }

    private int shopifyOff() {
        int off = 0;
        for (JsonNode item : expect(world.get("/sandbox/shopify/" + domain + "/_sim/inventory-items"))) {
            String sku = item.get("sku").asString();
            off += item.get("available").asInt() != expected.get(sku).get() ? 1 : 0;
        }
        return off;
    }

    private int amazonOff() {
        JsonNode quantities = expect(world.get("/sandbox/amazon/_sim/sellers/" + sellerId + "/listings"));
        int off = 0;
        for (Map.Entry<String, AtomicInteger> sku : expected.entrySet()) {
            off += quantities.path(sku.getKey()).asInt(Integer.MIN_VALUE)
                            != sku.getValue().get()
                    ? 1
                    : 0;
        }
        return off;
    }

    private int amazonQuantity(String sku) {
        return expect(world.get("/sandbox/amazon/_sim/sellers/" + sellerId + "/listings/" + sku))
                .get("quantity")
                .asInt();
    }

    private void order(String sku, int quantity) {
        Api.Response response = world.post(
                "/sandbox/shopify/" + domain + "/_sim/orders",
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity))));
        if (response.status() != 201) {
            throw new IllegalStateException("order refused: " + response);
        }
    }

    private JsonNode amazonStats() {
        return expect(world.get("/sandbox/amazon/_sim/sellers/" + sellerId + "/stats"));
    }

    private JsonNode shop() {
        return expect(world.get("/sandbox/shopify/" + domain + "/_sim/shop"));
    }

    /** Per-field difference of two counter objects (nested one level for per-operation stats). */
    private static String delta(JsonNode before, JsonNode after) {
        StringBuilder out = new StringBuilder();
        for (var entry : after.properties()) {
            JsonNode now = entry.getValue();
            JsonNode then = before.path(entry.getKey());
            if (now.isNumber()) {
                long d = now.asLong() - then.asLong(0);
                if (d != 0) {
                    out.append(entry.getKey()).append('=').append(d).append(' ');
                }
            } else if (now.isObject()) {
                long calls = now.path("calls").asLong(0) - then.path("calls").asLong(0);
                long throttled =
                        now.path("throttled").asLong(0) - then.path("throttled").asLong(0);
                if (calls != 0) {
                    out.append(entry.getKey()).append('=').append(calls);
                    if (throttled != 0) {
                        out.append(" (").append(throttled).append(" throttled)");
                    }
                    out.append(' ');
                }
            }
        }
        return out.toString().strip();
    }

    /** Heap used after a full GC in one process, read from its own actuator. */
    private long heapAfterGc(ServiceProcess process) throws Exception {
        jcmd(process, "GC.run");
        JsonNode used = expect(process.api()
                .asAdmin(IntegrationTest.ADMIN_TOKEN)
                .get("/actuator/metrics/jvm.memory.used?tag=area:heap"));
        return used.get("measurements").get(0).get("value").asLong();
    }

    /** The live-object class histogram of a process (it runs a full GC first): top 15 lines, and the whole one. */
    private void histogram(ServiceProcess process, String name) throws Exception {
        String histogram = jcmd(process, "GC.class_histogram");
        write(name + ".txt", histogram.lines().limit(15).collect(Collectors.joining("\n", "", "\n")));
        write(name + "-full.txt", histogram);
    }

    private static String jcmd(ServiceProcess process, String... command) throws Exception {
        // The jcmd of the JDK running us: an older one cannot attach to a newer JVM.
        String jcmd = Path.of(ProcessHandle.current().info().command().orElse("java"))
                .resolveSibling("jcmd")
                .toString();
        List<String> line = new ArrayList<>(List.of(jcmd, Long.toString(process.pid())));
        line.addAll(List.of(command));
        Process run = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        run.waitFor();
        return output;
    }

    private static String sku(int i) {
        return String.format(Locale.ROOT, "SYNC-%04d", i);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static JsonNode expect(Api.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("unexpected answer: " + response);
        }
        return response.raw().length == 0 ? tools.jackson.databind.node.NullNode.getInstance() : response.json();
    }
}
