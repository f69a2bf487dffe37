package dev.mercator.inventory.reconciliation;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts reconciliation runs in the background, on a small pool of its own: a merchant's request (the API answers 202
 * at once) and a scheduled slot alike. Either way the run first takes its merchant ({@link ReconciliationRuns#open}), so a second
 * request while one runs is refused, on any instance.
 */
@Component
class ReconciliationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationRunner.class);
    /** Runs at once on this instance; more wait in the queue (each holds its merchant already). */
    private static final int THREADS = 2;

    private final ReconciliationRuns runs;
    private final Reconciler reconciler;
    private final ExecutorService requested = Executors.newFixedThreadPool(
            THREADS, Thread.ofPlatform().name("reconciliation-", 0).daemon().factory());

    ReconciliationRunner(ReconciliationRuns runs, Reconciler reconciler) {
        this.runs = runs;
        this.reconciler = reconciler;
    }

    /** Opens a run for the merchant and runs it in the background; 409 if one is running for the merchant. */
    ReconciliationRuns.Run request(MerchantId merchant) {
        Optional<ReconciliationRuns.Run> opened = runs.open(merchant, Trigger.API, null);
        if (opened.isEmpty()) {
            @Nullable
            String running = runs.running(merchant).map(Object::toString).orElse(null);
            throw ApiProblem.conflict("A reconciliation run is already running for this merchant")
                    .with("runningRunId", running);
        }
        ReconciliationRuns.Run run = opened.get();
        requested.execute(() -> execute(run));
        return run;
    }

    /**
     * Opens the merchant's scheduled slot, if no other run holds the merchant and nobody ran the slot, and runs it in the
     * background: one merchant's long run (a large catalogue at Amazon's pace) must not make the scheduler miss other
     * merchants' slots.
     */
    void scheduled(MerchantId merchant, Instant slot) {
        runs.open(merchant, Trigger.SCHEDULE, slot).ifPresent(run -> requested.execute(() -> execute(run)));
    }

    private void execute(ReconciliationRuns.Run run) {
        Tally tally = new Tally();
        try {
            // A run that waited in the queue past its lease may have been closed as abandoned meanwhile.
            if (!runs.progress(run, tally)) {
                return;
            }
            reconciler.reconcile(run, tally);
            runs.finish(run, tally);
        } catch (CancellationException lost) {
            log.warn("Reconciliation run {} of merchant {} stopped: {}", run.id(), run.merchant(), lost.getMessage());
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            runs.fail(run, tally, "stopped by a shutdown before it finished");
        } catch (RuntimeException failed) {
            log.error("Reconciliation run {} of merchant {} failed", run.id(), run.merchant(), failed);
            runs.fail(run, tally, failed.getClass().getSimpleName() + ": " + failed.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        requested.shutdownNow();
    }
}
