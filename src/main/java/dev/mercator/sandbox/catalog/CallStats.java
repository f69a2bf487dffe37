package dev.mercator.sandbox.catalog;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What one simulator has seen per account: token grants and API calls, for tests and demos to read. */
public final class CallStats {

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public void count(String account, String what) {
        counters.computeIfAbsent(account + "/" + what, any -> new AtomicLong()).incrementAndGet();
    }

    /** Counters of one account by name, e.g. {@code {"tokens":1,"searchItems":3}}. */
    public Map<String, Long> of(String account) {
        Map<String, Long> view = new TreeMap<>();
        String prefix = account + "/";
        counters.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                view.put(key.substring(prefix.length()), value.get());
            }
        });
        return view;
    }
}
