package dev.mercator.catalog.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mercator.catalog.settings.CatalogSettings;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The catalog cache's L1 lookup path against raw Caffeine on the same keys (JMH; not part of the test suite, run with
 * the command in docs/benchmarks.md). In the same package as {@link ProviderResults} because its constructor is
 * package-private; it uses only {@link ProviderResults#search}, {@link SearchKey} and {@link ProviderResults#key}, so
 * it survives changes behind them.
 *
 * <p>Four measurements on 3,072 keys (1,024 queries on each marketplace), every one a fresh L1 hit:
 *
 * <ul>
 *   <li>{@code providerResults}: {@link ProviderResults#search} as a search calls it, with the {@link SearchKey} the
 *       search derived once for all its marketplaces (L1 read, TTL check, hit counter, result);
 *   <li>{@code caffeine}: {@code getIfPresent} on a Caffeine cache built the same way, on the same keys;
 *   <li>{@code caffeineWithKey}: the same, building the key from the query on each call, as lookups did before the
 *       search derived it once;
 *   <li>{@code searchKey}: deriving a search's {@link SearchKey} (the keys of all three marketplaces), the cost each
 *       search request pays once.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheLookupBenchmark {

    static final int ROUNDS = 3;
    static final int QUERIES = 1024;
    static final Marketplace[] MARKETPLACES = Marketplace.values();
    static final int KEYS = QUERIES * MARKETPLACES.length;

    ProviderResults results;
    Cache<String, CachedPage> caffeine;
    Marketplace[] marketplaces;
    SourceQuery[] queries;
    SearchKey[] searchKeys;
    String[] keys;

    /** Each measuring thread walks the key set in its own order. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            next = (next + 1) % KEYS;
            return next;
        }
    }

    @Setup(Level.Trial)
    public void fill() throws Exception {
        CatalogSettings settings = new CatalogSettings(null, null, null);
        results = new ProviderResults(settings, new NoSharedStore(), Clock.systemUTC(), new SimpleMeterRegistry());
        // Built as ProviderResults builds its own L1, so the two differ only in what wraps the lookup.
        caffeine = Caffeine.newBuilder()
                .maximumSize(settings.cache().maxEntries())
                .expireAfterWrite(settings.cache().retain())
                .recordStats()
                .build();
        marketplaces = new Marketplace[KEYS];
        queries = new SourceQuery[KEYS];
        searchKeys = new SearchKey[KEYS];
        keys = new String[KEYS];
        List<String> words = List.of("usb c cable", "wireless earbuds", "power bank", "smart watch", "webcam");
        for (int i = 0; i < KEYS; i++) {
            Marketplace marketplace = MARKETPLACES[i % MARKETPLACES.length];
            String keywords = words.get(i % words.size()) + " " + (i / MARKETPLACES.length);
            SourceQuery query = new SourceQuery(keywords, 1, 50, null, null, null);
            SourcePage page = page(marketplace, 20);
            SearchKey key = SearchKey.of(query);
            CachedPage cached = results.search(marketplace, key, lane -> page).page();
            marketplaces[i] = marketplace;
            queries[i] = query;
            searchKeys[i] = key;
            keys[i] = key.on(marketplace);
            caffeine.put(keys[i], cached);
        }
    }

    @Benchmark
    public CachedResult providerResults(Cursor cursor) throws Exception {
        int i = cursor.advance();
        return results.search(marketplaces[i], searchKeys[i], lane -> {
            throw new IllegalStateException("a warm lookup must not reach the provider");
        });
    }

    @Benchmark
    public CachedPage caffeine(Cursor cursor) {
        return caffeine.getIfPresent(keys[cursor.advance()]);
    }

    @Benchmark
    public CachedPage caffeineWithKey(Cursor cursor) {
        int i = cursor.advance();
        return caffeine.getIfPresent(ProviderResults.key(marketplaces[i], queries[i]));
    }

    @Benchmark
    public SearchKey searchKey(Cursor cursor) {
        return SearchKey.of(queries[cursor.advance()]);
    }

    /**
     * The launcher: {@code ./mvnw test -Dtest=CacheLookupBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Runs the
     * four benchmarks in {@value #ROUNDS} rounds, one fork each per round, so that on a shared machine a slow minute
     * falls on all three rather than on one; the ratio is taken per round and its median reported.
     */
    @Test
    void lookup() throws Exception {
        List<Map<String, double[]>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Collection<RunResult> runs = new Runner(new OptionsBuilder()
                            .include(CacheLookupBenchmark.class.getName() + "\\.")
                            .forks(1)
                            .shouldFailOnError(true)
                            .build())
                    .run();
            Map<String, double[]> byName = new TreeMap<>();
            for (RunResult run : runs) {
                String label = run.getParams().getBenchmark();
                var score = run.getPrimaryResult();
                byName.put(
                        label.substring(label.lastIndexOf('.') + 1),
                        new double[] {score.getScore(), score.getScoreError()});
            }
            rounds.add(byName);
        }
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "machine: %d cores, %s %s, JDK %s\n"
                        + "keys: %d (%d queries x %d marketplaces), all fresh L1 hits; 1 thread; JMH, %d rounds\n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                KEYS,
                QUERIES,
                MARKETPLACES.length,
                ROUNDS));
        double[] ratios = new double[ROUNDS];
        double[] keyRatios = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, double[]> r = rounds.get(round);
            double ours = r.get("providerResults")[0];
            double raw = r.get("caffeine")[0];
            double rawWithKey = r.get("caffeineWithKey")[0];
            double searchKey = r.get("searchKey")[0];
            ratios[round] = ours / raw;
            keyRatios[round] = ours / rawWithKey;
            report.append(String.format(
                    Locale.ROOT,
                    "round %d: ProviderResults.search %.1f ns/op (± %.1f), raw Caffeine %.1f ns/op (± %.1f),"
                            + " Caffeine with key built per call %.1f ns/op (± %.1f), SearchKey per request %.1f ns/op (± %.1f);"
                            + " ratio %.2f, ratio to key-per-call %.2f\n",
                    round + 1,
                    ours,
                    r.get("providerResults")[1],
                    raw,
                    r.get("caffeine")[1],
                    rawWithKey,
                    r.get("caffeineWithKey")[1],
                    searchKey,
                    r.get("searchKey")[1],
                    ratios[round],
                    keyRatios[round]));
        }
        report.append(String.format(
                Locale.ROOT,
                "median ratio ProviderResults / raw Caffeine: %.2f (goal <= 2); / Caffeine with key per call: %.2f\n",
                median(ratios),
                median(keyRatios)));
        System.out.println("\n=== Catalog cache lookup benchmark ===\n" + report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("catalog-cache-lookup.txt"), report.toString());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static SourcePage page(Marketplace marketplace, int size) {
        List<RawProduct> products = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            products.add(new RawProduct(
                    marketplace,
                    marketplace.id() + "-" + i,
                    "Anker USB C Cable " + i,
                    null,
                    "Anker",
                    "AN-" + i,
                    "9.99",
                    "USD",
                    List.of(),
                    null,
                    "https://example.test/item/" + i,
                    null,
                    null,
                    Instant.parse("2026-11-22T10:00:00Z")));
        }
        return new SourcePage(products, size, false);
    }

    /** No shared level: every lookup here is answered by L1. */
    private static final class NoSharedStore implements SharedResultStore {
        @Override
        public Optional<CachedPage> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, CachedPage page, Duration ttl) {}
    }
}
