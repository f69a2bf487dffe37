package dev.mercator.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The faults currently set per provider. Kept in memory on purpose: faults are a test and demo tool, set for minutes,
 * per instance, and must be gone after a restart.
 */
@Component
@ConditionalOnSandbox
class SandboxFaults {

    private final Map<String, Faults> byProvider = new ConcurrentHashMap<>();

    Faults of(String provider) {
        return byProvider.getOrDefault(provider, Faults.NONE);
    }

    void set(String provider, Faults faults) {
        byProvider.put(provider, faults);
    }

    void clear(String provider) {
        byProvider.remove(provider);
    }
}
