package dev.mercator.inventory;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs the outbox: each run drains every channel's due pushes (until a pass finds nothing or a few seconds have
 * passed, so one busy channel cannot starve shutdown) and reads back accepted writes that are due. Stops only between
 * passes; a batch in flight when the process dies is re-claimed after its lease expires and re-sent with the same
 * idempotency key.
 */
@Component
@ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
class PushWorker extends PeriodicWorker {

    private static final Duration MAX_RUN = Duration.ofSeconds(5);

    private final BroadcastScheduler scheduler;

    PushWorker(BroadcastScheduler scheduler, InventorySettings settings) {
        super("inventory-push", settings.pollInterval());
        this.scheduler = scheduler;
    }

    @Override
    protected void runOnce() {
        Instant deadline = Instant.now().plus(MAX_RUN);
        for (Channel channel : scheduler.channels()) {
            while (scheduler.pushPass(channel) > 0 && Instant.now().isBefore(deadline)) {
                // Keep draining: every pass takes the most urgent SKUs first.
            }
            scheduler.verifyPass(channel);
        }
    }
}
