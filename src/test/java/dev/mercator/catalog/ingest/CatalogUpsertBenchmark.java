package dev.mercator.catalog.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mercator.catalog.product.ProductValidation;
import dev.mercator.catalog.product.ValidProduct;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.affiliate.MarketplaceAccounts;
import dev.mercator.marketplaces.source.MarketplaceSources;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.support.PostgresSchema;
import dev.mercator.support.StandaloneApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Validation and upsert without the provider calls (not part of the test suite; run with the command in
 * docs/benchmarks.md): the application in this JVM on PostgreSQL; products fetched once from the three marketplace
 * simulators (with their generated defects), then validated and upserted in a loop exactly as an import stores them.
 * In this package because the store ({@link CatalogProducts}) is package-private.
 */
class CatalogUpsertBenchmark {

    private static final Duration PHASE = Duration.ofSeconds(10);
    private static final List<String> QUERIES = List.of(
            "cable", "earbuds", "power bank", "keyboard", "speaker", "watch", "lamp", "charger", "webcam", "kettle");

    @Test
    void upsert() throws Exception {
        assumeTrue(System.getenv("MERCATOR_TEST_POSTGRES_URL") != null, "needs MERCATOR_TEST_POSTGRES_URL");
        Map<String, String> settings = StandaloneApp.settings();
        Map<String, String> db = PostgresSchema.processEnvironment("upsert_" + System.currentTimeMillis());
        settings.put("spring.datasource.url", db.get("MERCATOR_DB_URL"));
        settings.put("spring.datasource.username", db.get("MERCATOR_DB_USER"));
        settings.put("spring.flyway.schemas", db.get("SPRING_FLYWAY_SCHEMAS"));
        settings.put("spring.flyway.default-schema", db.get("SPRING_FLYWAY_DEFAULT_SCHEMA"));
        settings.put("spring.datasource.hikari.maximum-pool-size", "6");
        settings.put("mercator.inventory.workers-enabled", "false");
        settings.put("mercator.catalog.refresh.enabled", "false");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.org.zalando.logbook", "INFO");
        String report;
        try (ConfigurableApplicationContext app = StandaloneApp.start(settings)) {
            CatalogProducts products = app.getBean(CatalogProducts.class);
            List<RawProduct> raw = fetch(app);

            long validatedPerSecond = validationOnly(raw);
            Phase inserts1 = run(products, raw, 1, true);
            Phase inserts4 = run(products, raw, 4, true);
            Phase updates1 = run(products, raw, 1, false);
            report = String.format(
                    Locale.ROOT,
                    """
                    machine: %d cores, %s %s, JDK %s
                    %d products fetched once from the simulators (%d queries x 3 marketplaces), validated and upserted in a loop
                    validation alone: %d products/s (1 thread)
                    new products (insert + price history), 1 thread: %s
                    new products (insert + price history), 4 threads: %s
                    known products, same price (update), 1 thread: %s
                    """,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name"),
                    System.getProperty("os.arch"),
                    System.getProperty("java.version"),
                    raw.size(),
                    QUERIES.size(),
                    validatedPerSecond,
                    inserts1,
                    inserts4,
                    updates1);
        }
        System.out.println("\n=== Catalog validation + upsert benchmark ===\n" + report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("catalog-upsert.txt"), report);
    }

    private static List<RawProduct> fetch(ConfigurableApplicationContext app) throws Exception {
        MarketplaceSources sources = app.getBean(MarketplaceSources.class);
        MarketplaceAccounts accounts = app.getBean(MarketplaceAccounts.class);
        List<RawProduct> raw = new ArrayList<>();
        for (String keywords : QUERIES) {
            for (Map.Entry<Marketplace, ProductSource> source : sources.all().entrySet()) {
                raw.addAll(source.getValue()
                        .search(
                                new SourceQuery(keywords, 1, 50, null, null, null),
                                accounts.account(null, source.getKey()))
                        .products());
                // The AliExpress simulator allows an app key two calls a second.
                Thread.sleep(600);
            }
        }
        return raw;
    }

    private static long validationOnly(List<RawProduct> raw) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long done = 0;
        long valid = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (RawProduct product : raw) {
                // Valid or rejected, each is one product validated; the outcome is consumed so it is not optimised
                // away.
                if (ProductValidation.validate(product).product() != null) {
                    valid++;
                }
                done++;
            }
        }
        if (valid == 0) {
            throw new IllegalStateException("no product passed validation");
        }
        return Math.round(done / ((System.nanoTime() - start) / 1e9));
    }

    record Phase(long upserted, long rejected, double seconds, long[] micros) {
        @Override
        public String toString() {
            long[] sorted = micros.clone();
            java.util.Arrays.sort(sorted);
            return String.format(
                    Locale.ROOT,
                    "%.0f products/s (%d upserted, %d rejected in %.1f s); per product p50 %.2f ms, p99 %.2f ms",
                    upserted / seconds,
                    upserted,
                    rejected,
                    seconds,
                    sorted[sorted.length / 2] / 1000.0,
                    sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1000.0);
        }
    }

    private static final AtomicLong PASSES = new AtomicLong();

    /**
     * Validates and upserts the fetched products for {@link #PHASE} on {@code threads} threads. With {@code fresh}, each
     * pass gives every product a new marketplace id, so each upsert inserts a product and its first price; without, the
     * same products are upserted again (same price: an update and no history row).
     */
    private static Phase run(CatalogProducts products, List<RawProduct> raw, int threads, boolean fresh)
            throws Exception {
        AtomicLong upserted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        List<Long> micros = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + PHASE.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String suffix = fresh ? "-bench" + PASSES.incrementAndGet() : "";
                        for (RawProduct product : raw) {
                            if (System.nanoTime() >= end) {
                                break;
                            }
                            long began = System.nanoTime();
                            ProductValidation.Outcome outcome = ProductValidation.validate(renamed(product, suffix));
                            ValidProduct valid = outcome.product();
                            if (valid == null) {
                                rejected.incrementAndGet();
                                continue;
                            }
                            String url = product.productUrl();
                            products.upsert(valid, url == null || url.isBlank() ? null : url.strip());
                            upserted.incrementAndGet();
                            micros.add((System.nanoTime() - began) / 1000);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase(
                upserted.get(),
                rejected.get(),
                seconds,
                micros.stream().mapToLong(Long::longValue).toArray());
    }

    private static RawProduct renamed(RawProduct p, String suffix) {
        if (suffix.isEmpty()) {
            return p;
        }
        return p.withMarketplaceId(p.marketplaceId() + suffix);
    }
}
