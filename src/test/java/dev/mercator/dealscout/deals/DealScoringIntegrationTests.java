package dev.mercator.dealscout.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.dealscout.ListingScored;
import dev.mercator.dealscout.scan.ScanFixture;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;

/**
 * The scoring pipeline end to end: listings submitted over HTTP (and scanned from the eBay simulator where the scan
 * path matters) become comps, are scored after the observation commits, and show in the deal search and with their
 * evidence; price changes rescore once; a rebuild reproduces the pools; an erased eBay seller leaves pools and search.
 */
@Import(DealScoringIntegrationTests.Published.class)
class DealScoringIntegrationTests extends IntegrationTest {

    static final String HEADPHONES = "Sony WH-1000XM5 Wireless Noise Cancelling Headphones Black";

    /** Every ListingScored that committed, in order. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Published {
        private final List<ListingScored> scored = new CopyOnWriteArrayList<>();

        List<ListingScored> scored() {
            return scored;
        }

        @TransactionalEventListener
        void on(ListingScored event) {
            scored.add(event);
        }
    }

    @Autowired
    Published published;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MerchantPools pools;

    @Autowired
    ApplicationContext context;

    @Autowired
    Clock clock;

    ScanFixture scans;

    @BeforeEach
    void fixture() {
        scans = new ScanFixture(context);
    }

    /** Submits a listing seen on a shop without an API and returns its observation id. */
    static UUID submit(Tenant tenant, String path, String title, String price, String condition) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", "https://shop.example/" + path);
        body.put("title", title);
        body.put("price", price);
        body.put("currency", "USD");
        body.put("conditionId", condition);
        body.put("categoryId", "112529");
        var created = tenant.api().post("/api/deals/observations", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().path("id").asString());
    }

    /** Comps from 85 to 115, evenly spread: a market around 100 with a robust spread of about 13. */
    static void market(Tenant tenant, String prefix, String title, String condition, int count) {
        for (int i = 0; i < count; i++) {
            submit(
                    tenant,
                    prefix + "-" + i,
                    title,
                    Integer.toString(85 + (i * 30 / Math.max(1, count - 1))),
                    condition);
        }
    }

    /** Waits until every observation event of the merchant has been through the pipeline. */
    void settled(Tenant tenant) {
        String query = "select count(*) from event_publication where listener_id like '%DealPipeline%'"
                + " and serialized_event like :merchant and completion_date is null";
        assertThat(Eventually.holds(
                        Duration.ofSeconds(30),
                        Duration.ofMillis(50),
                        () -> jdbc.sql(query)
                                        .param("merchant", "%" + tenant.id() + "%")
                                        .query(Long.class)
                                        .single()
                                == 0))
                .isTrue();
    }

    JsonNode deal(Tenant tenant, UUID id) {
        var response = tenant.api().get("/api/deals/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    long publishedFor(UUID observation) {
        return published.scored().stream()
                .filter(event -> event.observationId().equals(observation))
                .count();
    }

    @Test
    void aListingBelowTheIntervalIsADealWithItsEvidenceAndAFarTooCheapOneIsTooGood() {
        Tenant shop = newMerchant("Deal Hunter");
        market(shop, "hp", HEADPHONES, "3000", 14);
        UUID deal = submit(shop, "hp-deal", HEADPHONES, "70", "3000");
        UUID tooGood = submit(shop, "hp-scam", HEADPHONES, "10", "3000");
        settled(shop);

        JsonNode evidence = deal(shop, deal);
        assertThat(evidence.path("verdict").asString()).isEqualTo("DEAL");
        assertThat(evidence.path("score").asInt()).isPositive();
        assertThat(evidence.path("discount").asDouble()).isGreaterThan(0.15);
        JsonNode valuation = evidence.path("valuation");
        assertThat(valuation.path("method").asString()).isEqualTo("ASKING_PRICES");
        assertThat(valuation.path("thin").asBoolean()).isFalse();
        assertThat(valuation.path("borrowedFrom").isNull()).isTrue();
        assertThat(valuation.path("intervalLow").decimalValue()).isGreaterThan(new java.math.BigDecimal("70"));
        assertThat(valuation.path("median").asDouble()).isBetween(90.0, 110.0);
        assertThat(valuation.path("coverage").asDouble()).isGreaterThanOrEqualTo(0.95);
        int n = valuation.path("n").asInt();
        // The far-too-cheap listing is an outlier in its own pool; the rest (the deal included) are the comps.
        assertThat(n).isEqualTo(15);
        assertThat(valuation.path("effectiveN").asDouble()).isGreaterThan(12);
        assertThat(valuation.path("window").path("oldest").isNull()).isFalse();
        assertThat(evidence.path("comps")).hasSize(n);
        JsonNode comp = evidence.path("comps").path(0);
        assertThat(comp.path("url").asString()).startsWith("https://shop.example/hp");
        assertThat(comp.path("kind").asString()).isEqualTo("asking");
        assertThat(comp.path("totalPrice").asDouble()).isPositive();
        assertThat(evidence.path("components")
                        .valueStream()
                        .map(c -> c.path("name").asString()))
                .contains("discount", "confidence", "evidence");
        assertThat(evidence.path("netMargins")).hasSize(3);
        assertThat(evidence.path("priceHistory")).hasSize(1);

        JsonNode scam = deal(shop, tooGood);
        assertThat(scam.path("verdict").asString()).isEqualTo("TOO_GOOD");
        assertThat(scam.path("verdictLabel").asString()).isEqualTo("too good: check title, condition, seller");
        assertThat(scam.path("robustZ").asDouble()).isLessThan(-5);

        JsonNode deals = shop.api().get("/api/deals/search?verdict=deal").json();
        assertThat(deals.path("items").valueStream().map(item -> item.path("id").asString()))
                .containsExactly(deal.toString());
        JsonNode all = shop.api().get("/api/deals/search?q=wh-1000xm5&size=100").json();
        assertThat(all.path("total").asLong()).isEqualTo(16);
        List<Integer> scores = all.path("items")
                .valueStream()
                .map(item -> item.path("score").asInt())
                .toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        JsonNode first = shop.api().get("/api/deals/search?minScore=1").json().path("items");
        assertThat(first.valueStream().map(item -> item.path("score").asInt())).allMatch(score -> score >= 1);
        assertThat(first.path(0).path("marketValue").isNull()).isFalse();
        assertThat(first.path(0).path("url").asString()).startsWith("https://shop.example/");
    }

    @Test
    void aThinPoolIsLabelledABorrowedValueSaysSoAndTooFewCompsHaveNoValuation() {
        Tenant shop = newMerchant("Thin Markets");
        market(shop, "thin", "Nintendo Switch OLED Console White HEG-001", "1000", 7);
        UUID thin = submit(shop, "thin-x", "Nintendo Switch OLED Console White HEG-001", "99", "1000");
        // Plenty of used grade 3000, one of grade 4000: the 4000 borrows from the used family.
        market(shop, "used", "Canon EOS R6 Mark II Body", "3000", 14);
        UUID borrowed = submit(shop, "used-x", "Canon EOS R6 Mark II Body", "100", "4000");
        market(shop, "few", "Garmin Forerunner 965 Watch", "1000", 3);
        UUID few = submit(shop, "few-x", "Garmin Forerunner 965 Watch", "90", "1000");
        settled(shop);

        JsonNode thinView = deal(shop, thin);
        assertThat(thinView.path("valuation").path("thin").asBoolean()).isTrue();
        assertThat(thinView.path("valuation").path("labels").valueStream().map(JsonNode::asString))
                .contains("thin");
        JsonNode borrowedView = deal(shop, borrowed);
        assertThat(borrowedView.path("valuation").path("borrowedFrom").asString())
                .contains("family:used");
        assertThat(borrowedView.path("valuation").path("labels").valueStream().map(JsonNode::asString))
                .anyMatch(label -> label.startsWith("borrowed from"));
        JsonNode fewView = deal(shop, few);
        assertThat(fewView.path("verdict").asString()).isEqualTo("NO_VALUATION");
        assertThat(fewView.path("valuation").isNull()).isTrue();
        assertThat(fewView.path("score").asInt()).isZero();
    }

    @Test
    void aPriceChangeRescoresAndPublishesOnceAndTheSamePriceAgainPublishesNothing() {
        Tenant shop = newMerchant("Price Cutter");
        market(shop, "cut", HEADPHONES, "3000", 14);
        UUID listing = submit(shop, "cut-x", HEADPHONES, "100", "3000");
        settled(shop);
        assertThat(deal(shop, listing).path("verdict").asString()).isEqualTo("NOT_A_DEAL");
        long before = publishedFor(listing);
        assertThat(before).isPositive();

        submit(shop, "cut-x", HEADPHONES, "72", "3000");
        settled(shop);

        JsonNode after = deal(shop, listing);
        assertThat(after.path("verdict").asString()).isEqualTo("DEAL");
        assertThat(after.path("totalPrice").asDouble()).isEqualTo(72.0);
        assertThat(after.path("priceHistory")).hasSize(2);
        assertThat(publishedFor(listing)).isEqualTo(before + 1);
        ListingScored last = published.scored().stream()
                .filter(event -> event.observationId().equals(listing))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.verdict()).isEqualTo(ListingScored.Verdict.DEAL);
        assertThat(last.title()).isEqualTo(HEADPHONES);
        assertThat(last.url()).isEqualTo("https://shop.example/cut-x");
        assertThat(last.marketValue()).isNotNull();
        assertThat(last.intervalLow()).isNotNull();
        assertThat(last.productKey()).isNotNull();

        // The same price again: no price change, no event, no rescore.
        submit(shop, "cut-x", HEADPHONES, "72", "3000");
        settled(shop);
        assertThat(publishedFor(listing)).isEqualTo(before + 1);
    }

    @Test
    void aRebuildFromTheStoreReproducesThePoolsTheEventsBuilt() {
        Tenant shop = newMerchant("Restarter");
        market(shop, "rb", HEADPHONES, "3000", 9);
        market(shop, "rb2", "Canon EOS R6 Mark II Body", "3000", 6);
        submit(shop, "rb-x", HEADPHONES, "120", "3000");
        settled(shop);
        MerchantId merchant = MerchantId.of(shop.id());
        Map<String, Integer> live = pools.of(merchant).sizes();
        var facts = new dev.mercator.dealscout.valuation.ItemFacts("112529", null, null, null, HEADPHONES, 3000, "USD");
        var liveValue = pools.of(merchant).valuation().value(facts);
        assertThat(live).isNotEmpty();

        pools.evict(merchant);
        MerchantPools.Pools rebuilt = pools.of(merchant);

        assertThat(rebuilt.sizes()).isEqualTo(live);
        var rebuiltValue = rebuilt.valuation().value(facts);
        assertThat(rebuiltValue).isInstanceOf(dev.mercator.dealscout.valuation.MarketValue.class);
        var a = (dev.mercator.dealscout.valuation.MarketValue) liveValue;
        var b = (dev.mercator.dealscout.valuation.MarketValue) rebuiltValue;
        assertThat(b.median()).isEqualTo(a.median());
        assertThat(b.low()).isEqualTo(a.low());
        assertThat(b.high()).isEqualTo(a.high());
        assertThat(b.n()).isEqualTo(a.n());
        assertThat(b.compIds()).containsExactlyInAnyOrderElementsOf(a.compIds());
    }

    @Test
    void theFirstScanScoresADealThatIsThereAtFirstSight() {
        // What the simulator lists for "cable", learnt by another merchant's scan.
        Tenant scout = newMerchant("Catalogue Reader");
        UUID scoutScan = newScan(scout, "cable");
        scans.run(MerchantId.of(scout.id()), scoutScan);
        record Seen(String title, double price) {}
        Seen seen = jdbc.sql("select title, price from dealscout_observations where merchant_id = :m"
                        + " order by price desc limit 1")
                .param("m", UUID.fromString(scout.id()))
                .query((rs, row) -> new Seen(rs.getString("title"), rs.getDouble("price")))
                .single();
        // The buyer already knows this product's market (no category: the simulator gives none either).
        Tenant buyer = newMerchant("First Sight");
        for (int i = 0; i < 14; i++) {
            Map<String, Object> body = new HashMap<>();
            body.put("url", "https://shop.example/cable-" + i);
            body.put("title", seen.title());
            body.put("price", String.format(java.util.Locale.ROOT, "%.2f", seen.price() * (1.3 + i * 0.03)));
            body.put("currency", "USD");
            body.put("conditionId", "1000");
            assertThat(buyer.api().post("/api/deals/observations", body).status())
                    .isEqualTo(201);
        }
        settled(buyer);
        UUID scan = newScan(buyer, "cable");

        scans.run(MerchantId.of(buyer.id()), scan);
        settled(buyer);

        JsonNode found = buyer.api()
                .get("/api/deals/search?verdict=deal&scan=" + scan)
                .json()
                .path("items");
        assertThat(found.valueStream().map(item -> item.path("title").asString()))
                .contains(seen.title());
        assertThat(found.path(0).path("marketplace").asString()).isEqualTo("ebay");
        assertThat(found.path(0).path("url").asString()).startsWith("https://www.ebay.com/itm/");
        UUID id = UUID.fromString(found.path(0).path("id").asString());
        assertThat(published.scored().stream().filter(e -> e.observationId().equals(id)))
                .anyMatch(e -> e.verdict() == ListingScored.Verdict.DEAL && scan.equals(e.scanId()));
    }

    @Test
    void anErasedEbaySellerLeavesThePoolsAndTheSearch() {
        Tenant shop = newMerchant("Erasure");
        UUID scan = newScan(shop, "erase-" + UUID.randomUUID());
        MerchantId merchant = MerchantId.of(shop.id());
        List<ScanFixture.EbayListing> market = new java.util.ArrayList<>();
        for (int i = 0; i < 14; i++) {
            market.add(new ScanFixture.EbayListing(
                    "v1|e" + i + "|0", HEADPHONES, "3000", Integer.toString(80 + i * 3), "seller-" + i));
        }
        market.add(new ScanFixture.EbayListing("v1|gone|0", HEADPHONES, "3000", "70", "gone-seller"));
        scans.recordEbay(merchant, scan, market, clock.instant());
        settled(shop);
        UUID gone = jdbc.sql(
                        "select id from dealscout_observations where merchant_id = :m and listing_id = 'v1|gone|0'")
                .param("m", merchant.value())
                .query(UUID.class)
                .single();
        assertThat(pools.of(merchant).holds(gone)).isTrue();
        UUID other = jdbc.sql("select id from dealscout_observations where merchant_id = :m and listing_id = 'v1|e5|0'")
                .param("m", merchant.value())
                .query(UUID.class)
                .single();
        assertThat(deal(shop, other)
                        .path("comps")
                        .valueStream()
                        .map(c -> c.path("observationId").asString()))
                .contains(gone.toString());

        context.getBean(dev.mercator.dealscout.scan.Observations.class).eraseEbaySeller("gone-seller");
        assertThat(Eventually.holds(
                        Duration.ofSeconds(30),
                        Duration.ofMillis(50),
                        () -> !pools.of(merchant).holds(gone)))
                .isTrue();
        settled(shop);

        assertThat(shop.api().get("/api/deals/" + gone).status()).isEqualTo(404);
        assertThat(shop.api()
                        .get("/api/deals/search?size=100")
                        .json()
                        .path("items")
                        .valueStream()
                        .map(item -> item.path("id").asString()))
                .doesNotContain(gone.toString())
                .contains(other.toString());
        assertThat(deal(shop, other)
                        .path("comps")
                        .valueStream()
                        .map(c -> c.path("observationId").asString()))
                .doesNotContain(gone.toString());
        assertThat(pools.of(merchant).sizes().values()).allMatch(size -> size == 14);
    }

    @Test
    void listingsThatVanishQuicklyBecomeSaleEvidenceAndTheValueSaysSo() {
        Tenant shop = newMerchant("Survival");
        UUID scan = newScan(shop, "vanish-" + UUID.randomUUID());
        MerchantId merchant = MerchantId.of(shop.id());
        List<ScanFixture.EbayListing> market = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            market.add(new ScanFixture.EbayListing(
                    "v1|s" + i + "|0", HEADPHONES, "3000", Integer.toString(90 + i * 2), "seller-" + i));
        }
        ScanFixture.EbayListing stays = new ScanFixture.EbayListing("v1|stay|0", HEADPHONES, "3000", "99", "stayer");
        market.add(stays);
        java.time.Instant seen = clock.instant();
        scans.recordEbay(merchant, scan, market, true, seen);
        settled(shop);
        UUID stayer = jdbc.sql(
                        "select id from dealscout_observations where merchant_id = :m and listing_id = 'v1|stay|0'")
                .param("m", merchant.value())
                .query(UUID.class)
                .single();
        assertThat(deal(shop, stayer).path("valuation").path("method").asString())
                .isEqualTo("ASKING_PRICES");

        // A day later a complete run finds only one: the other eight sold within the week.
        scans.recordEbay(merchant, scan, List.of(stays), true, seen.plus(Duration.ofDays(1)));
        settled(shop);

        JsonNode evidence = deal(shop, stayer);
        assertThat(evidence.path("valuation").path("method").asString()).isEqualTo("SALE_EVIDENCE");
        assertThat(evidence.path("valuation").path("labels").valueStream().map(JsonNode::asString))
                .contains("sale evidence");
        // Rescored when the method switched (at five sales); later sales that moved the value less than the rescore
        // threshold did not rescore it, so n is what it was scored on: at least five, at most the eight.
        int n = evidence.path("valuation").path("n").asInt();
        assertThat(n).isBetween(5, 8);
        assertThat(evidence.path("comps").valueStream().map(c -> c.path("kind").asString()))
                .hasSize(n)
                .allMatch("vanished_quickly"::equals);
    }

    @Test
    void anotherMerchantsListingIsNotFoundAndBadParametersAreProblems() {
        Tenant owner = newMerchant("Owner");
        market(owner, "own", HEADPHONES, "3000", 6);
        UUID listing = submit(owner, "own-x", HEADPHONES, "75", "3000");
        settled(owner);
        Tenant stranger = newMerchant("Stranger");

        var foreign = stranger.api().get("/api/deals/" + listing);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.header("Content-Type")).contains("application/problem+json");
        assertThat(stranger.api()
                        .get("/api/deals/search?size=100")
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        assertThat(stranger.api().get("/api/deals/search?q=wh-1000xm5").json().path("items"))
                .isEmpty();
        assertThat(stranger.api().get("/api/deals/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(owner.api().get("/api/deals/" + listing).status()).isEqualTo(200);

        for (String bad : List.of("minScore=101", "minScore=-1", "verdict=bargain", "size=100000", "page=-1")) {
            var response = owner.api().get("/api/deals/search?" + bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(bad).contains("application/problem+json");
        }
        assertThat(owner.api().get("/api/deals/search?verdict=too_good").status())
                .isEqualTo(200);
        assertThat(api.get("/api/deals/search").status()).isEqualTo(401);
    }

    UUID newScan(Tenant tenant, String keywords) {
        JsonNode created = tenant.api()
                .post(
                        "/api/deals/scans",
                        Map.of("keywords", keywords, "conditionIds", List.of("1000"), "maxPrice", 5000))
                .json();
        return UUID.fromString(created.path("id").asString());
    }
}
