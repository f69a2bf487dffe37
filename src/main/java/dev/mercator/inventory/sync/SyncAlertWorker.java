package dev.mercator.inventory.sync;

import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.platform.work.PeriodicWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs {@link SyncAlerts} at the push workers' pace, so a merchant hears of a stuck SKU within seconds. */
@Component
@ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
class SyncAlertWorker extends PeriodicWorker {

    private final SyncAlerts alerts;

    SyncAlertWorker(SyncAlerts alerts, InventorySettings settings) {
        super("inventory-alerts", settings.pollInterval());
        this.alerts = alerts;
    }

    @Override
    protected void runOnce() {
        alerts.pass();
    }
}
