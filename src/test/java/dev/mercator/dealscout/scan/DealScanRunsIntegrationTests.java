package dev.mercator.dealscout.scan;

import static dev.mercator.marketplaces.SandboxFixtures.clearFaults;
import static dev.mercator.marketplaces.SandboxFixtures.faults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Scan runs: against the eBay Browse simulator over HTTP (observations stored, a second run with the same prices adds
 * no history, a failing source makes the scan blind and raises the alert, recovery clears it), the observation store
 * directly for what the simulator's fixed catalogue cannot do yet (a price change, a listing gone), and the budget
 * planner against stored scans.
 */
class DealScanRunsIntegrationTests extends IntegrationTest {

    @Autowired
    Scans scans;

    @Autowired
    ScanRunner runner;

    @Autowired
    ScanWorker.ScanPass pass;

    @Autowired
    Observations observations;

    @Autowired
    ScanHealth health;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @AfterEach
    void noFaults() {
        clearFaults(admin, "ebay");
    }

    Scan newScan(Tenant tenant, String keywords) {
        JsonNode created = tenant.api()
                .post(
                        "/api/deals/scans",
                        Map.of("keywords", keywords, "conditionIds", List.of("1000"), "maxPrice", 5000))
                .json();
        return scans.find(
                        MerchantId.of(tenant.id()),
                        UUID.fromString(created.path("id").asString()))
                .orElseThrow();
    }

    long count(String sql, UUID scan) {
        return jdbc.sql(sql).param("scan", scan).query(Long.class).single();
    }

    long observationsOf(Scan scan) {
        return count("select count(*) from dealscout_scan_sightings where scan_id = :scan", scan.id());
    }

    long historyOf(Scan scan) {
        return count(
                "select count(*) from dealscout_price_history h join dealscout_scan_sightings s"
                        + " on s.observation_id = h.observation_id where s.scan_id = :scan",
                scan.id());
    }

    @Test
    void aRunStoresEveryListingAndASecondRunAtTheSamePricesAddsNoHistory() {
        Tenant shop = newMerchant("Cable Hunter");
        Scan scan = newScan(shop, "cable");

        runner.run(scan);
        long seen = observationsOf(scan);
        assertThat(seen).isPositive();
        assertThat(historyOf(scan)).isEqualTo(seen);
        JsonNode stored = jdbc.sql("select id from dealscout_observations where merchant_id = :m limit 1")
                .param("m", scan.merchant().value())
                .query(UUID.class)
                .optional()
                .map(id -> shop.api().get("/api/deals/observations/" + id).json())
                .orElseThrow();
        assertThat(stored.path("source").asString()).isEqualTo("SCAN");
        assertThat(stored.path("marketplace").asString()).isEqualTo("ebay");
        assertThat(stored.path("conditionId").asString()).isEqualTo("1000");
        assertThat(stored.path("url").asString()).startsWith("https://www.ebay.com/itm/");
        // The simulator quotes no shipping and names no seller yet: unknown, not free (see the report).
        assertThat(stored.path("shipping").isNull()).isTrue();

        runner.run(scan);

        assertThat(observationsOf(scan)).isEqualTo(seen);
        assertThat(historyOf(scan)).isEqualTo(seen);
        JsonNode view = shop.api().get("/api/deals/scans/" + scan.id()).json();
        assertThat(view.path("health").path(0).path("marketplace").asString()).isEqualTo("ebay");
        assertThat(view.path("health").path(0).path("consecutiveFailures").asInt())
                .isZero();
        assertThat(view.path("health").path(0).path("lastGoodAt").isNull()).isFalse();
    }

