package dev.mercator.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The faults currently set per provider. Kept in memory on purpose: faults are a test and demo tool, set for minutes,
 * per instance, and must be gone after a restart.
 */
@Component
@ConditionalOnSandbox
class SandboxFaults {

    /** A provider's faults and, when they are limited to a number of faulted responses, how many are left. */
    private record Armed(Faults faults, AtomicInteger left) {}

    private final Map<String, Armed> byProvider = new ConcurrentHashMap<>();

    Faults of(String provider) {
        Armed armed = byProvider.get(provider);
        return armed == null ? Faults.NONE : armed.faults();
    }

    void set(String provider, Faults faults) {
        byProvider.put(provider, new Armed(faults, new AtomicInteger(faults.times())));
    }

    void clear(String provider) {
        byProvider.remove(provider);
    }

    /**
     * Counts one faulted response against the provider's {@code times}; false when none is left (the request must then
     * pass untouched). The last one allowed clears the provider's faults, latency included.
     */
    boolean spend(String provider) {
        Armed armed = byProvider.get(provider);
        if (armed == null) {
            return false;
        }
        if (armed.faults().times() == 0) {
            return true;
        }
        int left = armed.left().decrementAndGet();
        if (left <= 0) {
            byProvider.remove(provider, armed);
        }
        return left >= 0;
    }
}
