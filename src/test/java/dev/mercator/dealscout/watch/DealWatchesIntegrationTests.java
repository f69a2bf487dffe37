package dev.mercator.dealscout.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.dealscout.ListingScored;
import dev.mercator.dealscout.ListingScored.Verdict;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Watches end to end: created over HTTP, fired by {@link ListingScored} events published as the scorer would (in a
 * transaction, through the event publication registry), delivered as {@code dealscout.deal} alerts through the alert
 * centre into the notification ledger, whose rows are what the exactly-once assertions count.
 */
@TestPropertySource(
        properties = {
            "mercator.notifications.workers-enabled=false",
            "mercator.dealscout.watches.digest-worker-enabled=false",
            "mercator.dealscout.watches.max-per-merchant=5"
        })
class DealWatchesIntegrationTests extends IntegrationTest {

    private static final Instant NOON = Instant.parse("2030-03-10T12:00:00Z");
    private static final AtomicLong LISTINGS = new AtomicLong();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    WatchFiring firing;

    @Autowired
    DealDigests digests;

    /** A listing the tests score again and again: its identity stays, its price and instant change. */
    record Listing(
            MerchantId merchant,
            UUID observation,
            @org.jspecify.annotations.Nullable UUID scan,
            String listingId,
            @org.jspecify.annotations.Nullable String productKey) {

        /**
         * Scored against a market value of 100.00 with the interval 100.00–115.00 (a pool where the median is also the
         * interval's low end), so an any-deal watch's edge is 100.00 less its discount.
         */
        ListingScored at(String total, Instant when) {
            return scored(total, when, null, "100.00");
        }

        /** Scored against a market value and interval low end both at {@code value}. */
        ListingScored valuedAt(String total, Instant when, String value) {
            return scored(total, when, null, value);
        }

        ListingScored scored(String total, Instant when, @org.jspecify.annotations.Nullable Verdict forced) {
            return scored(total, when, forced, "100.00");
        }

        ListingScored scored(
                String total, Instant when, @org.jspecify.annotations.Nullable Verdict forced, String value) {
            BigDecimal price = new BigDecimal(total);
            BigDecimal median = new BigDecimal(value);
            double discount = (median.doubleValue() - price.doubleValue()) / median.doubleValue();
            Verdict verdict = forced != null ? forced : discount >= 0.15 ? Verdict.DEAL : Verdict.NOT_A_DEAL;
            return new ListingScored(
                    merchant,
                    observation,
                    scan,
                    "ebay",
                    listingId,
                    "Sony WH-1000XM5 headphones " + listingId,
                    "https://www.ebay.com/itm/" + listingId,
                    productKey,
                    price,
                    "USD",
                    verdict,
                    discount,
                    (price.doubleValue() - median.doubleValue()) / 6,
                    (int) Math.max(0, Math.min(100, discount * 200)),
                    median,
                    median,
                    median.multiply(new BigDecimal("1.15")),
                    24,
                    "ASKING_PRICES",
                    null,
                    when);
        }
    }

    Listing listing(
            Tenant shop,
            @org.jspecify.annotations.Nullable String scan,
            @org.jspecify.annotations.Nullable String productKey) {
        return new Listing(
                new MerchantId(UUID.fromString(shop.id())),
                UUID.randomUUID(),
                scan == null ? null : UUID.fromString(scan),
                "v1|" + (1_000_000 + LISTINGS.incrementAndGet()) + "|0",
                productKey);
    }

