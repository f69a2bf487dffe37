package dev.mercator.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Freshness, burst and memory benchmark (not part of the suite; command in docs/benchmarks.md). One Mercator process
 * on PostgreSQL with its Shopify and Amazon simulators (Amazon's visibility delay 0) and the default sync settings:
 *
 * <ol>
 *   <li>freshness: orders placed one at a time in the Shopify simulator; time until the Amazon simulator shows the new
 *       quantity (p50, p95);
 *   <li>burst: 10,000 orders over 1,000 SKUs as fast as the simulator takes them; time until every SKU on both
 *       channels is exact, and the calls made to Amazon and Shopify against the minimum;
 *   <li>memory: heap used after a full GC following each of ten bursts;
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

    private Api api;
    private String domain;
    private String sellerId;
    private final Map<String, Long> items = new HashMap<>();
    private final Map<String, AtomicInteger> expected = new ConcurrentHashMap<>();

    @Test
    void sync() throws Exception {
        String postgres = System.getenv("MERCATOR_TEST_POSTGRES_URL");
        assumeTrue(postgres != null, "needs MERCATOR_TEST_POSTGRES_URL");
        Map<String, String> environment =
                new HashMap<>(PostgresSchema.processEnvironment("syncbench_" + System.currentTimeMillis()));
        String database = environment.get("MERCATOR_DB_URL");
        environment.put("MERCATOR_ADMIN_TOKEN", IntegrationTest.ADMIN_TOKEN);
        environment.put("MERCATOR_ENCRYPTION_KEY", IntegrationTest.ENCRYPTION_KEY);
        // The simulator delivers every webhook from one address; a real shop's come from Shopify's many.
        environment.put("MERCATOR_RATE_LIMIT_PER_IP", "100000000");
        environment.put("MERCATOR_RATE_LIMIT_PER_KEY", "100000000");
        environment.put("MERCATOR_SANDBOX_AMAZON_VISIBILITY_DELAY", "0s");
        environment.put("MERCATOR_SANDBOX_AMAZON_FEED_PROCESSING_DELAY", "2s");
        environment.put("MERCATOR_AMAZON_FEED_POLL_INTERVAL", "500ms");
        environment.put("MERCATOR_SANDBOX_SHOPIFY_WEBHOOK_THREADS", "16");
        environment.put("LOGGING_LEVEL_ROOT", "WARN");
        // Every HTTP exchange with a provider is logged at TRACE by default; the measurement leaves that out.
        environment.put("LOGGING_LEVEL_ORG_ZALANDO_LOGBOOK", "INFO");

        StringBuilder report = new StringBuilder("machine: " + BenchSupport.machine() + "\n");
        try (ServiceProcess mercator = ServiceProcess.start(environment)) {
            api = mercator.api();
            Api seller = setUp();
            long start = System.nanoTime();
            awaitExact(Duration.ofMinutes(10));
            report.append(String.format(
                    Locale.ROOT, "initial sync of %d SKUs on both channels: %.1f s%n", SKUS, seconds(start)));

            long[] freshness = freshness();
            report.append(String.format(
                    Locale.ROOT,
                    "freshness (Shopify order -> Amazon shows it), %d orders one at a time: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                    freshness.length,
                    BenchSupport.percentile(freshness, 50),
                    BenchSupport.percentile(freshness, 95),
                    BenchSupport.percentile(freshness, 100)));

            for (int round = 1; round <= BURSTS; round++) {
                JsonNode amazonBefore = amazonStats();
                JsonNode shopifyBefore = shopifyCounters();
                long burstStart = System.nanoTime();
                burst();
                double placed = seconds(burstStart);
                awaitExact(Duration.ofMinutes(15));
                double exact = seconds(burstStart);
                JsonNode amazonAfter = amazonStats();
                JsonNode shopifyAfter = shopifyCounters();
                long heap = heapAfterGc(mercator);
                Truth truth = truth(database);
                report.append(String.format(
                        Locale.ROOT,
                        "burst %d: %d orders over %d SKUs placed in %.1f s; every SKU exact on both channels after %.1f s%n"
                                + "  Amazon calls: %s%n  Shopify: %s%n  heap after full GC: %d MiB%n"
                                + "  ledger: %d entries attributed to manual edits; physical off the orders on %d SKUs%n",
                        round,
                        BURST_ORDERS,
                        SKUS,
                        placed,
                        exact,
                        delta(amazonBefore.path("operations"), amazonAfter.path("operations")),
                        delta(shopifyBefore, shopifyAfter),
                        heap / (1024 * 1024),
                        truth.manualEdits(),
                        truth.skusOff()));
                if (truth.manualEdits() > 0 || truth.skusOff() > 0) {
                    System.out.println(report);
                    throw new IllegalStateException("burst " + round + " left Mercator off the truth: " + truth);
                }
            }
        }
        System.out.println("\n=== Sync benchmark ===\n" + report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("sync.txt"), report.toString());
    }

    private Api setUp() {
        Api admin = api.asAdmin(IntegrationTest.ADMIN_TOKEN);
        JsonNode merchant =
                admin.post("/api/admin/merchants", Map.of("name", "Sync Bench")).json();
        Api seller = api.asMerchant(merchant.get("apiKey").asString());
        domain = "syncbench-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        String token = "shpat_" + UUID.randomUUID();
        String secret = "whsec-" + UUID.randomUUID();
        expect(api.put(
                "/sandbox/shopify/" + domain + "/_sim/shop",
                Map.of("accessToken", token, "webhookSecret", secret, "locationId", 24826418)));
        sellerId = "A"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase(Locale.ROOT);
        String refresh = "Atzr|" + UUID.randomUUID();
        List<Map<String, Object>> listings = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            listings.add(Map.of("sku", sku(i), "quantity", 0, "productType", "PRODUCT"));
        }
        expect(api.post(
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
            long item = expect(api.post(
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

    /** Waits until Shopify and Amazon show exactly the expected quantity for every SKU. */
    private void awaitExact(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (shopifyExact() && amazonExact()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("channels not exact after " + timeout);
    }

    private boolean shopifyExact() {
        for (JsonNode item : expect(api.get("/sandbox/shopify/" + domain + "/_sim/inventory-items"))) {
            String sku = item.get("sku").asString();
            if (item.get("available").asInt() != expected.get(sku).get()) {
                return false;
            }
        }
        return true;
    }

    private boolean amazonExact() {
        JsonNode quantities = expect(api.get("/sandbox/amazon/_sim/sellers/" + sellerId + "/listings"));
        for (Map.Entry<String, AtomicInteger> sku : expected.entrySet()) {
            if (quantities.path(sku.getKey()).asInt(Integer.MIN_VALUE)
                    != sku.getValue().get()) {
                return false;
            }
        }
        return true;
    }

    private int amazonQuantity(String sku) {
        return expect(api.get("/sandbox/amazon/_sim/sellers/" + sellerId + "/listings/" + sku))
                .get("quantity")
                .asInt();
    }

    private void order(String sku, int quantity) {
        Api.Response response = api.post(
                "/sandbox/shopify/" + domain + "/_sim/orders",
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity))));
        if (response.status() != 201) {
            throw new IllegalStateException("order refused: " + response);
        }
    }

    private JsonNode amazonStats() {
        return expect(api.get("/sandbox/amazon/_sim/sellers/" + sellerId + "/stats"));
    }

    private JsonNode shopifyCounters() {
        return expect(api.get("/sandbox/shopify/" + domain + "/_sim/shop")).path("api");
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

    private long heapAfterGc(ServiceProcess mercator) throws Exception {
        // The jcmd of the JDK running us: an older one cannot attach to a newer JVM.
        String jcmd = Path.of(ProcessHandle.current().info().command().orElse("java"))
                .resolveSibling("jcmd")
                .toString();
        Process gc = new ProcessBuilder(jcmd, Long.toString(mercator.pid()), "GC.run")
                .redirectErrorStream(true)
                .start();
        gc.getInputStream().readAllBytes();
        gc.waitFor();
        JsonNode used =
                expect(api.asAdmin(IntegrationTest.ADMIN_TOKEN).get("/actuator/metrics/jvm.memory.used?tag=area:heap"));
        return used.get("measurements").get(0).get("value").asLong();
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
