package dev.mercator.dealscout.scan;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs due scans, each at its own staggered slot ({@link Stagger}), after the budget planner has had its say. A scan is
 * claimed by moving it to its next slot before it runs, so two instances never run the same slot and a run that
 * crashes is simply retried at the next one. Off with {@code mercator.dealscout.scans.worker-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "mercator.dealscout.scans.worker-enabled", havingValue = "true", matchIfMissing = true)
class ScanWorker extends PeriodicWorker {

    private final ScanPass pass;

    ScanWorker(ScanPass pass, ScanSettings settings) {
        super("dealscout-scans", settings.tick());
        this.pass = pass;
    }

    @Override
    protected void runOnce() {
        pass.run();
    }

    /** One pass: plan if due, then run what is due. Separate from the worker so tests drive passes themselves. */
    @Component
    static class ScanPass {

        private final Scans scans;
        private final ScanRunner runner;
        private final BudgetPlanner planner;
        private final ScanSettings settings;
        private final Clock clock;
        private volatile @Nullable Instant plannedAt;

        ScanPass(Scans scans, ScanRunner runner, BudgetPlanner planner, ScanSettings settings, Clock clock) {
            this.scans = scans;
            this.runner = runner;
            this.planner = planner;
            this.settings = settings;
            this.clock = clock;
        }

        /** Runs the scans due now; returns how many ran. */
        int run() {
            Instant now = clock.instant();
            Instant planned = plannedAt;
            if (planned == null || !now.isBefore(planned.plus(settings.planEvery()))) {
                planner.plan();
                plannedAt = now;
            }
            List<Scan> due = scans.due(now, settings.batchSize());
            int ran = 0;
            for (Scan scan : due) {
                if (scans.claim(scan, Stagger.next(now, scan.effectiveInterval(), scan.stagger()))) {
                    runner.run(scan);
                    ran++;
                }
            }
            return ran;
        }
    }
}
