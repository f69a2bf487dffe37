package dev.mercator.dealscout.scan;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deal scans (ADR 28).
 *
 * @param minimumInterval the shortest interval a scan may ask for: each run costs calls from the marketplaces' daily
 *     budgets, shared by every merchant
 * @param maximumInterval the longest interval a scan may ask for
 * @param maxScansPerMerchant how many scans one merchant may keep
 * @param maxPrice the highest price bound a scan may set (in its currency); anything above is a typo
 * @param maxAuctionHours the widest "auction ending within" window
 * @param workerEnabled whether this instance runs due scans (tests drive runs themselves)
 * @param tick how often the worker looks for due scans
 * @param batchSize the most scans one tick runs
 * @param pageSize listings asked per page (eBay allows up to 200)
 * @param maxPages pages read per run and marketplace; a run that stops with more pages left is incomplete and marks
 *     nothing vanished
 * @param blindAfterRuns failed runs in a row on one marketplace after which a scan is blind and a warning alert raised
 * @param planEvery how often the budget planner recomputes effective intervals
 */
@ConfigurationProperties("mercator.dealscout.scans")
record ScanSettings(
        @DefaultValue("5m") Duration minimumInterval,
        @DefaultValue("7d") Duration maximumInterval,
        @DefaultValue("50") int maxScansPerMerchant,
        @DefaultValue("1000000") BigDecimal maxPrice,
        @DefaultValue("240") int maxAuctionHours,
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("5s") Duration tick,
        @DefaultValue("20") int batchSize,
        @DefaultValue("100") int pageSize,
        @DefaultValue("2") int maxPages,
        @DefaultValue("3") int blindAfterRuns,
        @DefaultValue("1m") Duration planEvery) {

    ScanSettings {
        if (minimumInterval.isNegative()
                || minimumInterval.isZero()
                || maximumInterval.compareTo(minimumInterval) < 0
                || maxScansPerMerchant < 1
                || maxPrice.signum() <= 0
                || maxAuctionHours < 1
                || tick.isNegative()
                || tick.isZero()
                || batchSize < 1
                || pageSize < 1
                || pageSize > 200
                || maxPages < 1
                || blindAfterRuns < 1
                || planEvery.isNegative()) {
            throw new IllegalArgumentException(
                    "mercator.dealscout.scans: intervals, tick, limits and sizes must be positive, maximum-interval at"
                            + " least minimum-interval, page-size at most 200");
        }
    }
}
