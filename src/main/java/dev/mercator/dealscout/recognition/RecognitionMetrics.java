package dev.mercator.dealscout.recognition;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code mercator.dealscout.recognition{outcome}}: one count per item asked about, by how it ended. All outcomes are
 * registered up front so a rate of zero shows as zero.
 */
final class RecognitionMetrics {

    static final String METER = "mercator.dealscout.recognition";

    /** Outcomes that are failures of the call (logged as warnings), as opposed to the provider's own answer. */
    static final Set<String> FAILURES = Set.of(
            "malformed",
            "rate_limited",
            "unauthorized",
            "forbidden",
            "rejected",
            "server_error",
            "timeout",
            "circuit_open",
            "error");

    static final List<String> OUTCOMES = List.of(
            "proposed",
            "unrecognized",
            "refused",
            "truncated",
            "filtered",
            "no_photos",
            "malformed",
            "rate_limited",
            "unauthorized",
            "forbidden",
            "rejected",
            "server_error",
            "timeout",
            "circuit_open",
            "error");

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RecognitionMetrics(MeterRegistry meters) {
        this.meters = meters;
        OUTCOMES.forEach(this::counter);
    }

    void count(String outcome) {
        counter(outcome).increment();
    }

    private Counter counter(String outcome) {
        return counters.computeIfAbsent(
                outcome,
                tag -> Counter.builder(METER)
                        .description("Items asked about by outcome")
                        .tag("outcome", tag)
                        .register(meters));
    }
}
