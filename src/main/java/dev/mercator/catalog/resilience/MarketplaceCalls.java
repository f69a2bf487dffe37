package dev.mercator.catalog.resilience;

import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.SourceFailure;
import dev.mercator.catalog.settings.CatalogSettings;
import dev.mercator.platform.ratelimit.SharedRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Wraps every marketplace call: circuit breaker, daily quota (by lane), the shared token bucket, then the call with
 * retries by failure class. Rate-limited calls wait for Retry-After or the bucket (up to the lane's limit); transient
 * failures are retried with exponential backoff and full jitter; permanent ones are not retried and mark the provider
 * unhealthy, with the reason, until a call succeeds again.
 */
@Component
public class MarketplaceCalls {

    private static final Logger log = LoggerFactory.getLogger(MarketplaceCalls.class);

    /** A marketplace call as the adapters expose it. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws SourceFailure;
    }

    private final CatalogSettings.Resilience settings;
    private final SharedRateLimiter buckets;
    private final QuotaCounter quotaCounter;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Marketplace, Provider> providers = new EnumMap<>(Marketplace.class);

    MarketplaceCalls(
            CatalogSettings settings,
            SharedRateLimiter buckets,
            QuotaCounter quotaCounter,
            MeterRegistry meters,
            Clock clock) {
        this.settings = settings.resilience();
        this.quotaCounter = quotaCounter;
        this.buckets = buckets;
        this.meters = meters;
        this.clock = clock;
        for (Marketplace marketplace : Marketplace.values()) {
            providers.put(marketplace, new Provider(marketplace, settings.limits(marketplace)));
        }
    }

    public <T> T call(Marketplace marketplace, Lane lane, Call<T> call) throws SourceFailure {
        Provider provider = provider(marketplace);
        if (!provider.breaker.tryPermit()) {
            count(marketplace, "circuit_open");
            throw new SourceFailure(
                    marketplace,
                    SourceFailure.Kind.TRANSIENT,
                    "circuit open after repeated failures",
                    provider.breaker.retryAfter());
        }
        boolean verdict = false;
        try {
            for (int attempt = 1; ; attempt++) {
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
                    provider.breaker.succeeded();
                    provider.permanentFailure = null;
                    verdict = true;
                    return result;
                } catch (SourceFailure failure) {
                    count(marketplace, failure.kind().name().toLowerCase(java.util.Locale.ROOT));
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
                            Duration wait = failure.retryAfter() == null ? backoff(attempt) : failure.retryAfter();
                            if (attempt >= settings.attempts() || wait.compareTo(maxWait(lane)) > 0) {
                                throw failure;
                            }
                            sleep(marketplace, wait);
                        }
                        case TRANSIENT -> {
                            if (attempt >= settings.attempts()) {
                                provider.breaker.failed();
                                verdict = true;
                                throw failure;
                            }
                            sleep(marketplace, backoff(attempt));
                        }
                    }
                } catch (RuntimeException unexpected) {
                    // An adapter bug or an unclassified client error: treated as transient, never retried blindly.
                    count(marketplace, "error");
                    provider.breaker.failed();
                    verdict = true;
                    throw new SourceFailure(
                            marketplace,
                            SourceFailure.Kind.TRANSIENT,
                            "unexpected " + unexpected.getClass().getSimpleName(),
                            unexpected);
                }
            }
        } finally {
            if (!verdict) {
                provider.breaker.released();
            }
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
                provider.breaker.state().name().toLowerCase(java.util.Locale.ROOT),
                provider.breaker.failures(),
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
        volatile @Nullable String permanentFailure;
        volatile @Nullable Instant permanentAt;

        Provider(Marketplace marketplace, CatalogSettings.Limits limits) {
            this.marketplace = marketplace;
            this.limits = limits;
            this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor(), clock);
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
