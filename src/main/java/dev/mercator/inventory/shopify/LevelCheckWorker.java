package dev.mercator.inventory.shopify;

import dev.mercator.platform.work.PeriodicWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs the Shopify level checks that are due, in the background. */
@Component
@ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
class LevelCheckWorker extends PeriodicWorker {

    private final ShopifyLevelChecks checks;

    LevelCheckWorker(ShopifyLevelChecks checks, ShopifyLevelSettings settings) {
        super("shopify-level-checks", settings.pollInterval());
        this.checks = checks;
    }

    @Override
    protected void runOnce() {
        while (checks.checkDue() > 0) {
            // A burst leaves more than one request's worth due: keep going until none is.
        }
    }
}
