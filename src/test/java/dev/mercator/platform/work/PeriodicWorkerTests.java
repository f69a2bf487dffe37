package dev.mercator.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.mercator.platform.health.ComponentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicWorkerTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private TestWorker worker;

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void runsAgainAndAgainUntilStopped() {
        worker = new TestWorker(Duration.ofMillis(5), run -> {});

        worker.start();
        await().atMost(PATIENCE).until(() -> worker.runs() >= 3);
        worker.stop();

        assertThat(worker.isRunning()).isFalse();
        long runsAtStop = worker.runs();
        assertThat(worker.failures()).isZero();
        assertThat(worker.started.get()).isEqualTo((int) runsAtStop);
    }

    @Test
    void failingRunsAreLoggedAndCountedAndTheWorkerCarriesOn() {
        // A clock that stands still, so the worker cannot look stale however late this test thread gets to look.
        MutableClock still = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        worker = new TestWorker(Duration.ofMillis(5), still, run -> {
            if (run <= 2) {
                throw new IllegalStateException("provider said no (run " + run + ")");
            }
        });

        worker.start();
        await().atMost(PATIENCE).until(() -> worker.runs() >= 4);

        assertThat(worker.failures()).isEqualTo(2);
        ComponentStatus status = worker.check();
        assertThat(status.up()).isTrue();
        assertThat(status.detail()).isEqualTo("last run succeeded");
        assertThat(status.facts())
                .containsEntry("failures", 2L)
                .containsEntry("lastError", "IllegalStateException: provider said no (run 2)")
                .containsKeys("runs", "lastRunAt", "lastErrorAt");
    }

    @Test
    void lastRunFailedMeansDown() {
        worker = new TestWorker(Duration.ofHours(1), run -> {
            throw new IllegalStateException("always broken");
        });

        worker.start();
        await().atMost(PATIENCE).until(() -> worker.failures() >= 1);

        ComponentStatus status = worker.check();
        assertThat(status.up()).isFalse();
        assertThat(status.detail()).isEqualTo("last run failed: IllegalStateException: always broken");
        assertThat(worker.name()).isEqualTo("worker:test");
        assertThat(worker.critical()).isFalse();
    }

    @Test
    void stopLetsTheCurrentRunFinishThenRunsNoMore() throws InterruptedException {
        CountDownLatch inRun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        worker = new TestWorker(Duration.ofMillis(5), run -> {
            inRun.countDown();
            try {
                if (release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    finished.set(true);
                }
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        });
        worker.start();
        assertThat(inRun.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        Thread stopper = Thread.ofPlatform().start(worker::stop);
        await().atMost(PATIENCE).until(() -> !worker.isRunning());
        // The run is held on the latch, so stop() cannot have returned yet: it waits for the safe point.
        assertThat(stopper.isAlive()).isTrue();
        release.countDown();
        stopper.join(PATIENCE.toMillis());

        assertThat(stopper.isAlive()).isFalse();
        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
        assertThat(worker.runs()).isEqualTo(1);
        assertThat(worker.failures()).isZero();
    }

    @Test
    void stopInterruptsARunThatOutlastsTheStopTimeout() throws InterruptedException {
        CountDownLatch inRun = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        worker = new TestWorker(Duration.ofMillis(5), run -> {
            inRun.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        });
        worker.stopTimeout = Duration.ofMillis(50);
        worker.start();
        assertThat(inRun.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        worker.stop();

        assertThat(interrupted).isTrue();
        assertThat(worker.isRunning()).isFalse();
        await().atMost(PATIENCE).until(() -> worker.failures() == 1);
    }

    @Test
    void asynchronousStopCallsBackOnceStopped() throws InterruptedException {
        worker = new TestWorker(Duration.ofMillis(5), run -> {});
        worker.start();
        CountDownLatch stopped = new CountDownLatch(1);

        worker.stop(stopped::countDown);

        assertThat(stopped.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(worker.isRunning()).isFalse();
        assertThat(worker.getPhase()).isEqualTo(PeriodicWorker.PHASE);
    }

    @Test
    void noCompletedRunForSeveralIntervalsMeansDown() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        worker = new TestWorker(Duration.ofHours(1), clock, run -> {});
        worker.start();
        await().atMost(PATIENCE).until(() -> worker.runs() == 1);
        assertThat(worker.check().up()).isTrue();

        clock.advance(Duration.ofHours(3));
        assertThat(worker.check().up()).isTrue();
        clock.advance(Duration.ofSeconds(1));

        ComponentStatus status = worker.check();
        assertThat(status.up()).isFalse();
        assertThat(status.detail()).startsWith("no run completed for over PT3H");
        assertThat(status.facts()).containsEntry("lastRunAt", "2026-01-01T00:00:00Z");
    }

    @Test
    void aWorkerThatIsNotRunningIsDown() {
        worker = new TestWorker(Duration.ofSeconds(1), run -> {});

        assertThat(worker.check().up()).isFalse();
        assertThat(worker.check().detail()).isEqualTo("not running");
    }

    @Test
    void intervalMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TestWorker(Duration.ZERO, run -> {}));
    }

    interface Body {
        void run(int number) throws Exception;
    }

    static final class TestWorker extends PeriodicWorker {

        final AtomicInteger started = new AtomicInteger();
        private final Body body;
        Duration stopTimeout = Duration.ofSeconds(20);

        TestWorker(Duration interval, Body body) {
            this(interval, InstantSource.system(), body);
        }

        TestWorker(Duration interval, InstantSource clock, Body body) {
            super("test", interval, clock);
            this.body = body;
        }

        @Override
        protected void runOnce() throws Exception {
            body.run(started.incrementAndGet());
        }

        @Override
        protected Duration stopTimeout() {
            return stopTimeout;
        }
    }

    static final class MutableClock implements InstantSource {

        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
