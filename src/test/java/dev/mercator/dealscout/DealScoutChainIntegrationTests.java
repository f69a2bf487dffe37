package dev.mercator.dealscout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.bench.DealScoutBench;
import dev.mercator.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The chain the Deal Scout benchmarks measure, end to end on a small living market: a scan of the merchant's own
 * eBay app run by the scan worker's pass → observations scored → an any-deal watch alerts the planted deal once and
 * its e-mail goes once, however many scans see it again → a planted scam is never alerted. Time is the service's
 * clock, moved by the harness ({@link DealScoutBench}).
 */
@Import(DealScoutBench.SimulatedClock.class)
@TestPropertySource(properties = {DealScoutBench.PROPERTIES, DealScoutBench.QUIET})
class DealScoutChainIntegrationTests extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void aPlantedDealIsAlertedAndSentOnceAndAPlantedScamNever() {
        Tenant shop = newMerchant("Deal Chain");
        DealScoutBench bench = DealScoutBench.start(
                api,
                shop,
                context,
                Map.of(
                        "seed",
                        5,
                        "listingsPerProductPerDay",
                        30,
                        "dealShare",
                        0,
                        "scamShare",
                        0,
                        "auctionShare",
                        0,
                        "products",
                        List.of(Map.of(
                                "title", "Acme Zephyr ZX-1 Wireless Headphones",
                                "brand", "Acme",
                                "model", "ZX-1",
                                "categoryId", "112529",
                                "trueValue", 200))),
                60,
                0.15);
        // The first scan finds the market's warm-up history: the comps.
        assertThat(bench.step(Duration.ofHours(1))).isEqualTo(1);
        assertThat(bench.observations()).isGreaterThan(20);
        String product = bench.products().getFirst().path("id").asString();

        DealScoutBench.Truth deal = bench.plant("DEAL", product);
        DealScoutBench.Truth scam = bench.plant("SCAM", product);
        assertThat(bench.step(Duration.ofHours(1))).isEqualTo(1);
        // Seen again by the next runs, at the same price: no second alert, no second e-mail.
        bench.step(Duration.ofHours(1));
        bench.step(Duration.ofHours(1));

        List<DealScoutBench.Alert> alerts = bench.alerts();
        List<DealScoutBench.Alert> ofDeal =
                alerts.stream().filter(a -> a.listingId().equals(deal.itemId())).toList();
        assertThat(ofDeal).hasSize(1);
        assertThat(ofDeal.getFirst().status()).isEqualTo("sent");
        assertThat(ofDeal.getFirst().sentAt()).isNotNull();
        assertThat(ofDeal.getFirst().sentAt()).isAfterOrEqualTo(deal.listedAt());
        assertThat(alerts).noneSatisfy(a -> assertThat(a.listingId()).isEqualTo(scam.itemId()));
        // Every alert has exactly one e-mail (one destination), none twice.
        assertThat(bench.dealDeliveries()).isEqualTo(alerts.size());
        assertThat(bench.truth())
                .filteredOn(t -> t.itemId().equals(scam.itemId()))
                .singleElement()
                .satisfies(t -> assertThat(t.shown()).isTrue());
    }
}
