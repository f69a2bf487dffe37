package dev.mercator.inventory.sync;

import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs {@link SyncAlerts} and {@link UnmappedAlerts} at the push workers' pace, so a merchant hears of a stuck SKU
 * within seconds.
 */
@Component
@ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
class SyncAlertWorker extends PeriodicWorker {

    private final SyncAlerts alerts;
    private final UnmappedAlerts unmapped;

    /** How often the unmapped pass runs: its condition is measured in hours, not in the pushes' milliseconds. */
    private final long unmappedEveryNanos;

    private long unmappedLastRun = System.nanoTime();

    SyncAlertWorker(SyncAlerts alerts, UnmappedAlerts unmapped, InventorySettings settings) {
        super("inventory-alerts", settings.pollInterval());
        this.alerts = alerts;
        this.unmapped = unmapped;
        Duration quarterAge = settings.unmappedAlertAge().dividedBy(4);
        this.unmappedEveryNanos = Collections.max(
                        List.of(settings.pollInterval(), Collections.min(List.of(quarterAge, Duration.ofSeconds(30)))))
                .toNanos();
    }

    @Override
    protected void runOnce() {
        alerts.pass();
        long now = System.nanoTime();
        if (now - unmappedLastRun >= unmappedEveryNanos) {
            unmappedLastRun = now;
            unmapped.pass();
        }
    }
}
