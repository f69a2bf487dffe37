package dev.mercator.dealscout.scan;

import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Listing;
import dev.mercator.marketplaces.ListingPage;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one scan: on each of its marketplaces, up to {@code maxPages} pages of its search on the background lane, every
 * listing recorded as an observation, and the marketplace's health updated. A marketplace that fails does not stop
 * the others; a failure is the scan's health, never an exception out of the run.
 */
@Component
class ScanRunner {

    private static final Logger log = LoggerFactory.getLogger(ScanRunner.class);
    /** The largest amount the observations table holds; a listing priced above it is a vendor's data error. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    private final Marketplaces marketplaces;
    private final Observations observations;
    private final ScanHealth health;
    private final Scans scans;
    private final ScanSettings settings;
    private final Clock clock;

    ScanRunner(
            Marketplaces marketplaces,
            Observations observations,
            ScanHealth health,
            Scans scans,
            ScanSettings settings,
            Clock clock) {
        this.marketplaces = marketplaces;
        this.observations = observations;
        this.health = health;
        this.scans = scans;
        this.settings = settings;
        this.clock = clock;
    }

    void run(Scan scan) {
        int mostCalls = 1;
        for (Marketplace marketplace : scan.spec().marketplaces()) {
            mostCalls = Math.max(mostCalls, run(scan, marketplace));
        }
        if (mostCalls != scan.callsPerRun()) {
            scans.callsPerRun(scan.id(), mostCalls);
        }
    }

    /** One marketplace's part of a run; returns the calls it made. */
    private int run(Scan scan, Marketplace marketplace) {
        Instant started = clock.instant();
        List<Listing> found = new ArrayList<>();
        int calls = 0;
        boolean complete = false;
        try {
            SourceAccount account = marketplaces.account(scan.merchant(), marketplace);
            for (int page = 1; page <= settings.maxPages(); page++) {
                calls++;
                ListingPage listings = marketplaces.listings(
                        marketplace, scan.spec().query(page, settings.pageSize(), started), account, Lane.BACKGROUND);
                found.addAll(listings.listings());
                if (!listings.hasMore()) {
                    complete = true;
                    break;
                }
            }
        } catch (SourceFailure failure) {
            boolean deferred = failure.kind() == SourceFailure.Kind.RATE_LIMITED
                    && marketplaces.backgroundCallsLeft(marketplace) == 0;
            log.info(
                    "Deal scan {} on {} {}: {}",
                    scan.id(),
                    marketplace.id(),
                    deferred ? "deferred" : "failed",
                    failure.getMessage());
            health.failed(
                    scan,
                    marketplace,
                    deferred
                            ? "background budget of " + marketplace.id() + " spent for today: " + failure.getMessage()
                            : failure.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + failure.getMessage(),
                    !deferred,
                    clock.instant());
            return calls;
        }
        List<Sighting> sightings = found.stream()
                .filter(listing -> listing.total().compareTo(MAX_AMOUNT) <= 0)
                .map(Sighting::of)
                .toList();
        Observations.Recorded recorded =
                observations.recordScan(scan, marketplace, sightings, complete, clock.instant());
        health.succeeded(scan, marketplace, clock.instant());
        log.debug("Deal scan {} on {}: {}", scan.id(), marketplace.id(), recorded);
        return calls;
    }
}
