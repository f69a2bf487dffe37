package dev.mercator.inventory.amazon;

import dev.mercator.inventory.returns.ReturnsSettings;
import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Reads each seller's Amazon returns reports and FBA pool every {@code returns.report-interval} (default 30 minutes,
 * the FBA customer returns data's own regeneration cadence), as a worker like the others (ADR 4). The first pass waits
 * one interval.
 */
@Component
@ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
class AmazonReturnsWorker extends PeriodicWorker {

    private final AmazonReturnsPoller poller;

    AmazonReturnsWorker(AmazonReturnsPoller poller, ReturnsSettings settings) {
        super("amazon-returns", settings.reportInterval());
        this.poller = poller;
    }

    @Override
    protected void runOnce() {
        poller.pollAll();
    }

    @Override
    protected Duration initialDelay() {
        return interval();
    }
}