    static Map<String, Object> body(Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    static String create(Tenant shop, Map<String, Object> body) {
        Api.Response created = shop.api().post("/api/deals/watches", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    static String scan(Tenant shop) {
        Api.Response created = shop.api()
                .post(
                        "/api/deals/scans",
                        body(
                                "keywords",
                                "sony wh-1000xm5",
                                "categoryId",
                                "112529",
                                "conditionIds",
                                List.of("3000"),
                                "marketplaces",
                                List.of("ebay"),
                                "intervalMinutes",
                                15));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** An e-mail destination and a rule routing every {@code dealscout.deal} alert to it. */
    static String routeDealsByEmail(Tenant shop) {
        Api.Response destination = shop.api()
                .post(
                        "/api/notifications/destinations",
                        body("kind", "email", "name", "deals inbox", "settings", Map.of("to", "deals@example.com")));
        assertThat(destination.status()).as(destination.toString()).isEqualTo(201);
        String id = destination.json().path("id").asString();
        Api.Response rule = shop.api()
                .post(
                        "/api/notifications/rules",
                        body("name", "Deals", "alertTypes", List.of("dealscout.deal"), "destinations", List.of(id)));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        return id;
    }

    void publish(ListingScored scored) {
        transactions.executeWithoutResult(status -> events.publishEvent(scored));
    }

    List<JsonNode> alertsOf(Tenant shop, String watch) {
        Api.Response response = shop.api().get("/api/deals/watches/" + watch + "/alerts");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().valueStream().toList();
    }

    /** The notification ledger's rows for the merchant's deal alerts: one per (alert, destination). */
    List<String> dealDeliveries(Tenant shop) {
        return jdbc.sql("""
                        select d.notice from notification_deliveries d join alerts a on a.id = d.alert_id
                        where d.merchant_id = cast(:m as uuid) and a.type = 'dealscout.deal'
                        order by d.created_at""").param("m", shop.id()).query(String.class).list();
    }

    /** Waits until no event publication about the merchant is outstanding: every listener down the chain is done. */
    void settled(Tenant shop) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from event_publication where completion_date is null"
                                        + " and serialized_event like :m")
                                .param("m", "%" + shop.id() + "%")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    @Test
    void aWatchFiresOnTheFirstScanWhenTheDealAlreadyHoldsAndTheAlertCarriesItsEvidence() {
        Tenant shop = newMerchant("First Scan");
        routeDealsByEmail(shop);
        String scan = scan(shop);
        String watch = create(shop, body("scanId", scan, "minDiscount", 0.2, "name", "XM5 deals"));
        Listing listing = listing(shop, scan, null);

        publish(listing.at("70.00", NOON));

        await().atMost(Duration.ofSeconds(20)).until(() -> dealDeliveries(shop).size() == 1);
        settled(shop);
        List<JsonNode> alerts = alertsOf(shop, watch);
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.getFirst();
        assertThat(alert.path("status").asString()).isEqualTo("sent");
        assertThat(alert.path("totalPrice").decimalValue()).isEqualByComparingTo("70.00");
        assertThat(alert.path("evidence").asString()).isEqualTo("/api/deals/" + listing.observation());
        assertThat(alert.path("comps").asInt()).isEqualTo(24);
        assertThat(alert.path("method").asString()).isEqualTo("ASKING_PRICES");
        String notice = dealDeliveries(shop).getFirst();
        assertThat(notice)
                .contains(listing.listingId())
                .contains("https://www.ebay.com/itm/" + listing.listingId())
                .contains("\"totalPrice\":\"70.00\"")
                .contains("\"marketValue\":\"100.00\"")
                .contains("\"intervalLow\":\"100.00\"")
                .contains("\"intervalHigh\":\"115.00\"")
                .contains("\"comps\":\"24\"")
                .contains("\"method\":\"ASKING_PRICES\"")
                .contains("24 comps, from asking prices")
                .contains("\"discount\":\"0.3000\"")
                .contains("\"score\":\"60\"")
                .contains("/api/deals/" + listing.observation())
                .contains("/api/deals/alerts/" + alert.path("id").asString() + "/feedback");
        JsonNode shown = shop.api().get("/api/deals/watches/" + watch).json();
        assertThat(shown.path("stats").path("alertsSent").asLong()).isEqualTo(1);
        assertThat(shown.path("mode").asString()).isEqualTo("any_deal");
    }

    @Test
    void aPriceJitteringInsideTheBandAlertsOnceAndLeavingItReArmsTheWatch() {
        Tenant shop = newMerchant("Jitter");
        routeDealsByEmail(shop);
        String scan = scan(shop);
        // Any deal at 20 %: the band's edge is the interval's low end 100.00 × 0.8 = 80.00; re-arm above 81.60.
        String watch = create(shop, body("scanId", scan, "minDiscount", 0.2));
        Listing listing = listing(shop, scan, null);
        Instant at = NOON;
        for (String price : List.of("70.00", "72.00", "69.00", "80.00", "81.00", "78.00", "81.50", "79.90")) {
            at = at.plusSeconds(60);
            firing.fire(listing.at(price, at));
        }
        assertThat(alertsOf(shop, watch)).hasSize(1);

        firing.fire(listing.at("90.00", at.plusSeconds(60)));
        firing.fire(listing.at("75.00", at.plusSeconds(120)));
        firing.fire(listing.at("74.00", at.plusSeconds(180)));

        List<JsonNode> alerts = alertsOf(shop, watch);
        assertThat(alerts).extracting(a -> a.path("episode").asInt()).containsExactly(1, 2);
        assertThat(alerts).extracting(a -> a.path("totalPrice").asDouble()).containsExactly(70.0, 75.0);
        await().atMost(Duration.ofSeconds(20)).until(() -> dealDeliveries(shop).size() >= 2);
        settled(shop);
        assertThat(dealDeliveries(shop)).hasSize(2);
    }

    @Test
    void aMarketValueThatMovesUnderAnUnchangedPriceDoesNotAlertTheSameListingAgain() {
        Tenant shop = newMerchant("Moving Band");
        String scan = scan(shop);
        String watch = create(shop, body("scanId", scan, "minDiscount", 0.2));
        Listing listing = listing(shop, scan, null);

        firing.fire(listing.valuedAt("70.00", NOON, "100.00"));
        // The pool's value falls (edge 64.00): 70.00 is out of the band by far more than the margin...
        firing.fire(listing.valuedAt("70.00", NOON.plusSeconds(60), "80.00"));
        // ...and rises again: the same listing at the same price the merchant was already told about.
        firing.fire(listing.valuedAt("70.00", NOON.plusSeconds(120), "100.00"));
        assertThat(alertsOf(shop, watch)).hasSize(1);

        // A real move of the price out of the band and back re-arms and alerts, as the jitter test shows.
        firing.fire(listing.valuedAt("90.00", NOON.plusSeconds(180), "100.00"));
        firing.fire(listing.valuedAt("70.00", NOON.plusSeconds(240), "100.00"));
        assertThat(alertsOf(shop, watch))
                .extracting(a -> a.path("episode").asInt())
                .containsExactly(1, 2);
    }

    @Test
    void aLateRedeliveryOfAnOlderScoreDoesNotUndoANewerOne() {
        Tenant shop = newMerchant("Late");
        String scan = scan(shop);
        String watch = create(shop, body("scanId", scan));
        Listing listing = listing(shop, scan, null);
        ListingScored early = listing.at("95.00", NOON);
        firing.fire(listing.at("70.00", NOON.plusSeconds(60)));
        // The out-of-band score from before the deal arrives late: it must not re-arm the listing.
        firing.fire(early);
        firing.fire(listing.at("71.00", NOON.plusSeconds(120)));
        assertThat(alertsOf(shop, watch)).hasSize(1);
    }

    @Test
    void duplicatedAndConcurrentIdenticalScoresMakeOneAlertAndOneDelivery() throws Exception {
        Tenant shop = newMerchant("Duplicates");
        routeDealsByEmail(shop);
        String scan = scan(shop);
        String watch = create(shop, body("scanId", scan));
        Listing listing = listing(shop, scan, null);
        ListingScored scored = listing.at("70.00", NOON);

        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<CompletableFuture<Integer>> racing = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception interrupted) {
                    throw new IllegalStateException(interrupted);
                }
                return firing.fire(scored);
            }));
        }
        int fired = racing.stream().mapToInt(CompletableFuture::join).sum();
        publish(scored);
        publish(scored);

        await().atMost(Duration.ofSeconds(20)).until(() -> dealDeliveries(shop).size() >= 1);
        settled(shop);
        assertThat(fired).isEqualTo(1);
        assertThat(alertsOf(shop, watch)).hasSize(1);
        assertThat(dealDeliveries(shop)).hasSize(1);
        assertThat(jdbc.sql(
                                "select count(*) from alerts where merchant_id = cast(:m as uuid) and type = 'dealscout.deal'")
                        .param("m", shop.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aTooGoodListingIsNeverAlertedButListedToCheck() {
        Tenant shop = newMerchant("Too Good");
        routeDealsByEmail(shop);
        String scan = scan(shop);
        String anyDeal = create(shop, body("scanId", scan));
        String target = create(shop, body("scanId", scan, "targetPrice", 50, "currency", "USD"));
        Listing scam = listing(shop, scan, null);

        publish(scam.scored("15.00", NOON, Verdict.TOO_GOOD));
        firing.fire(scam.scored("14.00", NOON.plusSeconds(60), Verdict.TOO_GOOD));
        settled(shop);

        assertThat(alertsOf(shop, anyDeal)).isEmpty();
        assertThat(alertsOf(shop, target)).isEmpty();
        assertThat(dealDeliveries(shop)).isEmpty();
        JsonNode check =
                shop.api().get("/api/deals/watches/" + target + "/too-good").json();
        assertThat(check).hasSize(1);
        assertThat(check.get(0).path("totalPrice").decimalValue()).isEqualByComparingTo("14.00");
        assertThat(check.get(0).path("evidence").asString()).isEqualTo("/api/deals/" + scam.observation());
    }

    @Test
    void aProductWatchWithATargetPriceMatchesItsGtinAndModelKeysOnly() {
        Tenant shop = newMerchant("Products");
        String gtinWatch = create(shop, body("gtin", "4548736132610", "targetPrice", 260, "currency", "usd"));
        JsonNode shown = shop.api().get("/api/deals/watches/" + gtinWatch).json();
        assertThat(shown.path("product").path("key").asString()).isEqualTo("04548736132610");
        assertThat(shown.path("mode").asString()).isEqualTo("target_price");
        String modelWatch = create(shop, body("brand", "Sony", "model", "WH-1000XM5", "minDiscount", 0.1));
        String modelKey = shop.api()
                .get("/api/deals/watches/" + modelWatch)
                .json()
                .path("product")
                .path("key")
                .asString();

        firing.fire(listing(shop, null, "gtin:04548736132610").at("250.00", NOON));
        firing.fire(listing(shop, null, "gtin:04548736132610").at("270.00", NOON));
        firing.fire(listing(shop, null, "gtin:00000000000017").at("10.00", NOON));
        firing.fire(listing(shop, null, modelKey).at("80.00", NOON));
        firing.fire(listing(shop, null, "model:" + modelKey).at("84.00", NOON));

        assertThat(alertsOf(shop, gtinWatch))
                .extracting(a -> a.path("totalPrice").asDouble())
                .containsExactly(250.0);
        assertThat(alertsOf(shop, modelWatch)).hasSize(2);
    }

    @Test
    void theDailyCapHoldsDealsBackAndTheNextDayDigestsThemOnce() {
        Tenant shop = newMerchant("Capped");
        routeDealsByEmail(shop);
        String scan = scan(shop);
        String watch = create(shop, body("scanId", scan, "dailyCap", 2));
        for (int i = 0; i < 4; i++) {
            firing.fire(listing(shop, scan, null).at("7" + i + ".00", NOON.plusSeconds(i)));
        }
        List<JsonNode> alerts = alertsOf(shop, watch);
        assertThat(alerts).extracting(a -> a.path("status").asString()).containsExactly("sent", "sent", "held", "held");
        assertThat(digests.pass(NOON.plusSeconds(3600)))
                .as("the day is not over")
                .isZero();

        assertThat(digests.pass(Instant.parse("2030-03-11T00:01:00Z"))).isEqualTo(1);
        assertThat(digests.pass(Instant.parse("2030-03-11T00:02:00Z"))).isZero();

        assertThat(alertsOf(shop, watch))
                .extracting(a -> a.path("status").asString())
                .containsExactly("sent", "sent", "digested", "digested");
        await().atMost(Duration.ofSeconds(20)).until(() -> dealDeliveries(shop).size() >= 3);
        settled(shop);
        List<String> deliveries = dealDeliveries(shop);
        assertThat(deliveries).hasSize(3);
        // The two deals and the digest are delivered by asynchronous listeners: their order in the ledger is not fixed.
        assertThat(deliveries.stream().filter(notice -> notice.contains("Deal digest")))
                .singleElement()
                .asString()
                .contains("\"count\":\"2\"");
        assertThat(deliveries.stream().filter(notice -> !notice.contains("Deal digest")))
                .hasSize(2);
        JsonNode stats = shop.api().get("/api/deals/watches/" + watch).json().path("stats");
        assertThat(stats.path("alertsSent").asLong()).isEqualTo(2);
        assertThat(stats.path("heldByCap").asLong()).isEqualTo(2);
    }

    @Test
    void theDailyCapCountsTheWatchsOwnDaysAndTheDigestWaitsForItsMidnight() {
        Tenant shop = newMerchant("Auckland");
        String scan = scan(shop);
        // Auckland is UTC+13 in March: 10:30Z is 23:30 on the 10th there, 11:30Z already 00:30 on the 11th.
        String watch = create(shop, body("scanId", scan, "dailyCap", 1, "timeZone", "Pacific/Auckland"));
        assertThat(shop.api()
                        .get("/api/deals/watches/" + watch)
                        .json()
                        .path("timeZone")
                        .asString())
                .isEqualTo("Pacific/Auckland");

        firing.fire(listing(shop, scan, null).at("70.00", Instant.parse("2030-03-10T10:30:00Z")));
        firing.fire(listing(shop, scan, null).at("71.00", Instant.parse("2030-03-10T11:30:00Z")));
        firing.fire(listing(shop, scan, null).at("72.00", Instant.parse("2030-03-10T11:40:00Z")));

        assertThat(alertsOf(shop, watch))
                .extracting(a -> a.path("status").asString())
                .as("one a day in Auckland: the 10th's, then the 11th's, the third held")
                .containsExactly("sent", "sent", "held");
        // 2030-03-11T09:00Z is 22:00 on the 11th in Auckland: its day is not over, though UTC's 10th is.
        digests.pass(Instant.parse("2030-03-11T09:00:00Z"));
        assertThat(alertsOf(shop, watch))
                .extracting(a -> a.path("status").asString())
                .contains("held");
        digests.pass(Instant.parse("2030-03-11T11:01:00Z"));
        assertThat(alertsOf(shop, watch))
                .extracting(a -> a.path("status").asString())
                .containsExactly("sent", "sent", "digested");
    }

    @Test
    void feedbackIsOnePerAlertChangeableAndMakesTheWatchsPrecision() {
        Tenant shop = newMerchant("Feedback");
        Tenant other = newMerchant("Feedback Other");
        String scan = scan(shop);
        String watch = create(shop, body("scanId", scan));
        for (int i = 0; i < 3; i++) {
            firing.fire(listing(shop, scan, null).at("7" + i + ".00", NOON.plusSeconds(i)));
        }
        List<String> ids =
                alertsOf(shop, watch).stream().map(a -> a.path("id").asString()).toList();
        JsonNode before = shop.api().get("/api/deals/watches/" + watch).json().path("stats");
        assertThat(before.path("precision").isNull()).isTrue();

        assertThat(feedback(shop, ids.get(0), "good_deal").status()).isEqualTo(200);
        assertThat(feedback(shop, ids.get(1), "good_deal").status()).isEqualTo(200);
        assertThat(feedback(shop, ids.get(2), "wrong_item").status()).isEqualTo(200);
        Api.Response changed = feedback(shop, ids.get(1), "not_a_deal");
        assertThat(changed.json().path("feedback").asString()).isEqualTo("not_a_deal");

        JsonNode stats = shop.api().get("/api/deals/watches/" + watch).json().path("stats");
        assertThat(stats.path("feedback").path("good_deal").asLong()).isEqualTo(1);
        assertThat(stats.path("feedback").path("not_a_deal").asLong()).isEqualTo(1);
        assertThat(stats.path("feedback").path("wrong_item").asLong()).isEqualTo(1);
        assertThat(stats.path("rated").asLong()).isEqualTo(3);
        assertThat(stats.path("precision").asDouble()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));

        Api.Response unknown = feedback(shop, ids.get(0), "great");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("type").asString()).isEqualTo("urn:mercator:problem:validation-failed");
        Api.Response foreign = feedback(other, ids.get(0), "not_a_deal");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(feedback(shop, UUID.randomUUID().toString(), "good_deal").status())
                .isEqualTo(404);
        assertThat(shop.api()
                        .get("/api/deals/alerts/" + ids.get(0))
                        .json()
                        .path("feedback")
                        .asString())
                .isEqualTo("good_deal");
    }

    static Api.Response feedback(Tenant shop, String alert, String verdict) {
        return shop.api().post("/api/deals/alerts/" + alert + "/feedback", Map.of("verdict", verdict));
    }

    @Test
    void aMerchantNeverSeesTouchesOrFiresAnotherMerchantsWatches() {
        Tenant owner = newMerchant("Watch Owner");
        Tenant other = newMerchant("Watch Other");
        String scan = scan(owner);
        String watch = create(owner, body("scanId", scan, "name", "mine"));
        String product = create(owner, body("keywords", "used sony wh-1000xm5 headphones"));
        firing.fire(listing(owner, scan, null).at("70.00", NOON));
        String alert = alertsOf(owner, watch).getFirst().path("id").asString();

        for (String path : List.of(
                "/api/deals/watches/" + watch,
                "/api/deals/watches/" + watch + "/alerts",
                "/api/deals/watches/" + watch + "/too-good",
                "/api/deals/alerts/" + alert)) {
            Api.Response response = other.api().get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        }
        assertThat(other.api().get("/api/deals/watches").json()).isEmpty();
        Api.Response patched = other.api()
                .send(
                        "PATCH",
                        "/api/deals/watches/" + watch,
                        "application/merge-patch+json",
                        "{\"name\":\"x\"}".getBytes());
        assertThat(patched.status()).isEqualTo(404);
        assertThat(other.api().delete("/api/deals/watches/" + watch).status()).isEqualTo(404);
        // A watch on another merchant's scan: as if the scan did not exist.
        Api.Response foreignScan = other.api().post("/api/deals/watches", body("scanId", scan));
        assertThat(foreignScan.status()).as(foreignScan.toString()).isEqualTo(404);
        assertThat(foreignScan.contentType()).startsWith("application/problem+json");
        // The other merchant's listing of the same product and from the same scan id fires nothing of the owner's.
        String key = owner.api()
                .get("/api/deals/watches/" + product)
                .json()
                .path("product")
                .path("key")
                .asString();
        Listing foreign = new Listing(
                new MerchantId(UUID.fromString(other.id())), UUID.randomUUID(), UUID.fromString(scan), "v1|9|0", key);
        assertThat(firing.fire(foreign.at("50.00", NOON))).isZero();
        assertThat(alertsOf(owner, product)).isEmpty();
        assertThat(owner.api()
                        .get("/api/deals/watches/" + watch)
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("mine");
    }

    @Test
    void badWatchesAreRefusedWithProblemsAndNothingIsStored() {
        Tenant shop = newMerchant("Bad Watches");
        String scan = scan(shop);
        Map<Map<String, Object>, String> bad = new LinkedHashMap<>();
        bad.put(body("scanId", scan, "gtin", "4548736132610"), "scanId");
        bad.put(body("minDiscount", 0.2), "scanId");
        bad.put(body("scanId", scan, "targetPrice", 0, "currency", "USD"), "targetPrice");
        bad.put(body("scanId", scan, "targetPrice", -5, "currency", "USD"), "targetPrice");
        bad.put(body("scanId", scan, "targetPrice", 50), "currency");
        bad.put(body("scanId", scan, "minDiscount", 0), "minDiscount");
        bad.put(body("scanId", scan, "minDiscount", 1), "minDiscount");
        bad.put(body("scanId", scan, "minDiscount", 1.5), "minDiscount");
        bad.put(body("scanId", scan, "targetPrice", 50, "currency", "USD", "minDiscount", 0.2), "minDiscount");
        bad.put(body("gtin", "123"), "gtin");
        bad.put(body("keywords", "used mint"), "keywords");
        bad.put(body("scanId", "not-a-uuid"), "scanId");
        bad.put(body("scanId", scan, "dailyCap", 0), "dailyCap");
        bad.put(body("scanId", scan, "timeZone", "Mars/Olympus_Mons"), "timeZone");
        bad.put(body("scanId", scan, "colour", "red"), "colour");
        bad.forEach((request, field) -> {
            Api.Response response = shop.api().post("/api/deals/watches", request);
            assertThat(response.status()).as(request + " → " + response).isEqualTo(400);
            assertThat(response.json().path("type").asString()).isEqualTo("urn:mercator:problem:validation-failed");
            assertThat(response.json()
                            .path("errors")
                            .valueStream()
                            .map(e -> e.path("field").asString()))
                    .as(request.toString())
                    .contains(field);
        });
        Api.Response unknownScan = shop.api()
                .post("/api/deals/watches", body("scanId", UUID.randomUUID().toString()));
        assertThat(unknownScan.status()).isEqualTo(404);
        assertThat(shop.api().get("/api/deals/watches").json()).isEmpty();

        for (int i = 0; i < 5; i++) {
            create(shop, body("scanId", scan));
        }
        Api.Response sixth = shop.api().post("/api/deals/watches", body("scanId", scan));
        assertThat(sixth.status()).isEqualTo(409);
        assertThat(sixth.json().path("limit").asInt()).isEqualTo(5);
        assertThat(shop.api().get("/api/deals/watches").json()).hasSize(5);
    }

    @Test
    void aWatchIsChangedByMergePatchAndDeleted() {
        Tenant shop = newMerchant("Patch");
        String scan = scan(shop);
        String watch = create(shop, body("scanId", scan));
        JsonNode created = shop.api().get("/api/deals/watches/" + watch).json();
        assertThat(created.path("minDiscount").asDouble()).isEqualTo(0.15);

        Api.Response patched = shop.api()
                .send(
                        "PATCH",
                        "/api/deals/watches/" + watch,
                        "application/merge-patch+json",
                        "{\"targetPrice\": 60, \"currency\": \"USD\", \"active\": false}".getBytes());
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("mode").asString()).isEqualTo("target_price");
        assertThat(patched.json().path("active").asBoolean()).isFalse();
        // An inactive watch fires nothing.
        assertThat(firing.fire(listing(shop, scan, null).at("50.00", NOON))).isZero();

        Api.Response invalid = shop.api()
                .send(
                        "PATCH",
                        "/api/deals/watches/" + watch,
                        "application/merge-patch+json",
                        "{\"targetPrice\": -1}".getBytes());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(shop.api()
                        .get("/api/deals/watches/" + watch)
                        .json()
                        .path("targetPrice")
                        .decimalValue())
                .isEqualByComparingTo("60");

        assertThat(shop.api().delete("/api/deals/watches/" + watch).status()).isEqualTo(204);
        assertThat(shop.api().get("/api/deals/watches/" + watch).status()).isEqualTo(404);
    }
}
