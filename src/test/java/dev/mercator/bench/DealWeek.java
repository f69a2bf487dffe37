package dev.mercator.bench;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * A stretch of simulated time on a living market for the Deal Scout benchmarks: the harness set up, then the clock
 * moved step by step with a scan-worker pass at each step, and the real time each step took recorded.
 */
final class DealWeek {

    /** Realistic products in categories the scans accept: a spread of true values, each its own comp pool. */
    static final List<Map<String, Object>> PRODUCTS = List.of(
            product("Sony WH-1000XM5 Wireless Headphones", "Sony", "WH-1000XM5", "112529", 330),
            product("Bose QuietComfort 45 Wireless Headphones", "Bose", "QuietComfort 45", "112529", 250),
            product("Apple iPhone 14 Pro 128GB Smartphone", "Apple", "iPhone 14 Pro", "9355", 650),
            product("Dell XPS 13 9310 Laptop", "Dell", "XPS 13 9310", "177", 900),
            product("Canon EOS R6 Mark II Digital Camera", "Canon", "EOS R6 Mark II", "31388", 1900),
            product("Garmin Forerunner 965 Smart Watch", "Garmin", "Forerunner 965", "178893", 480));

    final DealScoutBench bench;
    final Instant start;
    final List<Long> stepMillis = new ArrayList<>();
    int scanRuns;

    private DealWeek(DealScoutBench bench) {
        this.bench = bench;
        this.start = bench.now();
    }

    static Map<String, Object> product(String title, String brand, String model, String category, int value) {
        return Map.of("title", title, "brand", brand, "model", model, "categoryId", category, "trueValue", value);
    }

    static DealWeek start(
            Api api,
            IntegrationTest.Tenant shop,
            ApplicationContext context,
            Map<String, Object> shape,
            int intervalMinutes,
            double minDiscount) {
        return new DealWeek(DealScoutBench.start(api, shop, context, shape, intervalMinutes, minDiscount));
    }

    /** Runs {@code length} of simulated time in steps of {@code step}. */
    void run(Duration length, Duration step) {
        long steps = length.dividedBy(step);
        for (long i = 0; i < steps; i++) {
            long began = System.nanoTime();
            scanRuns += bench.step(step);
            stepMillis.add((System.nanoTime() - began) / 1_000_000);
        }
    }

    static String header(String title) {
        return String.format(
                Locale.ROOT,
                "%s%nmachine: %s; load average %s; at %s%n",
                title,
                BenchSupport.machine(),
                loadAverage(),
                Instant.now());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static void write(String file, String report) throws IOException {
        Path out = Path.of("target", "benchmarks", file);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }
}
