package dev.mercator.inventory.sync;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs one channel's outbox: each run drains the channel's due pushes until a pass finds nothing or a few seconds have
 * passed (so shutdown is not starved). Each channel has a worker of its own, and read-backs have theirs ({@link
 * VerifyWorker}), so nothing that has to wait (Shopify's cost bucket, Amazon's pacing, a batch of read-backs) ever
 * delays a push: a sale on Shopify reaches Amazon however busy anything else is. Stops only between passes; a batch in
 * flight when the process dies is re-claimed after its lease expires and re-sent with the same idempotency key.
 */
abstract class PushWorker extends PeriodicWorker {

    private static final Duration MAX_RUN = Duration.ofSeconds(5);

    private final BroadcastScheduler scheduler;
    private final Channel channel;

    PushWorker(BroadcastScheduler scheduler, InventorySettings settings, Channel channel) {
        super("inventory-push-" + channel.id(), settings.pollInterval());
        this.scheduler = scheduler;
        this.channel = channel;
    }

    @Override
    protected void runOnce() {
        Instant deadline = Instant.now().plus(MAX_RUN);
        while (scheduler.pushPass(channel) > 0 && Instant.now().isBefore(deadline)) {
            // Keep draining: every pass takes the most urgent SKUs first.
        }
    }

    @Component
    @ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
    static class ShopifyPushWorker extends PushWorker {
        ShopifyPushWorker(BroadcastScheduler scheduler, InventorySettings settings) {
            super(scheduler, settings, Channel.SHOPIFY);
        }
    }

    @Component
    @ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
    static class AmazonPushWorker extends PushWorker {
        AmazonPushWorker(BroadcastScheduler scheduler, InventorySettings settings) {
            super(scheduler, settings, Channel.AMAZON);
        }
    }
}
