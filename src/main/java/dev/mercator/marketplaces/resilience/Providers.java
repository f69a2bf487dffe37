package dev.mercator.marketplaces.resilience;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.settings.MarketplaceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each marketplace's health as this instance knows it: its circuit breaker, failures in a row, the permanent failure
 * that marks it unhealthy until a call succeeds, and today's quota budget. {@link MarketplaceCalls} records outcomes
 * here; health and the quota report read it.
 *
 * <p>The breaker is Resilience4j's, one per marketplace, set up so that {@code breakerFailures} consecutive failed
 * attempts open it (see {@link #breakerConfig}). It reads the service {@link Clock}, so tests move time instead of
 * waiting.
 */
final class Providers {

    private static final Logger log = LoggerFactory.getLogger(Providers.class);

    private final MarketplaceSettings.Resilience settings;
    private final Clock clock;
    private final Map<Marketplace, Provider> providers = new EnumMap<>(Marketplace.class);

    private final MarketplaceHealthListener listener;

    Providers(
            MarketplaceSettings settings,
            QuotaCounter quotaCounter,
            CallMetrics metrics,
            Clock clock,
            MarketplaceHealthListener listener) {
        this.settings = settings.resilience();
        this.clock = clock;
        this.listener = listener;
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(breakerConfig(this.settings, clock));
        metrics.breakers(breakers);
        for (Marketplace marketplace : Marketplace.values()) {
            QuotaBudget quota = new QuotaBudget(
                    marketplace,
                    settings.limits(marketplace),
                    clock,
                    quotaCounter,
                    () -> {
                        metrics.quotaWarning(marketplace, "80");
                        listener.quotaWarning(
                                marketplace, 80, settings.limits(marketplace).dailyQuota());
                    },
                    () -> {
                        metrics.quotaWarning(marketplace, "100");
                        listener.quotaWarning(
                                marketplace, 100, settings.limits(marketplace).dailyQuota());
                    },
                    () -> listener.quotaRenewed(marketplace));
            metrics.quota(marketplace, quota);
            providers.put(
                    marketplace,
                    new Provider(
                            marketplace,
                            settings.limits(marketplace),
                            breakers.circuitBreaker("catalog-" + marketplace.id()),
                            quota));
        }
    }

    /**
     * "N consecutive failures open the circuit" in Resilience4j's terms: a count-based window of the last N calls that
     * opens only at a 100% failure rate over all N. After {@code breakerOpenFor} the breaker's own timer would let the
     * next asker through as the one half-open trial; only the background probe asks then ({@link Provider#admitCaller}
     * keeps callers from asking), and its outcome closes the circuit or opens it again. Slow calls are the search deadline's business, not the breaker's: a background call that waited out rate
     * limits is slow but no sign of an outage, so the slow-call threshold is set out of reach.
     */
    private static CircuitBreakerConfig breakerConfig(MarketplaceSettings.Resilience settings, Clock clock) {
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

    Provider get(Marketplace marketplace) {
        Provider provider = providers.get(marketplace);
        if (provider == null) {
            throw new IllegalStateException("no provider state for " + marketplace);
        }
        return provider;
    }

    ProviderState state(Marketplace marketplace) {
        Provider provider = get(marketplace);
        return new ProviderState(
                provider.permanentFailure,
                provider.permanentAt,
                provider.circuit(),
                provider.consecutiveFailures.get(),
                provider.quota.usage().remaining());
    }

    List<QuotaReport> quotas() {
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

    /** One marketplace's state. */
    final class Provider {
        final Marketplace marketplace;
        final MarketplaceSettings.Limits limits;
        final CircuitBreaker breaker;
        final QuotaBudget quota;
        /** For health: Resilience4j counts failures in its window, not in a row. */
        private final AtomicInteger consecutiveFailures = new AtomicInteger();
        /** When the circuit last opened, by the service clock; Resilience4j does not expose its own. */
        private volatile @Nullable Instant openedAt;

        private volatile @Nullable String permanentFailure;
        private volatile @Nullable Instant permanentAt;

        Provider(
                Marketplace marketplace, MarketplaceSettings.Limits limits, CircuitBreaker breaker, QuotaBudget quota) {
            this.marketplace = marketplace;
            this.limits = limits;
            this.breaker = breaker;
            this.quota = quota;
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
        }

        /**
         * Whether a caller's call may go ahead, taking a permission if so. Only a closed circuit lets callers through,
         * and an open one refuses them (counted by Resilience4j as not permitted) while its open period lasts. Once
         * that is over, or while the circuit is half-open, a caller must not even ask: Resilience4j would move the
         * circuit to half-open and make that caller the trial, which the probe makes instead.
         */
        boolean admitCaller() {
            CircuitBreaker.State state = breaker.getState();
            if (state == CircuitBreaker.State.HALF_OPEN || (state == CircuitBreaker.State.OPEN && trialDue())) {
                return false;
            }
            if (!breaker.tryAcquirePermission()) {
                return false;
            }
            if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
                // The open period ended between the check and the permission, which made this caller the trial.
                breaker.releasePermission();
                return false;
            }
            return true;
        }

        /** Whether the probe should try the marketplace: the circuit is half-open, or open past its open period. */
        boolean trialDue() {
            CircuitBreaker.State state = breaker.getState();
            if (state == CircuitBreaker.State.HALF_OPEN) {
                return true;
            }
            Instant opened = openedAt;
            return state == CircuitBreaker.State.OPEN
                    && opened != null
                    && clock.instant().isAfter(opened.plus(settings.breakerOpenFor()));
        }

        void succeeded(long nanos) {
            answered(nanos);
            if (permanentFailure != null) {
                permanentFailure = null;
                listener.healthy(marketplace);
            }
        }

        /** The marketplace answered, rightly or not: it is up, whatever health says about our request. */
        void answered(long nanos) {
            consecutiveFailures.set(0);
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }

        void failed(long nanos, Throwable failure) {
            consecutiveFailures.incrementAndGet();
            breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        }

        /** Our request is wrong, not the provider down: unhealthy with the reason until a call succeeds again. */
        void failedPermanently(@Nullable String reason, String owner) {
            boolean wasHealthy = permanentFailure == null;
            String why = reason == null ? "no reason given" : reason;
            permanentFailure = why;
            permanentAt = clock.instant();
            if (wasHealthy) {
                listener.unhealthy(marketplace, why, owner);
            }
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
         * probe's next run is the trial, even though Resilience4j only moves on when the probe asks.
         */
        String circuit() {
            if (breaker.getState() == CircuitBreaker.State.OPEN && trialDue()) {
                return "half_open";
            }
            return breaker.getState().name().toLowerCase(Locale.ROOT);
        }
    }
}
