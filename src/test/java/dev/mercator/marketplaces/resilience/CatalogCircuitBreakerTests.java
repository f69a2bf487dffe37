package dev.mercator.marketplaces.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.support.MutableClock;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.settings.MarketplaceSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The per-marketplace breaker as callers meet it, through {@link MarketplaceCalls}: one attempt per call (so each
 * transient failure is one failed call), a bucket that always has tokens, and a clock the tests move.
 */
class CatalogCircuitBreakerTests {

    private static final Marketplace EBAY = Marketplace.EBAY;
    private static final int FAILURES = 3;
    private static final Duration OPEN_FOR = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MarketplaceCalls calls = calls(1, meters);

    /** Calls with the given attempts per call, the breaker opening after {@value #FAILURES} failures, no waits. */
    private MarketplaceCalls calls(int attempts, SimpleMeterRegistry registry) {
        return new MarketplaceCalls(
                new MarketplaceSettings(
                        Map.of(),
                        new MarketplaceSettings.Resilience(
                                attempts,
                                Duration.ofMillis(1),
                                Duration.ofMillis(1),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1),
                                FAILURES,
                                OPEN_FOR),
                        null),
                (key, perSecond, burst) -> Duration.ZERO,
                new CatalogQuotaBudgetTests.MemoryCounter(),
                registry,
                clock);
    }
    /** How often the marketplace itself was asked. */
    private final AtomicInteger asked = new AtomicInteger();

    private String succeed() throws SourceFailure {
        return calls.call(EBAY, Lane.INTERACTIVE, () -> {
            asked.incrementAndGet();
            return "answer";
        });
    }

    private SourceFailure fail(Kind kind) {
        try {
            calls.call(EBAY, Lane.INTERACTIVE, () -> {
                asked.incrementAndGet();
                throw new SourceFailure(
                        EBAY, kind, "scripted " + kind, kind == Kind.RATE_LIMITED ? Duration.ofMinutes(5) : null);
            });
        } catch (SourceFailure failure) {
            return failure;
        }
        throw new AssertionError("the call did not fail");
    }

    private void open() {
        for (int i = 0; i < FAILURES; i++) {
            assertThat(fail(Kind.TRANSIENT).getMessage()).isEqualTo("scripted TRANSIENT");
        }
        assertThat(circuit()).isEqualTo("open");
        asked.set(0);
    }

    private String circuit() {
        return calls.state(EBAY).circuit();
    }

    private double count(String outcome) {
        var counter = meters.find("mercator.catalog.calls")
                .tag("marketplace", "ebay")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static boolean refusedByTheCircuit(@Nullable Throwable failure) {
        return failure instanceof SourceFailure f
                && f.kind() == Kind.TRANSIENT
                && "circuit open after repeated failures".equals(f.getMessage());
    }

    @Test
    void consecutiveTransientFailuresOpenItAndThenCallsAreRefusedWithoutAskingTheMarketplace() {
        for (int i = 1; i < FAILURES; i++) {
            fail(Kind.TRANSIENT);
            assertThat(circuit()).isEqualTo("closed");
            assertThat(calls.state(EBAY).consecutiveFailures()).isEqualTo(i);
        }
        fail(Kind.TRANSIENT);
        assertThat(circuit()).isEqualTo("open");
        assertThat(calls.state(EBAY).consecutiveFailures()).isEqualTo(FAILURES);
        asked.set(0);

        SourceFailure refused = fail(Kind.TRANSIENT);

        assertThat(refusedByTheCircuit(refused)).as(refused.getMessage()).isTrue();
        assertThat(refused.retryAfter()).isEqualTo(OPEN_FOR);
        assertThat(asked).as("the marketplace was not asked").hasValue(0);
        assertThat(count("circuit_open")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(fail(Kind.TRANSIENT).retryAfter())
                .as("retry-after is the time the circuit stays open")
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(asked).hasValue(0);
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() throws Exception {
        fail(Kind.TRANSIENT);
        fail(Kind.TRANSIENT);
        succeed();
        fail(Kind.TRANSIENT);
        fail(Kind.TRANSIENT);

        assertThat(circuit()).isEqualTo("closed");
        assertThat(calls.state(EBAY).consecutiveFailures()).isEqualTo(2);
        fail(Kind.TRANSIENT);
        assertThat(circuit()).isEqualTo("open");
    }

    @Test
    void permanentAndRateLimitedOutcomesNeitherOpenItNorBreakARunOfTransientFailures() {
        for (int i = 0; i < FAILURES * 2; i++) {
            assertThat(fail(Kind.PERMANENT).kind()).isEqualTo(Kind.PERMANENT);
            assertThat(fail(Kind.RATE_LIMITED).kind()).isEqualTo(Kind.RATE_LIMITED);
        }
        assertThat(circuit()).isEqualTo("closed");
        assertThat(calls.state(EBAY).consecutiveFailures()).isZero();

        fail(Kind.TRANSIENT);
        fail(Kind.PERMANENT);
        fail(Kind.TRANSIENT);
        fail(Kind.RATE_LIMITED);
        assertThat(circuit()).isEqualTo("closed");
        fail(Kind.TRANSIENT);

        assertThat(circuit())
                .as("three transient failures with no success between")
                .isEqualTo("open");
    }

    @Test
    void afterOpenForOneTrialGoesThroughAndItsSuccessClosesTheCircuit() throws Exception {
        open();
        clock.advance(OPEN_FOR.minusSeconds(1));
        assertThat(refusedByTheCircuit(fail(Kind.TRANSIENT))).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(circuit()).isEqualTo("half_open");

        assertThat(succeed()).isEqualTo("answer");

        assertThat(circuit()).isEqualTo("closed");
        assertThat(calls.state(EBAY).consecutiveFailures()).isZero();
        succeed();
        succeed();
        assertThat(asked).hasValue(3);
    }

    @Test
    void aFailedTrialOpensTheCircuitForAnotherFullOpenFor() {
        open();
        clock.advance(OPEN_FOR.plusSeconds(1));

        SourceFailure trial = fail(Kind.TRANSIENT);

        assertThat(refusedByTheCircuit(trial))
                .as("the trial reached the marketplace")
                .isFalse();
        assertThat(asked).hasValue(1);
        assertThat(circuit()).isEqualTo("open");
        SourceFailure refused = fail(Kind.TRANSIENT);
        assertThat(refusedByTheCircuit(refused)).isTrue();
        assertThat(refused.retryAfter()).isEqualTo(OPEN_FOR);
        assertThat(asked).hasValue(1);
    }

    @Test
    void aTrialEndingPermanentOrRateLimitedGivesTheTrialSlotBack() throws Exception {
        open();
        clock.advance(OPEN_FOR.plusSeconds(1));

        assertThat(fail(Kind.RATE_LIMITED).kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(fail(Kind.PERMANENT).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(circuit()).isEqualTo("half_open");
        succeed();

        assertThat(asked).as("every one of them was let through as the trial").hasValue(3);
        assertThat(circuit()).isEqualTo("closed");
    }

    @Test
    void halfOpenLetsExactlyOneOfManyConcurrentCallsThrough() throws Exception {
        open();
        clock.advance(OPEN_FOR.plusSeconds(1));
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch refused = new CountDownLatch(callers - 1);
        List<Future<String>> results = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return calls.call(EBAY, Lane.INTERACTIVE, () -> {
                            asked.incrementAndGet();
                            // The trial stays in flight until every other caller has been answered.
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                            return "trial";
                        });
                    } catch (SourceFailure failure) {
                        refused.countDown();
                        throw failure;
                    }
                }));
            }
            start.countDown();
            try {
                // A bound against hanging, not a timing claim: with a second trial this would never count down.
                assertThat(refused.await(30, TimeUnit.SECONDS))
                        .as("all callers but one refused while the trial is in flight")
                        .isTrue();
                assertThat(asked).as("calls that reached the marketplace").hasValue(1);
            } finally {
                release.countDown();
            }
        }

        int trials = 0;
        for (Future<String> result : results) {
            try {
                assertThat(result.get()).isEqualTo("trial");
                trials++;
            } catch (ExecutionException e) {
                assertThat(refusedByTheCircuit(e.getCause()))
                        .as(String.valueOf(e.getCause()))
                        .isTrue();
            }
        }
        assertThat(trials).isEqualTo(1);
        assertThat(count("circuit_open")).isEqualTo(callers - 1);
        assertThat(circuit()).isEqualTo("closed");
    }

    @Test
    void anUnexpectedAdapterErrorCountsAsAFailure() {
        for (int i = 0; i < FAILURES; i++) {
            try {
                calls.call(EBAY, Lane.INTERACTIVE, () -> {
                    throw new IllegalStateException("adapter bug");
                });
            } catch (SourceFailure failure) {
                assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
            }
        }

        assertThat(circuit()).isEqualTo("open");
    }

    @Test
    void theBreakersStateIsPublishedAsResilience4jMetrics() {
        assertThat(stateGauge("closed")).isEqualTo(1);

        open();

        assertThat(stateGauge("open")).isEqualTo(1);
        assertThat(stateGauge("closed")).isZero();
        fail(Kind.TRANSIENT);
        assertThat(meters.get("resilience4j.circuitbreaker.not.permitted.calls")
                        .tag("name", "catalog-ebay")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private double stateGauge(String state) {
        return meters.get("resilience4j.circuitbreaker.state")
                .tag("name", "catalog-ebay")
                .tag("state", state)
                .gauge()
                .value();
    }

    /**
     * Each attempt reports to the breaker, so one call of several attempts against a dead marketplace can open it, and
     * its own remaining retries stop at the opened circuit instead of each waiting out another timeout.
     */
    @Test
    void everyAttemptCountsSoADeadMarketplaceOpensTheCircuitWithinOneCallsRetries() {
        MarketplaceCalls retrying = calls(FAILURES + 2, new SimpleMeterRegistry());

        SourceFailure failure = null;
        try {
            retrying.call(EBAY, Lane.INTERACTIVE, () -> {
                asked.incrementAndGet();
                throw new SourceFailure(EBAY, Kind.TRANSIENT, "read timed out", (Duration) null);
            });
        } catch (SourceFailure f) {
            failure = f;
        }

        assertThat(asked)
                .as("attempts until the circuit opened, not all %d", FAILURES + 2)
                .hasValue(FAILURES);
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).isEqualTo("circuit opened while retrying after repeated failures");
        assertThat(retrying.state(EBAY).circuit()).isEqualTo("open");
    }
}
