package dev.mercator.inventory.sync;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.platform.work.PeriodicWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Reads back accepted writes whose time has come, on a thread of its own: a batch of read-backs goes at the channel's
 * pace (Amazon's getListingsItem), and when it shared the push worker's thread every push waited for it (the constant
 * 3.7 s the sync benchmark measured from a Shopify sale to Amazon).
 */
@Component
@ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
class VerifyWorker extends PeriodicWorker {

    private final ReadBackVerifier verifier;

    VerifyWorker(ReadBackVerifier verifier, InventorySettings settings) {
        super("inventory-verify", settings.pollInterval());
        this.verifier = verifier;
    }

    @Override
    protected void runOnce() {
        for (Channel channel : verifier.channels()) {
            verifier.verifyPass(channel);
        }
    }
}