    @Test
    void theWorkerPassRunsADueScanAndMovesItToItsNextStaggeredSlot() {
        Tenant shop = newMerchant("Scheduled Scanner");
        Scan scan = newScan(shop, "cable");
        // A first pass plans the day's budget (which may stretch and reschedule scans); the next plans only a minute
        // on.
        pass.run();
        // Overdue since long ago: first in line whatever else this database holds.
        jdbc.sql("update dealscout_scans set next_run_at = :past where id = :id")
                .param("past", java.sql.Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")))
                .param("id", scan.id())
                .update();

        pass.run();

        assertThat(observationsOf(scan)).isPositive();
        Scan after = scans.find(scan.merchant(), scan.id()).orElseThrow();
        long every = after.effectiveInterval().toSeconds();
        assertThat(after.nextRunAt()).isAfter(clock.instant().minusSeconds(1));
        assertThat(after.nextRunAt()).isBefore(clock.instant().plusSeconds(every + 1));
        assertThat(Math.floorMod(after.nextRunAt().getEpochSecond(), every))
                .isEqualTo(Math.floorMod(after.stagger(), every));
    }

    @Test
    void aChangedPriceAddsOneHistoryRowAndAListingACompleteRunMissesIsMarkedVanished() {
        Tenant shop = newMerchant("Price Watcher");
        Scan scan = newScan(shop, "nothing-matches-this-" + UUID.randomUUID());
        Instant t0 = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Sighting lamp = sighting("v1|1|0", "50.00", "5.00", "lamp-seller");
        Sighting chair = sighting("v1|2|0", "80.00", null, "chair-seller");

        observations.recordScan(scan, Marketplace.EBAY, List.of(lamp, chair), true, t0);
        observations.recordScan(scan, Marketplace.EBAY, List.of(lamp, chair), true, t0.plusSeconds(60));
        Observations.Recorded cut = observations.recordScan(
                scan,
                Marketplace.EBAY,
                List.of(sighting("v1|1|0", "45.00", "5.00", "lamp-seller")),
                false,
                t0.plusSeconds(120));
        Observations.ObservationView lampView =
                observations.find(scan.merchant(), "ebay", "v1|1|0").orElseThrow();
        assertThat(cut.priceChanges()).isEqualTo(1);
        assertThat(lampView.priceHistory())
                .extracting(Observations.ObservedPrice::price)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("50.00"), new BigDecimal("45.00"));
        // An incomplete run (pages left unread) says nothing about the chair.
        assertThat(observations
                        .find(scan.merchant(), "ebay", "v1|2|0")
                        .orElseThrow()
                        .vanishedAt())
                .isNull();

        Observations.Recorded complete = observations.recordScan(
                scan,
                Marketplace.EBAY,
                List.of(sighting("v1|1|0", "45.00", "5.00", "lamp-seller")),
                true,
                t0.plusSeconds(180));

        Observations.ObservationView chairView =
                observations.find(scan.merchant(), "ebay", "v1|2|0").orElseThrow();
        assertThat(complete.vanished()).isEqualTo(1);
        assertThat(chairView.vanishedAt()).isEqualTo(t0.plusSeconds(180));
        assertThat(chairView.lastSeenAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(chairView.priceHistory()).hasSize(1);
        assertThat(observations
                        .find(scan.merchant(), "ebay", "v1|1|0")
                        .orElseThrow()
                        .priceHistory())
                .hasSize(2);

        // It comes back: no longer vanished.
        observations.recordScan(scan, Marketplace.EBAY, List.of(chair), false, t0.plusSeconds(240));
        assertThat(observations
                        .find(scan.merchant(), "ebay", "v1|2|0")
                        .orElseThrow()
                        .vanishedAt())
                .isNull();

        // eBay account deletion: the seller's observations go, for every merchant, history included.
        assertThat(observations.eraseEbaySeller("lamp-seller")).isEqualTo(1);
        assertThat(observations.find(scan.merchant(), "ebay", "v1|1|0")).isEmpty();
        assertThat(observations.find(scan.merchant(), "ebay", "v1|2|0")).isPresent();
    }

    @Test
    void aSourceFailingForTheConfiguredRunsRaisesTheBlindAlertAndRecoveryClearsIt() {
        Tenant shop = newMerchant("Blind Scanner");
        Scan scan = newScan(shop, "cable");
        runner.run(scan);
        // eBay refuses the next three calls as bad requests: permanent, so each run fails once, without retries.
        faults(admin, "ebay", Map.of("badRequestRate", 1.0, "times", 3));

        runner.run(scan);
        runner.run(scan);
        assertThat(blindAlerts(shop)).isEmpty();
        runner.run(scan);

        assertThat(Eventually.holds(
                        Duration.ofSeconds(10),
                        Duration.ofMillis(50),
                        () -> blindAlerts(shop).size() == 1))
                .isTrue();
        JsonNode alert = blindAlerts(shop).getFirst();
        assertThat(alert.path("state").asString()).isEqualTo("open");
        assertThat(alert.path("severity").asString()).isEqualTo("warning");
        assertThat(alert.path("details").path("scanId").asString())
                .isEqualTo(scan.id().toString());
        JsonNode blind = shop.api()
                .get("/api/deals/scans/" + scan.id() + "/health")
                .json()
                .path(0);
        assertThat(blind.path("consecutiveFailures").asInt()).isEqualTo(3);
        assertThat(blind.path("blind").asBoolean()).isTrue();
        assertThat(blind.path("lastError").asString()).startsWith("permanent:");

        runner.run(scan);

        assertThat(Eventually.holds(
                        Duration.ofSeconds(10),
                        Duration.ofMillis(50),
                        () -> !blindAlerts(shop)
                                .getFirst()
                                .path("state")
                                .asString()
                                .equals("open")))
                .isTrue();
        JsonNode recovered = shop.api()
                .get("/api/deals/scans/" + scan.id() + "/health")
                .json()
                .path(0);
        assertThat(recovered.path("consecutiveFailures").asInt()).isZero();
        assertThat(recovered.path("blind").asBoolean()).isFalse();
    }

    @Test
    void aBudgetRunningShortMidDayStretchesTheLongestIntervalsAndSaysWhyRatherThanStarvingAScan() {
        Tenant shop = newMerchant("Budget Spreader");
        String fast = shop.api()
                .post("/api/deals/scans", Map.of("keywords", "budget fast", "intervalMinutes", 5))
                .json()
                .path("id")
                .asString();
        String slow = shop.api()
                .post("/api/deals/scans", Map.of("keywords", "budget slow", "intervalMinutes", 240))
                .json()
                .path("id")
                .asString();
        Instant midday = Instant.parse("2026-12-04T12:00:00Z");
        int allScans = jdbc.sql("select count(*) from dealscout_scans where marketplaces like '%ebay%'")
                .query(Integer.class)
                .single();
        // Enough for every scan in this database to run, but with the five-minute one at its asked interval and every
        // other scan stretched: the planner must stretch the long ones first.
        long callsLeft = 144 + allScans;
        BudgetPlanner planner =
                new BudgetPlanner(scans, marketplace -> callsLeft, Clock.fixed(midday, java.time.ZoneOffset.UTC));

        planner.plan();

        JsonNode fastView = shop.api().get("/api/deals/scans/" + fast).json();
        JsonNode slowView = shop.api().get("/api/deals/scans/" + slow).json();
        assertThat(slowView.path("effectiveIntervalMinutes").asLong()).isGreaterThan(240);
        assertThat(slowView.path("intervalReason").asString()).contains("background budget of ebay");
        assertThat(fastView.path("effectiveIntervalMinutes").asLong())
                .isLessThan(slowView.path("effectiveIntervalMinutes").asLong());
        assertThat(fastView.path("effectiveIntervalMinutes").asLong()).isLessThanOrEqualTo(12 * 60);

        // A new day's budget: asked intervals again, no reason.
        new BudgetPlanner(scans, marketplace -> 1_000_000L, Clock.fixed(midday, java.time.ZoneOffset.UTC)).plan();
        assertThat(shop.api()
                        .get("/api/deals/scans/" + slow)
                        .json()
                        .path("effectiveIntervalMinutes")
                        .asLong())
                .isEqualTo(240);
        assertThat(shop.api()
                        .get("/api/deals/scans/" + slow)
                        .json()
                        .path("intervalReason")
                        .isNull())
                .isTrue();
    }

    List<JsonNode> blindAlerts(Tenant tenant) {
        return tenant.api()
                .get("/api/alerts?type=dealscout.scan_blind")
                .json()
                .path("items")
                .valueStream()
                .toList();
    }

    static Sighting sighting(String id, String price, String shipping, String seller) {
        return new Sighting(
                "ebay",
                id,
                "Listing " + id,
                "1000",
                "177",
                new BigDecimal(price),
                shipping == null ? null : new BigDecimal(shipping),
                "USD",
                seller,
                "https://www.ebay.com/itm/" + id,
                BuyingFormat.FIXED_PRICE,
                null);
    }
}
