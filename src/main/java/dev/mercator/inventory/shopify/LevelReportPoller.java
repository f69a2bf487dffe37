package dev.mercator.inventory.shopify;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Reconciles due Shopify inventory-level reports in the background. */
@Component
class LevelReportPoller {

    private final ShopifyLevelReports reports;

    LevelReportPoller(ShopifyLevelReports reports) {
        this.reports = reports;
    }

    @Scheduled(fixedDelayString = "${mercator.inventory.level-report-poll-interval:1s}")
    void poll() {
        reports.processDue();
    }
}
