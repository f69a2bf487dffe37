package dev.mercator.marketplaces.resilience;

import dev.mercator.marketplaces.Marketplace;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What marketplace calls publish to Micrometer, under the names dashboards have used since these calls lived in the
 * catalog: {@code mercator.catalog.calls{marketplace,outcome}}, the quota gauges and warnings, and Resilience4j's
 * breaker meters (tag {@code name=catalog-<marketplace>}).
 */
final class CallMetrics {

    private final MeterRegistry meters;

    CallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** One attempt's outcome: {@code success}, a failure kind, {@code circuit_open}, {@code quota_exhausted}, ... */
    void count(Marketplace marketplace, String outcome) {
        increment("mercator.catalog.calls", marketplace, "outcome", outcome);
    }

    /** One run of the breaker probe that tried a marketplace: {@code closed}, {@code still_down}, {@code no_verdict}. */
    void probe(Marketplace marketplace, String outcome) {
        increment("mercator.catalog.probes", marketplace, "outcome", outcome);
    }

    /** Publishes resilience4j.circuitbreaker.state/calls/not.permitted.calls/... of every breaker in the registry. */
    void breakers(CircuitBreakerRegistry breakers) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    void quota(Marketplace marketplace, QuotaBudget budget) {
        Gauge.builder("mercator.catalog.quota.used", budget, QuotaBudget::used)
                .tag("marketplace", marketplace.id())
                .register(meters);
        Gauge.builder("mercator.catalog.quota.remaining", budget, QuotaBudget::remaining)
                .tag("marketplace", marketplace.id())
                .register(meters);
    }

    /** A budget crossed 80 % or 100 % today. */
    void quotaWarning(Marketplace marketplace, String level) {
        increment("mercator.catalog.quota.warnings", marketplace, "level", level);
    }

    private void increment(String name, Marketplace marketplace, String tag, String value) {
        Counter.builder(name)
                .tag("marketplace", marketplace.id())
                .tag(tag, value)
                .register(meters)
                .increment();
    }
}
