package dev.mercator.inventory.shopify;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Reconciles due Shopify inventory-level reports in the background. */
@Component
@ConditionalOnProperty(name = "mercator.inventory.workers-enabled", havingValue = "true", matchIfMissing = true)
class LevelReportPoller extends PeriodicWorker {

    private final ShopifyLevelReports reports;

    LevelReportPoller(
            ShopifyLevelReports reports,
            @Value("${mercator.inventory.level-report-poll-interval:1s}") Duration interval) {
        super("shopify-level-reports", interval);
        this.reports = reports;
    }

    @Override
    protected void runOnce() {
        reports.processDue();
    }
}
