package dev.mercator.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Small helpers shared by the benchmarks: percentiles and machine description. */
final class BenchSupport {

    private BenchSupport() {}

    static double percentile(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
    }

    static long[] sorted(List<Long> micros) {
        long[] values = micros.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return values;
    }

    static String machine() {
        return String.format(
                Locale.ROOT,
                "%d cores, %s %s, JDK %s",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"));
    }
}
