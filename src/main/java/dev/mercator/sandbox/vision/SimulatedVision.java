package dev.mercator.sandbox.vision;

import dev.mercator.sandbox.limits.SimulatorBuckets;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's state: the API keys it accepts with their requests-per-minute limits, what each registered photo
 * (by the SHA-256 of its bytes) shows, and its counters.
 */
@Component
@dev.mercator.sandbox.ConditionalOnSandbox
class SimulatedVision {

    /** Accepted out of the box, so a fresh checkout works in sandbox mode (Mercator sends it when no key is set). */
    static final String SANDBOX_KEY = "sk-mercator-sandbox";

    /** OpenAI's tier-1 limit for small vision models. */
    static final int DEFAULT_RPM = 500;

    /** How the simulator answers for a registered photo. */
    enum Behaviour {
        ANSWER,
        REFUSE,
        MALFORMED,
        TRUNCATE,
        FILTER
    }

    record Item(
            String title,
            @Nullable String brand,
            @Nullable String model,
            @Nullable String gtin,
            @Nullable String condition,
            double confidence,
            Behaviour behaviour) {}

    static final class Key {
        final int requestsPerMinute;
        final Bucket bucket;

        Key(int requestsPerMinute, Clock clock) {
            this.requestsPerMinute = requestsPerMinute;
            this.bucket = SimulatorBuckets.full(requestsPerMinute / 60.0, requestsPerMinute, clock);
        }
    }

    final Clock clock;
    final Map<String, Key> keys = new ConcurrentHashMap<>();
    final Map<String, Item> items = new ConcurrentHashMap<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicReference<@Nullable ObjectNode> lastRequest = new AtomicReference<>();

    SimulatedVision(Clock clock) {
        this.clock = clock;
        keys.put(SANDBOX_KEY, new Key(DEFAULT_RPM, clock));
    }

    void putKey(String key, int requestsPerMinute) {
        keys.put(key, new Key(requestsPerMinute, clock));
    }
}
