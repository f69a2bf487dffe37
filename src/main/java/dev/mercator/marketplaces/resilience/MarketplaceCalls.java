package dev.mercator.catalog.resilience;

import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.SourceFailure;
import dev.mercator.catalog.settings.CatalogSettings;
import dev.mercator.platform.ratelimit.SharedRateLimiter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Wraps every marketplace call: circuit breaker, daily quota (by lane), the shared token bucket, then the call with
 * retries by failure class. Rate-limited calls wait for Retry-After or the bucket (up to the lane's limit); transient
 * failures are retried with exponential backoff and full jitter; permanent ones are not retried and mark the provider
 * unhealthy, with the reason, until a call succeeds again.
 *
 * <p>The breaker is Resilience4j's, one per marketplace, set up so that {@code breakerFailures} consecutive failed
 * calls open it (see {@link #breakerConfig}). Only a call's final transient failure is a failure to it; a permanent
 * failure (our request is wrong, the provider is not down) and a rate-limited outcome (we were told to slow down) give
 * their permission back without a verdict, so neither opens the circuit. It reads the service {@link Clock}, so tests
 * move time instead of waiting.
 */
@Component
public class MarketplaceCalls {

    private static final Logger log = LoggerFactory.getLogger(MarketplaceCalls.class);

    /** A marketplace call as the adapters expose it. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws SourceFailure;
    }

    /** Where rate-limit tokens come from: the shared database buckets in the service, a bottomless one in unit tests. */
    @FunctionalInterface
    interface Tokens {
        /** Zero when a token was taken, else how long until one will be. */
        Duration tryAcquire(String key, double perSecond, int burst);
    }

    private final CatalogSettings.Resilience settings;
    private final Tokens buckets;
    private final QuotaCounter quotaCounter;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Marketplace, Provider> providers = new EnumMap<>(Marketplace.class);

    @Autowired
    MarketplaceCalls(
            CatalogSettings settings,
            SharedRateLimiter buckets,
            QuotaCounter quotaCounter,
            MeterRegistry meters,
            Clock clock) {
        this(settings, buckets::tryAcquire, quotaCounter, meters, clock);
    }

    MarketplaceCalls(
            CatalogSettings settings, Tokens buckets, QuotaCounter quotaCounter, MeterRegistry meters, Clock clock) {
        this.settings = settings.resilience();
        this.quotaCounter = quotaCounter;
        this.buckets = buckets;
        this.meters = meters;
        this.clock = clock;
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(breakerConfig(this.settings, clock));
        // Publishes resilience4j.circuitbreaker.state/calls/not.permitted.calls/... tagged name=catalog-<marketplace>.
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        for (Marketplace marketplace : Marketplace.values()) {
            providers.put(
                    marketplace,
                    new Provider(
                            marketplace,
                            settings.limits(marketplace),
                            breakers.circuitBreaker("catalog-" + marketplace.id())));
        }
    }

    /**
     * "N consecutive failures open the circuit" in Resilience4j's terms: a count-based window of the last N calls that
     * opens only at a 100% failure rate over all N. After {@code breakerOpenFor} the next call is let through as the one
     * half-open trial (no scheduler thread moves the state on its own); its outcome closes the circuit or opens it
     * again. Slow calls are the search deadline's business, not the breaker's: a background call that waited out rate
     * limits is slow but no sign of an outage, so the slow-call threshold is set out of reach.
     */
    private static CircuitBreakerConfig breakerConfig(CatalogSettings.Resilience settings, Clock clock) {
        int failures = settings.breakerFailures();
        if (settings.breakerOpenFor().toMillis() < 1) {
            // Resilience4j's own message would name its setting, not ours.
            throw new IllegalArgumentException("mercator.catalog.resilience.breaker-open-for must be at least 1ms");
        }
        return CircuitBreakerConfig.custom()
                .slidingWindow(failures, failures, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitDurationInOpenState(settings.breakerOpenFor())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .build();
    }

    /**
     * Runs the call with retries by failure class. Each attempt asks the breaker for permission and reports its own
     * outcome to it (Resilience4j's Retry-around-CircuitBreaker order), so a dead provider opens the circuit after
     * {@code breakerFailures} failed attempts rather than that many calls of several attempts each, and a retry the
     * opened circuit refuses ends the call at once instead of waiting out another timeout.
     */
    public <T> T call(Marketplace marketplace, Lane lane, Call<T> call) throws SourceFailure {
        Provider provider = provider(marketplace);
        CircuitBreaker breaker = provider.breaker;
        for (int attempt = 1; ; attempt++) {
            if (!breaker.tryAcquirePermission()) {
                count(marketplace, "circuit_open");
                throw new SourceFailure(
                        marketplace,
                        SourceFailure.Kind.TRANSIENT,
                        attempt == 1
                                ? "circuit open after repeated failures"
                                : "circuit opened while retrying after repeated failures",
                        provider.retryAfter());
            }
            CircuitBreaker.State permittedIn = breaker.getState();
            long started = System.nanoTime();
            boolean verdict = false;
            Duration pause;
            try {
                Optional<String> overBudget = provider.quota.tryTake(lane);
                if (overBudget.isPresent()) {
                    count(marketplace, "quota_exhausted");
                    throw new SourceFailure(
                            marketplace, SourceFailure.Kind.RATE_LIMITED, overBudget.get(), (Duration) null);
                }
                awaitToken(provider, lane);
                try {
                    T result = call.run();
                    count(marketplace, "success");
                    provider.succeeded(System.nanoTime() - started);
                    provider.permanentFailure = null;
                    verdict = true;
                    return result;
                } catch (SourceFailure failure) {
                    count(marketplace, failure.kind().name().toLowerCase(Locale.ROOT));
                    switch (failure.kind()) {
                        case PERMANENT -> {
                            provider.permanentFailure = failure.getMessage();
                            provider.permanentAt = clock.instant();
                            log.warn(
                                    "Marketplace {} failed permanently, not retrying: {}",
                                    marketplace.id(),
                                    failure.getMessage());
                            throw failure;
                        }
                        case RATE_LIMITED -> {
                            pause = failure.retryAfter() == null ? backoff(attempt) : failure.retryAfter();
                            if (attempt >= settings.attempts() || pause.compareTo(maxWait(lane)) > 0) {
                                throw failure;
                            }
                        }
                        case TRANSIENT -> {
                            provider.failed(System.nanoTime() - started, failure);
                            verdict = true;
                            if (attempt >= settings.attempts()) {
                                throw failure;
                            }
                            pause = backoff(attempt);
                        }
                        default -> throw failure;
                    }
                } catch (RuntimeException unexpected) {
                    // An adapter bug or an unclassified client error: treated as transient, never retried blindly.
                    count(marketplace, "error");
                    provider.failed(System.nanoTime() - started, unexpected);
                    verdict = true;
                    throw new SourceFailure(
                            marketplace,
                            SourceFailure.Kind.TRANSIENT,
                            "unexpected " + unexpected.getClass().getSimpleName(),
                            unexpected);
                }
            } finally {
                // No verdict on the provider (permanent, rate-limited, quota): the permission goes back, so a half-open
                // trial slot is free again. Only into the state it came from: Resilience4j counts half-open permissions
                // up on every release, so a call let in while closed must not hand one to a later half-open state.
                if (!verdict && breaker.getState() == permittedIn) {
                    breaker.releasePermission();
                }
            }
            // Waits happen without a permission held, so a half-open trial slot is never parked in a backoff.
            sleep(marketplace, pause);
        }
    }

    /** The full-jitter wait before retry {@code attempt} (1-based): uniform in [0, min(max, base * 2^(attempt-1))]. */
    Duration backoff(int attempt) {
        long base = settings.backoffBase().toMillis();
        long cap = Math.min(settings.backoffMax().toMillis(), base << Math.min(20, attempt - 1));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }

    public List<QuotaReport> quotas() {
        return providers.values().stream()
                .map(p -> {
                    QuotaBudget.Usage usage = p.quota.usage();
                    return new QuotaReport(
                            usage.marketplace().id(),
                            usage.day().toString(),
                            usage.budget(),
                            usage.used(),
                            usage.remaining(),
                            usage.backgroundLimit(),
                            usage.warning());
                })
                .toList();
    }

    /** The state of one provider as health reports it. */
    public ProviderState state(Marketplace marketplace) {
        Provider provider = provider(marketplace);
        return new ProviderState(
                provider.permanentFailure,
                provider.permanentAt,
                provider.circuit(),
                provider.consecutiveFailures.get(),
                provider.quota.usage().remaining());
    }

    private void awaitToken(Provider provider, Lane lane) throws SourceFailure {
        CatalogSettings.Limits limits = provider.limits;
        Duration waited = Duration.ZERO;
        while (true) {
            Duration wait =
                    buckets.tryAcquire("catalog:" + provider.marketplace.id(), limits.ratePerSecond(), limits.burst());
            if (wait.isZero()) {
                return;
            }
            waited = waited.plus(wait);
            if (waited.compareTo(maxWait(lane)) > 0) {
                count(provider.marketplace, "bucket_empty");
                throw new SourceFailure(
                        provider.marketplace, SourceFailure.Kind.RATE_LIMITED, "rate limit bucket empty", wait);
            }
            sleep(provider.marketplace, wait);
        }
    }

    private Duration maxWait(Lane lane) {
        return lane == Lane.INTERACTIVE ? settings.maxRateWait() : settings.maxBackgroundRateWait();
    }

    private static void sleep(Marketplace marketplace, Duration wait) throws SourceFailure {
        try {
            Thread.sleep(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailure(marketplace, SourceFailure.Kind.TRANSIENT, "interrupted while waiting", e);
        }
    }

    private void count(Marketplace marketplace, String outcome) {
        Counter.builder("mercator.catalog.calls")
                .tag("marketplace", marketplace.id())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private Provider provider(Marketplace marketplace) {
        Provider provider = providers.get(marketplace);
        if (provider == null) {
            throw new IllegalStateException("no provider state for " + marketplace);
        }
        return provider;
    }

    private final class Provider {
        final Marketplace marketplace;
        final CatalogSettings.Limits limits;
        final CircuitBreaker breaker;
        final QuotaBudget quota;
        /** For health: Resilience4j counts failures in its window, not in a row. */
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        /** When the circuit last opened, by the service clock; Resilience4j does not expose its own. */
        volatile @Nullable Instant openedAt;

        volatile @Nullable String permanentFailure;
        volatile @Nullable Instant permanentAt;

        Provider(Marketplace marketplace, CatalogSettings.Limits limits, CircuitBreaker breaker) {
            this.marketplace = marketplace;
            this.limits = limits;
            this.breaker = breaker;
            // Published synchronously by the thread whose verdict opened the circuit, before its call returns.
            breaker.getEventPublisher().onStateTransition(event -> {
                if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    openedAt = clock.instant();
                    log.warn(
                            "Circuit of marketplace {} opened after {} consecutive failures, for {}",
                            marketplace.id(),
                            consecutiveFailures.get(),
                            settings.breakerOpenFor());
                }
            });
            this.quota = new QuotaBudget(
                    marketplace,
                    limits,
                    clock,
                    quotaCounter,
                    () -> warned(marketplace, "80"),
                    () -> warned(marketplace, "100"));
            Gauge.builder("mercator.catalog.quota.used", quota, QuotaBudget::used)
                    .tag("marketplace", marketplace.id())
                    .register(meters);
            Gauge.builder("mercator.catalog.quota.remaining", quota, QuotaBudget::remaining)
                    .tag("marketplace", marketplace.id())
                    .register(meters);
        }

        void succeeded(long nanos) {
            consecutiveFailures.set(0);
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }

        void failed(long nanos, Throwable failure) {
            consecutiveFailures.incrementAndGet();
            breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        }

        /** How long an open circuit still refuses calls; zero when it is not open. */
        Duration retryAfter() {
            Instant opened = openedAt;
            if (breaker.getState() != CircuitBreaker.State.OPEN || opened == null) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(clock.instant(), opened.plus(settings.breakerOpenFor()));
            return left.isNegative() ? Duration.ZERO : left;
        }

        /**
         * {@code closed}, {@code open} or {@code half_open}. An open circuit whose time is up shows as half-open: the
         * next call is the trial, even though Resilience4j only moves on when that call asks.
         */
        String circuit() {
            CircuitBreaker.State state = breaker.getState();
            Instant opened = openedAt;
            if (state == CircuitBreaker.State.OPEN
                    && opened != null
                    && clock.instant().isAfter(opened.plus(settings.breakerOpenFor()))) {
                return "half_open";
            }
            return state.name().toLowerCase(Locale.ROOT);
        }
    }

    private void warned(Marketplace marketplace, String level) {
        Counter.builder("mercator.catalog.quota.warnings")
                .tag("marketplace", marketplace.id())
                .tag("level", level)
                .register(meters)
                .increment();
    }

    /** One marketplace's daily budget as {@code GET /api/monitoring/quotas} shows it. */
    public record QuotaReport(
            String marketplace,
            String day,
            long budget,
            long used,
            long remaining,
            long backgroundLimit,
            @Nullable String warning) {}

    /** What health needs to know about a provider. */
    public record ProviderState(
            @Nullable String permanentFailure,
            @Nullable Instant permanentAt,
            String circuit,
            int consecutiveFailures,
            long quotaRemaining) {}
}
