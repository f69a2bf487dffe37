package dev.mercator.bench;

import dev.mercator.dealscout.ListingScored;
import dev.mercator.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Scan to alert (not part of the test suite; run with the command in docs/benchmarks.md): two simulated days on a
 * living eBay market, six products scanned every 30 minutes with an any-deal watch each, the service's clock moved in
 * 10-minute steps (the market's tick) with a scan-worker pass at each. For every planted deal alerted: its e-mail's
 * sent time in the delivery ledger minus the deal's listed time in the market, both simulated (one clock). The real
 * time a step takes (pass, scoring, watch, alert centre, e-mail) is reported beside it; during it the simulated clock
 * stands still except for the dispatcher's pacing ({@link DealScoutBench#settle}).
 */
@Import(DealScoutBench.SimulatedClock.class)
@TestPropertySource(properties = {DealScoutBench.PROPERTIES, DealScoutBench.QUIET})
class ScanToAlertBenchmark extends IntegrationTest {

    static final int INTERVAL_MINUTES = 30;

    @Autowired
    ApplicationContext context;

    @Test
    void twoSimulatedDays() throws Exception {
        Map<String, Object> shape = new HashMap<>();
        shape.put("seed", 4711);
        shape.put("products", DealWeek.PRODUCTS);
        shape.put("listingsPerProductPerDay", 40);
        shape.put("dealShare", 0.05);
        shape.put("scamShare", 0.02);
        String before = DealWeek.loadAverage();
        // Every score of every listing, to show what a planted deal was scored as before its first alert.
        Map<String, List<String>> scores = new java.util.concurrent.ConcurrentHashMap<>();
        ((org.springframework.context.ConfigurableApplicationContext) context)
                .addApplicationListener(ApplicationListener.forPayload((ListingScored scored) -> scores.computeIfAbsent(
                                scored.listingId(), id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(String.format(
                                Locale.ROOT,
                                "%s %s at %s: value %s low %s n %s %s%s",
                                scored.scoredAt(),
                                scored.verdict(),
                                scored.totalPrice(),
                                scored.marketValue(),
                                scored.intervalLow(),
                                scored.comps(),
                                scored.method(),
                                scored.borrowedFrom() == null ? "" : " borrowed from " + scored.borrowedFrom()))));
        DealWeek days = DealWeek.start(api, newMerchant("Scan To Alert"), context, shape, INTERVAL_MINUTES, 0.15);
        days.run(Duration.ofDays(2), Duration.ofMinutes(10));

        Map<String, DealScoutBench.Truth> truth = days.bench.truth().stream()
                .collect(Collectors.toMap(DealScoutBench.Truth::itemId, Function.identity()));
        // The first alert of each planted deal: a later episode of the same listing (it left the band and came back)
        // is counted as a re-alert, not as the time the deal took to reach the merchant.
        Map<String, DealScoutBench.Alert> first = new HashMap<>();
        int reAlerts = 0;
        for (DealScoutBench.Alert alert : days.bench.alerts()) {
            DealScoutBench.Truth listing = truth.get(alert.listingId());
            if (listing == null
                    || !listing.kind().equals("DEAL")
                    || listing.listedAt().isBefore(days.start)) {
                continue;
            }
            DealScoutBench.Alert earlier = first.putIfAbsent(alert.listingId(), alert);
            if (earlier != null) {
                reAlerts++;
                if (alert.createdAt().isBefore(earlier.createdAt())) {
                    first.put(alert.listingId(), alert);
                }
            }
        }
        List<Double> minutes = new ArrayList<>();
        int unsent = 0;
        StringBuilder late = new StringBuilder();
        for (DealScoutBench.Alert alert : first.values()) {
            Instant sent = alert.sentAt();
            if (sent == null) {
                unsent++;
                continue;
            }
            DealScoutBench.Truth listing = truth.get(alert.listingId());
            double took = Duration.between(listing.listedAt(), sent).toMillis() / 60_000.0;
            minutes.add(took);
            if (took > INTERVAL_MINUTES) {
                late.append(String.format(
                        Locale.ROOT,
                        "  %s condition %s, listed %s at %s (true value %s), e-mail after %.0f min; its scores:%n",
                        alert.listingId(),
                        listing.conditionId(),
                        listing.listedAt(),
                        listing.initialTotal(),
                        listing.trueValue(),
                        took));
                scores.getOrDefault(alert.listingId(), List.of())
                        .forEach(line -> late.append("    ").append(line).append(System.lineSeparator()));
            }
        }
        List<Double> steps = days.stepMillis.stream().map(Long::doubleValue).toList();
        String report = DealWeek.header("Deal Scout scan to alert: two simulated days")
                + String.format(
                        Locale.ROOT,
                        "load average before: %s%nmarket: seed 4711, %d products, 40 listings/product/day, deal share"
                                + " 0.05, scam share 0.02; scans every %d min, steps of 10 min (the market's tick)%n"
                                + "planted deals listed during the run and alerted with their e-mail sent: %d"
                                + " (first alert not sent: %d; later re-alerts of the same deals: %d)%n"
                                + "listed -> e-mail sent, simulated minutes: p50 %.1f, p95 %.1f, max %.1f"
                                + " (scan interval %d)%n"
                                + "real time per step (pass + scoring + watch + alert centre + e-mail): p50 %.0f ms,"
                                + " p95 %.0f ms, max %.0f ms over %d steps, %d scan runs%n"
                                + "load average after: %s%n"
                                + "first alerts later than the scan interval:%n%s",
                        before,
                        DealWeek.PRODUCTS.size(),
                        INTERVAL_MINUTES,
                        minutes.size(),
                        unsent,
                        reAlerts,
                        DealWeek.percentile(minutes, 50),
                        DealWeek.percentile(minutes, 95),
                        DealWeek.percentile(minutes, 100),
                        INTERVAL_MINUTES,
                        DealWeek.percentile(steps, 50),
                        DealWeek.percentile(steps, 95),
                        DealWeek.percentile(steps, 100),
                        steps.size(),
                        days.scanRuns,
                        DealWeek.loadAverage(),
                        late);
        DealWeek.write("dealscout-scan-to-alert.txt", report);
    }
}
