package dev.mercator.marketplaces.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.catalog.support.FakeSource;
import dev.mercator.catalog.support.MutableClock;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.SourceQuery;
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
 * The per-marketplace breaker as callers and the background probe meet it, through {@link MarketplaceCalls}: one
 * attempt per call (so each transient failure is one failed call), a bucket that always has tokens, and a clock the
 * tests move. Callers are never the half-open trial; {@link MarketplaceCalls#probe} is.
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

    /** The probe's trial against a marketplace that answers, or fails with {@code kind}. */
    private MarketplaceCalls.ProbeOutcome probe(@Nullable Kind kind) {
        return calls.probe(EBAY, () -> {
            asked.incrementAndGet();
            probed.incrementAndGet();
            if (kind != null) {
                throw new SourceFailure(
                        EBAY, kind, "probe " + kind, kind == Kind.RATE_LIMITED ? Duration.ofMinutes(5) : null);
            }
            return "pong";
        });
    }

    /** How often the probe, not a caller, asked the marketplace. */
    private final AtomicInteger probed = new AtomicInteger();

    private double probes(String outcome) {
        var counter = meters.find("mercator.catalog.probes")
                .tag("marketplace", "ebay")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void afterTheOpenPeriodCallersAreStillRefusedWithoutAskingTheMarketplace() {
        open();
        clock.advance(OPEN_FOR.plusSeconds(1));
        assertThat(circuit()).isEqualTo("half_open");

        for (int i = 0; i < 5; i++) {
            assertThat(refusedByTheCircuit(fail(Kind.TRANSIENT))).isTrue();
        }

        assertThat(asked).as("no caller became the trial").hasValue(0);
        assertThat(circuit()).isEqualTo("half_open");
        assertThat(count("circuit_open")).isEqualTo(5);
    }

    @Test
    void theProbeDoesNothingWhileTheCircuitIsClosedOrStillWithinItsOpenPeriod() {
        assertThat(probe(null)).isEqualTo(MarketplaceCalls.ProbeOutcome.NOT_DUE);
        open();
        clock.advance(OPEN_FOR.minusSeconds(1));

        assertThat(probe(null)).isEqualTo(MarketplaceCalls.ProbeOutcome.NOT_DUE);

        assertThat(probed).as("the marketplace was not probed").hasValue(0);
        assertThat(calls.quotas().stream()
                        .filter(q -> q.marketplace().equals("ebay"))
                        .findFirst()
                        .orElseThrow()
                        .used())
                .as("quota used by the %d failures that opened the circuit only", FAILURES)
                .isEqualTo(FAILURES);
        assertThat(circuit()).isEqualTo("open");
    }

    @Test
    void aSuccessfulProbeClosesTheCircuitForCallersAgain() throws Exception {
        open();
        clock.advance(OPEN_FOR.plusSeconds(1));

        assertThat(probe(null)).isEqualTo(MarketplaceCalls.ProbeOutcome.CLOSED);

        assertThat(circuit()).isEqualTo("closed");
        assertThat(calls.state(EBAY).consecutiveFailures()).isZero();
        assertThat(succeed()).isEqualTo("answer");
        assertThat(asked).as("the probe, then the caller").hasValue(2);
        assertThat(probes("closed")).isEqualTo(1);
    }

    @Test
    void aFailedProbeKeepsTheCircuitOpenForAnotherFullOpenPeriod() {
        open();
        clock.advance(OPEN_FOR.plusSeconds(1));

        assertThat(probe(Kind.TRANSIENT)).isEqualTo(MarketplaceCalls.ProbeOutcome.STILL_DOWN);

        assertThat(circuit()).isEqualTo("open");
        SourceFailure refused = fail(Kind.TRANSIENT);
        assertThat(refusedByTheCircuit(refused)).isTrue();
        assertThat(refused.retryAfter()).isEqualTo(OPEN_FOR);
        assertThat(asked).as("only the probe reached the marketplace").hasValue(1);
        assertThat(probe(null))
                .as("the next trial waits for the new open period")
                .isEqualTo(MarketplaceCalls.ProbeOutcome.NOT_DUE);
        assertThat(probes("still_down")).isEqualTo(1);
    }

    @Test
    void aRateLimitedProbeLeavesTheCircuitHalfOpenForTheNextProbe() throws Exception {
        open();
        clock.advance(OPEN_FOR.plusSeconds(1));

        assertThat(probe(Kind.RATE_LIMITED)).isEqualTo(MarketplaceCalls.ProbeOutcome.NO_VERDICT);

        assertThat(circuit()).isEqualTo("half_open");
        assertThat(refusedByTheCircuit(fail(Kind.TRANSIENT))).isTrue();
        assertThat(probe(null)).isEqualTo(MarketplaceCalls.ProbeOutcome.CLOSED);
        assertThat(circuit()).isEqualTo("closed");
        assertThat(probed).hasValue(2);
    }

    /**
     * The marketplace answered, so it is up: a probe refused as permanent (its own request is wrong) must not keep every
     * merchant's searches refused. Health shows the reason instead.
     */
    @Test
    void aProbeAnsweredWithAPermanentFailureClosesTheCircuitAndShowsTheReason() throws Exception {
        open();
        clock.advance(OPEN_FOR.plusSeconds(1));

        assertThat(probe(Kind.PERMANENT)).isEqualTo(MarketplaceCalls.ProbeOutcome.CLOSED);

        assertThat(circuit()).isEqualTo("closed");
        assertThat(calls.state(EBAY).permanentFailure()).isEqualTo("probe PERMANENT");
        succeed();
        assertThat(calls.state(EBAY).permanentFailure()).isNull();
    }

    @Test
    void aDownMarketplaceIsOnlyEverAskedByTheProbe() throws Exception {
        FakeSource down = new FakeSource(EBAY).failAlways(Kind.TRANSIENT);
        SourceAccount account = new SourceAccount("instance", null, Map.of());
        SourceQuery search = new SourceQuery("kettle", 1, 20, null, null, null);
        for (int i = 0; i < FAILURES; i++) {
            assertThatThrownBy(() -> calls.call(EBAY, Lane.INTERACTIVE, () -> down.search(search, account)))
                    .isInstanceOf(SourceFailure.class);
        }
        assertThat(circuit()).isEqualTo("open");

        for (int period = 0; period < 3; period++) {
            clock.advance(OPEN_FOR.plusSeconds(1));
            for (int caller = 0; caller < 4; caller++) {
                assertThatThrownBy(() -> calls.call(EBAY, Lane.INTERACTIVE, () -> down.search(search, account)))
                        .isInstanceOfSatisfying(
                                SourceFailure.class,
                                f -> assertThat(refusedByTheCircuit(f)).isTrue());
            }
            assertThat(calls.probe(EBAY, () -> down.search(BreakerProbe.QUERY, account)))
                    .isEqualTo(MarketplaceCalls.ProbeOutcome.STILL_DOWN);
        }

        assertThat(down.searches())
                .as("the failures that opened the circuit, then one probe per open period")
                .isEqualTo(FAILURES + 3);
        down.failAlways(null);
        clock.advance(OPEN_FOR.plusSeconds(1));
        assertThat(calls.probe(EBAY, () -> down.search(BreakerProbe.QUERY, account)))
                .isEqualTo(MarketplaceCalls.ProbeOutcome.CLOSED);
        assertThat(calls.call(EBAY, Lane.INTERACTIVE, () -> down.search(search, account)))
                .isNotNull();
    }

    @Test
    void probesSpendTheBackgroundShareOfTheQuotaAndNeverTheInteractiveRest() {
        MarketplaceCalls tight = new MarketplaceCalls(
                new MarketplaceSettings(
                        Map.of(EBAY, new MarketplaceSettings.Limits(1000, 1000, FAILURES + 2, 0.5)),
                        new MarketplaceSettings.Resilience(
                                1,
                                Duration.ofMillis(1),
                                Duration.ofMillis(1),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1),
                                FAILURES,
                                OPEN_FOR),
                        null),
                (key, perSecond, burst) -> Duration.ZERO,
                new CatalogQuotaBudgetTests.MemoryCounter(),
                meters,
                clock);
        for (int i = 0; i < FAILURES; i++) {
            assertThatThrownBy(() -> tight.call(EBAY, Lane.INTERACTIVE, () -> {
                        throw new SourceFailure(EBAY, Kind.TRANSIENT, "down", (Duration) null);
                    }))
                    .isInstanceOf(SourceFailure.class);
        }
        clock.advance(OPEN_FOR.plusSeconds(1));

        MarketplaceCalls.ProbeOutcome outcome = tight.probe(EBAY, () -> {
            probed.incrementAndGet();
            return "pong";
        });

        assertThat(outcome)
                .as("%d of %d calls used: over the background share of 2", FAILURES, FAILURES + 2)
                .isEqualTo(MarketplaceCalls.ProbeOutcome.NO_VERDICT);
        assertThat(probed).as("no interactive quota was spent on a probe").hasValue(0);
        assertThat(tight.state(EBAY).circuit()).isEqualTo("half_open");
        assertThat(tight.state(EBAY).quotaRemaining()).isEqualTo(2);
    }

    @Test
    void whileTheProbeIsInFlightEveryConcurrentCallerIsRefused() throws Exception {
        open();
        clock.advance(OPEN_FOR.plusSeconds(1));
        int callers = 8;
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(callers + 1)) {
            Future<MarketplaceCalls.ProbeOutcome> trial = pool.submit(() -> calls.probe(EBAY, () -> {
                probing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return "pong";
            }));
            try {
                // A bound against hanging, not a timing claim.
                assertThat(probing.await(30, TimeUnit.SECONDS)).isTrue();
                for (int i = 0; i < callers; i++) {
                    results.add(pool.submit(this::succeed));
                }
                for (Future<String> result : results) {
                    assertThatThrownBy(result::get)
                            .isInstanceOfSatisfying(
                                    ExecutionException.class,
                                    e -> assertThat(refusedByTheCircuit(e.getCause()))
                                            .isTrue());
                }
            } finally {
                release.countDown();
            }
            assertThat(trial.get()).isEqualTo(MarketplaceCalls.ProbeOutcome.CLOSED);
        }

        assertThat(asked).as("no caller reached the marketplace").hasValue(0);
        assertThat(count("circuit_open")).isEqualTo(callers);
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
