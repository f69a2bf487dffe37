package dev.mercator.marketplaces.resilience;

import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.settings.MarketplaceSettings;
import dev.mercator.platform.ratelimit.SharedRateLimiter;
import dev.mercator.platform.retry.Backoff;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs every marketplace call as a loop of attempts. Each attempt, the first and every retry alike, asks the
 * marketplace's circuit breaker for permission, takes one call from the daily quota of its lane, waits for a token of
 * the shared bucket (at most the lane's longest wait, else it fails as rate-limited), and only then calls. By outcome:
 *
 * <ul>
 *   <li>transient (5xx, timeout, reset): a failure to the breaker, retried after a full-jitter backoff until {@code
 *       attempts} are spent;
 *   <li>rate-limited: retried after the vendor's Retry-After, or a backoff when it sent none, unless that wait is longer
 *       than the lane allows or the attempts are spent; no verdict to the breaker (we were told to slow down);
 *   <li>permanent (our request is wrong): not retried, no verdict to the breaker, and the provider shows unhealthy with
 *       the reason until a call succeeds;
 *   <li>an unexpected exception from the adapter: a failure to the breaker, not retried, thrown as transient;
 *   <li>quota spent or circuit open: thrown at once (rate-limited, or transient with the time the circuit stays open).
 * </ul>
 *
 * <p>A caller's call is never the half-open trial: once a circuit has been open for {@code breakerOpenFor}, callers
 * are still refused at once, and only {@link #probe} (run by {@link BreakerProbe}, in the background lane) may try the
 * marketplace and close the circuit again (ADR 9).
 *
 * Provider state (breaker, failures in a row, permanent failure, budget) lives in {@link Providers}, meters in {@link
 * CallMetrics}.
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

    /** The owner of the instance's own account, as {@code SourceAccount} names it. */
    static final String INSTANCE_OWNER = "instance";

    private final MarketplaceSettings.Resilience settings;
    private final Backoff backoff;
    private final Tokens buckets;
    private final CallMetrics metrics;
    private final Providers providers;

    @Autowired
    MarketplaceCalls(
            MarketplaceSettings settings,
            SharedRateLimiter buckets,
            QuotaCounter quotaCounter,
            MeterRegistry meters,
            Clock clock,
            MarketplaceAlerts alerts) {
        this(settings, buckets::tryAcquire, quotaCounter, meters, clock, alerts);
    }

    MarketplaceCalls(
            MarketplaceSettings settings,
            Tokens buckets,
            QuotaCounter quotaCounter,
            MeterRegistry meters,
            Clock clock) {
        this(settings, buckets, quotaCounter, meters, clock, MarketplaceHealthListener.NONE);
    }

    private MarketplaceCalls(
            MarketplaceSettings settings,
            Tokens buckets,
            QuotaCounter quotaCounter,
            MeterRegistry meters,
            Clock clock,
            MarketplaceHealthListener listener) {
        this.settings = settings.resilience();
        this.backoff = new Backoff(this.settings.backoffBase(), this.settings.backoffMax());
        this.buckets = buckets;
        this.metrics = new CallMetrics(meters);
        this.providers = new Providers(settings, quotaCounter, metrics, clock, listener);
    }

    /**
     * Runs the call with retries by failure class. Each attempt asks the breaker for permission and reports its own
     * outcome to it (Resilience4j's Retry-around-CircuitBreaker order), so a dead provider opens the circuit after
     * {@code breakerFailures} failed attempts rather than that many calls of several attempts each, and a retry the
     * opened circuit refuses ends the call at once instead of waiting out another timeout.
     */
    public <T> T call(Marketplace marketplace, Lane lane, Call<T> call) throws SourceFailure {
        return call(marketplace, lane, INSTANCE_OWNER, call);
    }

    /**
     * The same, for a call under {@code owner}'s account ({@link dev.mercator.marketplaces.SourceAccount#owner()}): a
     * permanent refusal of a merchant's own credentials is that merchant's news, not every merchant's.
     */
    public <T> T call(Marketplace marketplace, Lane lane, String owner, Call<T> call) throws SourceFailure {
        Providers.Provider provider = providers.get(marketplace);
        CircuitBreaker breaker = provider.breaker;
        for (int attempt = 1; ; attempt++) {
            if (!provider.admitCaller()) {
                metrics.count(marketplace, "circuit_open");
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
                    metrics.count(marketplace, "quota_exhausted");
                    throw new SourceFailure(
                            marketplace, SourceFailure.Kind.RATE_LIMITED, overBudget.get(), (Duration) null);
                }
                awaitToken(provider, lane);
                try {
                    T result = call.run();
                    metrics.count(marketplace, "success");
                    provider.succeeded(System.nanoTime() - started);
                    verdict = true;
                    return result;
                } catch (SourceFailure failure) {
                    metrics.count(marketplace, failure.kind().name().toLowerCase(Locale.ROOT));
                    switch (failure.kind()) {
                        case PERMANENT -> {
                            provider.failedPermanently(failure.getMessage(), owner);
                            log.warn(
                                    "Marketplace {} failed permanently, not retrying: {}",
                                    marketplace.id(),
                                    failure.getMessage());
                            throw failure;
                        }
                        case RATE_LIMITED -> {
                            Duration retryAfter = failure.retryAfter();
                            pause = retryAfter == null ? backoff.delay(attempt) : retryAfter;
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
                            pause = backoff.delay(attempt);
                        }
                        default -> throw failure;
                    }
                } catch (RuntimeException unexpected) {
                    // An adapter bug or an unclassified client error: treated as transient, never retried blindly.
                    metrics.count(marketplace, "error");
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

    /** What one run of the probe found for a marketplace. */
    public enum ProbeOutcome {
        /** The circuit is closed, or still within its open period: nothing to try. */
        NOT_DUE,
        /** The marketplace answered: the circuit is closed again. */
        CLOSED,
        /** The trial failed as a transient failure: the circuit is open for another {@code breakerOpenFor}. */
        STILL_DOWN,
        /** Rate limit, Retry-After or the background quota share stopped the trial: half-open, tried again next run. */
        NO_VERDICT
    }

    /**
     * The half-open trial of a circuit whose open period is over, made on behalf of no caller: one attempt, no retry,
     * in the background lane, so it spends the background share of the quota and waits like a refresh for the rate
     * limit, and is counted as {@code mercator.catalog.probes}. Does nothing (and spends nothing) while the circuit is
     * closed or still within its open period.
     *
     * <p>A permanent failure closes the circuit: the marketplace answered, so it is up, and what is wrong with the
     * request is health's business (it shows the reason until a call succeeds). Keeping the circuit half-open instead
     * would refuse every merchant's searches for as long as the probe's own request is refused. Rate-limited outcomes
     * give no verdict, as for every call.
     */
    public ProbeOutcome probe(Marketplace marketplace, Call<?> call) {
        Providers.Provider provider = providers.get(marketplace);
        if (!provider.trialDue() || !provider.breaker.tryAcquirePermission()) {
            return ProbeOutcome.NOT_DUE;
        }
        ProbeOutcome outcome = trial(provider, call);
        metrics.probe(marketplace, outcome.name().toLowerCase(Locale.ROOT));
        return outcome;
    }

    /** The probe's one attempt, holding the half-open permission; it is handed back unless there is a verdict. */
    private ProbeOutcome trial(Providers.Provider provider, Call<?> call) {
        Marketplace marketplace = provider.marketplace;
        long started = System.nanoTime();
        boolean verdict = false;
        try {
            Optional<String> overBudget = provider.quota.tryTake(Lane.BACKGROUND);
            if (overBudget.isPresent()) {
                metrics.count(marketplace, "quota_exhausted");
                log.warn(
                        "Probe of marketplace {} not made, its circuit stays half-open: {}",
                        marketplace.id(),
                        overBudget.get());
                return ProbeOutcome.NO_VERDICT;
            }
            awaitToken(provider, Lane.BACKGROUND);
            call.run();
            metrics.count(marketplace, "success");
            provider.succeeded(System.nanoTime() - started);
            verdict = true;
            log.info("Probe of marketplace {} succeeded; its circuit is closed", marketplace.id());
            return ProbeOutcome.CLOSED;
        } catch (SourceFailure failure) {
            metrics.count(marketplace, failure.kind().name().toLowerCase(Locale.ROOT));
            switch (failure.kind()) {
                case TRANSIENT -> {
                    provider.failed(System.nanoTime() - started, failure);
                    verdict = true;
                    log.info(
                            "Probe of marketplace {} failed, circuit open again: {}",
                            marketplace.id(),
                            failure.getMessage());
                    return ProbeOutcome.STILL_DOWN;
                }
                case PERMANENT -> {
                    provider.answered(System.nanoTime() - started);
                    provider.failedPermanently(failure.getMessage(), INSTANCE_OWNER);
                    verdict = true;
                    log.warn(
                            "Probe of marketplace {} was answered with a permanent failure; circuit closed: {}",
                            marketplace.id(),
                            failure.getMessage());
                    return ProbeOutcome.CLOSED;
                }
                default -> {
                    return ProbeOutcome.NO_VERDICT;
                }
            }
        } catch (RuntimeException unexpected) {
            metrics.count(marketplace, "error");
            provider.failed(System.nanoTime() - started, unexpected);
            verdict = true;
            log.warn("Probe of marketplace {} failed unexpectedly, circuit open again", marketplace.id(), unexpected);
            return ProbeOutcome.STILL_DOWN;
        } finally {
            if (!verdict && provider.breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
                provider.breaker.releasePermission();
            }
        }
    }

    /** Every marketplace's budget today, for {@code GET /api/monitoring/quotas}. */
    public List<QuotaReport> quotas() {
        return providers.quotas();
    }

    /** The state of one provider as health reports it. */
    public ProviderState state(Marketplace marketplace) {
        return providers.state(marketplace);
    }

    private void awaitToken(Providers.Provider provider, Lane lane) throws SourceFailure {
        MarketplaceSettings.Limits limits = provider.limits;
        Duration waited = Duration.ZERO;
        while (true) {
            Duration wait =
                    buckets.tryAcquire("catalog:" + provider.marketplace.id(), limits.ratePerSecond(), limits.burst());
            if (wait.isZero()) {
                return;
            }
            waited = waited.plus(wait);
            if (waited.compareTo(maxWait(lane)) > 0) {
                metrics.count(provider.marketplace, "bucket_empty");
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
}
