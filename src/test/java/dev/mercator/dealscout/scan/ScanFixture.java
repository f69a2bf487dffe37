package dev.mercator.dealscout.scan;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For suites outside the scan package (the scoring pipeline's): run a merchant's scan against the simulators as the
 * worker would, or record eBay listings through the observation store where the simulator's fixed catalogue cannot
 * produce the case (a named seller, a chosen price).
 */
public final class ScanFixture {

    private final Scans scans;
    private final ScanRunner runner;
    private final Observations observations;
    private final ScanWorker.ScanPass pass;

    public ScanFixture(ApplicationContext context) {
        this.scans = context.getBean(Scans.class);
        this.runner = context.getBean(ScanRunner.class);
        this.observations = context.getBean(Observations.class);
        this.pass = context.getBean(ScanWorker.ScanPass.class);
    }

    /** One pass of the scan worker as it runs on its tick: plans if due, runs the scans due now; how many ran. */
    public int runDue() {
        return pass.run();
    }

    /** Runs the merchant's scan once, now. */
    public void run(MerchantId merchant, UUID scanId) {
        runner.run(scans.find(merchant, scanId).orElseThrow());
    }

    /** An eBay listing as a run of the merchant's scan records it (an incomplete run: nothing vanishes). */
    public record EbayListing(String listingId, String title, String conditionId, String price, String seller) {}

    public void recordEbay(MerchantId merchant, UUID scanId, List<EbayListing> listings, Instant now) {
        recordEbay(merchant, scanId, listings, false, now);
    }

    /** The same; a {@code complete} run marks the scan's listings it did not find as vanished. */
    public void recordEbay(
            MerchantId merchant, UUID scanId, List<EbayListing> listings, boolean complete, Instant now) {
        Scan scan = scans.find(merchant, scanId).orElseThrow();
        List<Sighting> sightings = listings.stream()
                .map(listing -> new Sighting(
                        "ebay",
                        listing.listingId(),
                        listing.title(),
                        listing.conditionId(),
                        null,
                        new BigDecimal(listing.price()),
                        null,
                        "USD",
                        listing.seller(),
                        "https://www.ebay.com/itm/" + listing.listingId(),
                        BuyingFormat.FIXED_PRICE,
                        null))
                .toList();
        observations.recordScan(scan, Marketplace.EBAY, sightings, complete, now);
    }
}
