package dev.mercator.bench;

import dev.mercator.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Detection quality over a simulated week on a living eBay market (not part of the test suite; run with the command in
 * docs/benchmarks.md): six products, a scan each every hour, an any-deal watch each at a 15 % discount, the service's
 * clock moved in 30-minute steps with a scan-worker pass at each; then the deal alerts against the market's truth.
 *
 * <p>An alert is a true deal when its listing is a planted deal, or a fair listing whose alerted total is at least the
 * watch's discount below the listing's true value (its product's, for its condition). Recall counts the planted deals
 * a search showed; a planted scam alerted counts against the goal of 0; a duplicate is a second alert of one watch,
 * listing and band episode, or a second e-mail of one alert.
 */
@Import(DealScoutBench.SimulatedClock.class)
@TestPropertySource(properties = {DealScoutBench.PROPERTIES, DealScoutBench.QUIET})
class DealDetectionBenchmark extends IntegrationTest {

    static final double MIN_DISCOUNT = 0.15;

    @Autowired
    ApplicationContext context;

    @Test
    void aSimulatedWeek() throws Exception {
        Map<String, Object> shape = new HashMap<>();
        shape.put("seed", 2026);
        shape.put("products", DealWeek.PRODUCTS);
        shape.put("listingsPerProductPerDay", 20);
        shape.put("dealShare", 0.03);
        shape.put("scamShare", 0.02);
        String before = DealWeek.loadAverage();
        long began = System.nanoTime();
        DealWeek week = DealWeek.start(api, newMerchant("Deal Detection"), context, shape, 60, MIN_DISCOUNT);
        week.run(Duration.ofDays(7), Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - began) / 1e9;

        List<DealScoutBench.Alert> alerts = week.bench.alerts();
        Map<String, DealScoutBench.Truth> truth =
                week.bench.truth().stream().collect(Collectors.toMap(DealScoutBench.Truth::itemId, t -> t));
        int trueDeals = 0;
        int plantedAlerts = 0;
        int fairBelow = 0;
        int scamsAlerted = 0;
        List<String> falseAlerts = new ArrayList<>();
        Set<String> alertedListings = new HashSet<>();
        Map<String, Integer> byBand = new HashMap<>();
        for (DealScoutBench.Alert alert : alerts) {
            alertedListings.add(alert.listingId());
            byBand.merge(alert.watch() + "|" + alert.listingId() + "|" + alert.episode(), 1, Integer::sum);
            DealScoutBench.Truth listing = truth.get(alert.listingId());
            String kind = listing == null ? "UNKNOWN" : listing.kind();
            boolean deal = kind.equals("DEAL")
                    || (kind.equals("NORMAL")
                            && alert.totalPrice().doubleValue()
                                    <= listing.trueValue().doubleValue() * (1 - MIN_DISCOUNT));
            if (kind.equals("SCAM")) {
                scamsAlerted++;
            }
            if (deal) {
                trueDeals++;
                if (kind.equals("DEAL")) {
                    plantedAlerts++;
                } else {
                    fairBelow++;
                }
            } else {
                falseAlerts.add(String.format(
                        Locale.ROOT,
                        "%s %s %s/%s/%d cuts at %s, true value %s (%.0f%% of it); valued %s (low %s, %s comps, %s)",
                        kind,
                        alert.listingId(),
                        listing == null ? "?" : listing.conditionId(),
                        listing == null ? "?" : listing.buyingOption(),
                        listing == null ? 0 : listing.priceCuts(),
                        alert.totalPrice(),
                        listing == null ? "?" : listing.trueValue(),
                        listing == null
                                ? 0
                                : 100
                                        * alert.totalPrice().doubleValue()
                                        / listing.trueValue().doubleValue(),
                        alert.marketValue(),
                        alert.intervalLow(),
                        alert.comps(),
                        alert.method()));
            }
        }
        List<DealScoutBench.Truth> planted = truth.values().stream()
                .filter(t -> t.kind().equals("DEAL") && t.shown())
                .toList();
        long found = planted.stream()
                .filter(t -> alertedListings.contains(t.itemId()))
                .count();
        List<DealScoutBench.Truth> scamsShown = truth.values().stream()
                .filter(t -> t.kind().equals("SCAM") && t.shown())
                .toList();
        Set<String> tooGood = new HashSet<>(week.bench.tooGood());
        long scamsTooGood =
                scamsShown.stream().filter(t -> tooGood.contains(t.itemId())).count();
        long duplicateAlerts = byBand.values().stream().filter(n -> n > 1).count();
        long sent = alerts.stream().filter(a -> a.status().equals("sent")).count();
        long duplicateMails = week.bench.dealDeliveries() - sent;
        double precision = alerts.isEmpty() ? Double.NaN : (double) trueDeals / alerts.size();
        double recall = planted.isEmpty() ? Double.NaN : (double) found / planted.size();

        StringBuilder report = new StringBuilder(DealWeek.header("Deal Scout detection quality: a simulated week"));
        report.append(String.format(
                Locale.ROOT,
                "load average before: %s%nmarket: seed 2026, %d products, 20 listings/product/day, deal share 0.03,"
                        + " scam share 0.02, default spread/vanish/cut/auction shares%n"
                        + "scans: %d, every 60 min; watches: any deal at %.2f; steps of 30 min for 7 days;"
                        + " %d scan runs; %d observations; %.1f s real time (step p50 %.0f ms, p95 %.0f ms)%n"
                        + "listings the market had: %d (%d shown by a search); planted deals shown %d; scams shown %d%n"
                        + "alerts: %d (%d sent, %d held/digested) on %d listings%n"
                        + "precision: %.3f (%d true: %d planted deals, %d fair listings >= %.0f%% below their value)"
                        + " goal >= 0.9 %s%n"
                        + "recall of planted deals: %.3f (%d of %d) goal >= 0.8 %s%n"
                        + "planted scams alerted as deals: %d goal 0 %s (scams listed as too good: %d of %d shown)%n"
                        + "duplicate alerts (watch+listing+episode twice): %d, second e-mails of one alert: %d goal 0 %s%n",
                before,
                DealWeek.PRODUCTS.size(),
                week.bench.scans(),
                MIN_DISCOUNT,
                week.scanRuns,
                week.bench.observations(),
                seconds,
                DealWeek.percentile(
                        week.stepMillis.stream().map(Long::doubleValue).toList(), 50),
                DealWeek.percentile(
                        week.stepMillis.stream().map(Long::doubleValue).toList(), 95),
                truth.size(),
                truth.values().stream().filter(DealScoutBench.Truth::shown).count(),
                planted.size(),
                scamsShown.size(),
                alerts.size(),
                sent,
                alerts.size() - sent,
                alertedListings.size(),
                precision,
                trueDeals,
                plantedAlerts,
                fairBelow,
                MIN_DISCOUNT * 100,
                precision >= 0.9 ? "MET" : "MISSED",
                recall,
                found,
                planted.size(),
                recall >= 0.8 ? "MET" : "MISSED",
                scamsAlerted,
                scamsAlerted == 0 ? "MET" : "MISSED",
                scamsTooGood,
                scamsShown.size(),
                duplicateAlerts,
                duplicateMails,
                duplicateAlerts == 0 && duplicateMails == 0 ? "MET" : "MISSED"));
        report.append("false alerts (kind, listing, alerted total, true value):\n");
        falseAlerts.stream()
                .limit(40)
                .forEach(f -> report.append("  ").append(f).append('\n'));
        report.append("planted deals shown but not alerted (listing, total, true value, listed, vanished):\n");
        planted.stream()
                .filter(t -> !alertedListings.contains(t.itemId()))
                .limit(40)
                .forEach(t -> report.append(String.format(
                        Locale.ROOT,
                        "  %s %s %s %s %s%n",
                        t.itemId(),
                        t.initialTotal(),
                        t.trueValue(),
                        t.listedAt(),
                        t.vanishedAt())));
        report.append("load average after: ").append(DealWeek.loadAverage()).append('\n');
        DealWeek.write("dealscout-detection.txt", report.toString());
    }
}
