package dev.mercator.inventory.amazon;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Polls merchant-fulfilled Amazon orders every {@code orders-poll-interval}, as a worker like the others: its own
 * thread, a safe point between polls, health in {@code /health/detailed}. The first poll waits one interval.
 */
@Component
@ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
class AmazonOrdersWorker extends PeriodicWorker {

    private final AmazonOrdersPoller poller;

    AmazonOrdersWorker(AmazonOrdersPoller poller, AmazonSettings settings) {
        super("amazon-orders", settings.ordersPollInterval());
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
