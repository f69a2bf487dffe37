package dev.mercator.sandbox.amazon;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What one seller's calls looked like: per operation, how many arrived, were throttled or refused for auth. */
final class SimStats {

    private final Map<String, Counters> operations = new ConcurrentHashMap<>();
    final LongAdder tokensIssued = new LongAdder();
    final LongAdder lwaRefusals = new LongAdder();

    static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder throttled = new LongAdder();
        final LongAdder unauthorized = new LongAdder();
        final LongAdder rejected = new LongAdder();
    }

    Counters of(String operation) {
        return operations.computeIfAbsent(operation, o -> new Counters());
    }

    Map<String, Object> view() {
        Map<String, Object> ops = new TreeMap<>();
        operations.forEach((name, c) -> ops.put(
                name,
                Map.of(
                        "calls", c.calls.sum(),
                        "throttled", c.throttled.sum(),
                        "unauthorized", c.unauthorized.sum(),
                        "rejected", c.rejected.sum())));
        long throttled =
                operations.values().stream().mapToLong(c -> c.throttled.sum()).sum();
        long unauthorized = operations.values().stream()
                .mapToLong(c -> c.unauthorized.sum())
                .sum();
        return Map.of(
                "tokensIssued",
                tokensIssued.sum(),
                "lwaRefusals",
                lwaRefusals.sum(),
                "throttled",
                throttled,
                "unauthorized",
                unauthorized,
                "operations",
                ops);
    }
}
