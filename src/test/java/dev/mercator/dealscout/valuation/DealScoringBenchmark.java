package dev.mercator.dealscout.valuation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Deal Scout scoring: listings valued and scored per second in process with their comps (issue 13's goal: ≥ 50,000/s
 * on 2 cores). JMH, two threads; not part of the test suite, run with the command in docs/benchmarks.md.
 *
 * <p>{@value #PRODUCTS} products, each with {@value #COMPS_PER_PRODUCT} comps (sold, vanished-quickly and asking
 * prices of random ages up to 60 days around a product's own price, a few outliers) spread over four eBay conditions,
 * so every listing's chain has real pools to borrow from; {@value #LISTINGS} listings to score against them. Three
 * measurements:
 *
 * <ul>
 *   <li>{@code scoreListing}: what a scan does per listing: derive its pool keys from title, GTIN, brand and model
 *       (the catalog's normalisation), find its valuation (borrowing when thin) and score it;
 *   <li>{@code scoreWithKeys}: the same with the keys derived beforehand, as a caller rescoring stored listings does;
 *   <li>{@code scoreAfterPoolChange}: every listing's pool changes just before it is scored (a comp repriced), so each
 *       score pays a full valuation of its pool: the worst case, every cached valuation stale.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(2)
@Fork(1)
public class DealScoringBenchmark {

    static final int PRODUCTS = 500;
    static final int COMPS_PER_PRODUCT = 60;
    static final int LISTINGS = 8192;
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final int[] CONDITIONS = {1000, 3000, 4000, 5000};
    static final String[] BRANDS = {"Sony", "Bose", "Apple", "Samsung", "Canon", "Nikon", "Lenovo", "Dell"};
    static final String[] THINGS = {"headphones", "camera", "tablet", "phone", "laptop", "speaker", "lens", "watch"};

    DealValuation valuation;
    ItemFacts[] listings;
    List<List<PoolKey>> chains;
    double[] prices;
    SellerSignals seller = new SellerSignals(99.1, 540);

    /** Each measuring thread walks the listings in its own order. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        int stride = 1;
        long repriced;

        @Setup
        public void start() {
            SplittableRandom random = new SplittableRandom();
            next = random.nextInt(LISTINGS);
            stride = 2 * random.nextInt(1, 1000) + 1; // odd: visits every listing of a power-of-two count
        }

        int advance() {
            next = (next + stride) & (LISTINGS - 1);
            return next;
        }
    }

    @Setup
    public void setUp() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        valuation = new DealValuation(ValuationSettings.defaults(), FeeSettings.defaults(), clock);
        SplittableRandom random = new SplittableRandom(20261204);
        ItemFacts[][] byCondition = new ItemFacts[PRODUCTS][CONDITIONS.length];
        double[] value = new double[PRODUCTS];
        int comp = 0;
        for (int p = 0; p < PRODUCTS; p++) {
            value[p] = 20 + random.nextDouble() * 980;
            String brand = BRANDS[p % BRANDS.length];
            String title = brand + " " + THINGS[(p / BRANDS.length) % THINGS.length] + " X" + p + " series "
                    + (p % 3 == 0 ? "128GB" : "black");
            // A third identified by GTIN, a third by brand and model, a third by title tokens only.
            String gtin = p % 3 == 0 ? Gtin.of(p) : null;
            String model = p % 3 == 1 ? "MX-" + p : null;
            for (int c = 0; c < CONDITIONS.length; c++) {
                byCondition[p][c] = new ItemFacts("9355", gtin, brand, model, title, CONDITIONS[c], "USD");
            }
            for (int i = 0; i < COMPS_PER_PRODUCT; i++) {
                int c = random.nextInt(CONDITIONS.length);
                double price = value[p] * (1 - 0.1 * c) * Math.exp(0.15 * gaussian(random));
                if (random.nextInt(50) == 0) {
                    price *= random.nextBoolean() ? 5 : 0.1; // an accessory or a mistyped price
                }
                Comp.Kind kind = Comp.Kind.values()[random.nextInt(3)];
                Instant seen = NOW.minus(Duration.ofMinutes(random.nextLong(60L * 24 * 60)));
                valuation.record(byCondition[p][c], new Comp("c" + comp++, price, seen, kind));
            }
        }
        listings = new ItemFacts[LISTINGS];
        prices = new double[LISTINGS];
        chains = new ArrayList<>(LISTINGS);
        for (int i = 0; i < LISTINGS; i++) {
            int p = random.nextInt(PRODUCTS);
            int c = random.nextInt(CONDITIONS.length);
            listings[i] = byCondition[p][c];
            prices[i] = value[p] * (1 - 0.1 * c) * (0.6 + 0.6 * random.nextDouble());
            chains.add(PoolKeys.chain(listings[i]));
        }
    }

    @Benchmark
    public ListingScore scoreListing(Cursor cursor) {
        int i = cursor.advance();
        return valuation.score("l", listings[i], prices[i], null, seller);
    }

    @Benchmark
    public ListingScore scoreWithKeys(Cursor cursor) {
        int i = cursor.advance();
        return valuation.score("l", chains.get(i), prices[i], null, seller);
    }

    @Benchmark
    public ListingScore scoreAfterPoolChange(Cursor cursor) {
        int i = cursor.advance();
        // Reprice one comp of this listing's own pools (same id: the pool's size stays, its version moves on).
        valuation.record(
                listings[i],
                new Comp("moving-" + i, prices[i] * (1 + (cursor.repriced++ & 7) / 100.0), NOW, Comp.Kind.SOLD));
        return valuation.score("l", chains.get(i), prices[i], null, seller);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Valid GTINs for the set-up: a 12-digit UPC with its check digit. */
    static final class Gtin {
        static String of(int n) {
            String data = String.format(Locale.ROOT, "%011d", 40_000_000_000L + n);
            int sum = 0;
            for (int i = 0; i < 11; i++) {
                sum += (data.charAt(i) - '0') * (i % 2 == 0 ? 3 : 1);
            }
            return data + (10 - sum % 10) % 10;
        }
    }

    /**
     * The launcher: {@code ./mvnw test -Dtest=DealScoringBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Prints
     * and writes target/benchmarks/dealscout-scoring.txt: listings per second for each measurement, the machine, and
     * the load average before and after (the machine may be shared).
     */
    @Test
    void scoring() throws Exception {
        String loadBefore = loadAverage();
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                        .include(DealScoringBenchmark.class.getName() + "\\.")
                        .shouldFailOnError(true)
                        .build())
                .run();
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "machine: %d cores, %s %s, JDK %s; load average before: %s, after: %s\n"
                        + "%d products x %d comps, %d listings; 2 threads; JMH\n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                loadBefore,
                loadAverage(),
                PRODUCTS,
                COMPS_PER_PRODUCT,
                LISTINGS));
        for (RunResult run : runs) {
            String label = run.getParams().getBenchmark();
            var score = run.getPrimaryResult();
            report.append(String.format(
                    Locale.ROOT,
                    "%s: %,.0f listings/s (± %,.0f)%s\n",
                    label.substring(label.lastIndexOf('.') + 1),
                    score.getScore(),
                    score.getScoreError(),
                    score.getScore() >= 50_000 ? "" : "  below the goal of 50,000/s"));
        }
        report.append(cpuTimeFigures());
        System.out.println("\n=== Deal Scout scoring benchmark ===\n" + report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("dealscout-scoring.txt"), report.toString());
    }

    /**
     * Listings per CPU-second of the measuring thread, which a shared machine's load does not change the way it changes
     * JMH's wall-clock throughput: each benchmark body run on one thread, timed by that thread's CPU time
     * ({@link java.lang.management.ThreadMXBean}) after a warm-up. Two cores would do about twice this if nothing else
     * ran (the cached path reads only volatile fields and shares no lock).
     */
    private static String cpuTimeFigures() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        DealScoringBenchmark state = new DealScoringBenchmark();
        state.setUp();
        Cursor cursor = new Cursor();
        cursor.start();
        StringBuilder figures = new StringBuilder("per CPU-second of one thread (ThreadMXBean, same process):\n");
        String[] names = {"scoreListing", "scoreWithKeys", "scoreAfterPoolChange"};
        for (String name : names) {
            java.util.function.IntSupplier body = switch (name) {
                case "scoreListing" -> () -> state.scoreListing(cursor).score().score();
                case "scoreWithKeys" ->
                    () -> state.scoreWithKeys(cursor).score().score();
                default -> () -> state.scoreAfterPoolChange(cursor).score().score();
            };
            long sink = 0;
            for (int i = 0; i < 300_000; i++) {
                sink += body.getAsInt();
            }
            int operations = 300_000;
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < operations; i++) {
                sink += body.getAsInt();
            }
            double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            figures.append(String.format(
                    Locale.ROOT,
                    "%s: %,.0f listings per CPU-second (%.2f µs each; checksum %d)\n",
                    name,
                    operations / seconds,
                    seconds * 1e6 / operations,
                    sink % 10));
        }
        return figures.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
