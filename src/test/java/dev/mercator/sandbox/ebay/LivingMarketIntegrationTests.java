package dev.mercator.sandbox.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The eBay simulator's living market over raw HTTP: deterministic from its seed, prices log-normal around the hidden
 * true value, vanishing faster the cheaper a listing is, planted deals and scams in their configured shares, the
 * ground truth, the Browse search's parameters over it, and one app's market invisible to another.
 */
class LivingMarketIntegrationTests extends IntegrationTest {

    private static final String BASE = "/sandbox/ebay";
    private static final String SCOPE = "https://api.ebay.com/oauth/api_scope";

    @Test
    void theSameSeedMakesTheSameMarketAndAnotherSeedAnother() {
        List<String> first = fingerprint(market(Map.of("seed", 7, "productCount", 4), "P2D"));
        List<String> second = fingerprint(market(Map.of("seed", 7, "productCount", 4), "P2D"));
        List<String> other = fingerprint(market(Map.of("seed", 8, "productCount", 4), "P2D"));

        assertThat(first).hasSizeGreaterThan(50).isEqualTo(second);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void fairListingsArePricedLogNormallyAroundTheTrueValue() {
        JsonNode truth = truth(market(
                Map.of("seed", 11, "productCount", 6, "priceSpread", 0.1, "cutPerDay", 0, "auctionShare", 0), "P3D"));
        List<Double> logs = new ArrayList<>();
        for (JsonNode l : truth.path("listings")) {
            if (l.path("kind").asString().equals("NORMAL")) {
                double total = new BigDecimal(l.path("initialPrice").asString())
                        .add(new BigDecimal(l.path("shipping").asString()))
                        .doubleValue();
                logs.add(Math.log(total / l.path("trueValue").asDouble()));
            }
        }
        double mean = logs.stream().mapToDouble(d -> d).average().orElseThrow();
        double sd = Math.sqrt(
                logs.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / (logs.size() - 1));

        assertThat(logs).hasSizeGreaterThan(200);
        assertThat(mean).isBetween(-0.03, 0.03);
        assertThat(sd).isBetween(0.08, 0.12);
    }

    @Test
    void cheapListingsVanishFasterThanDearOnes() {
        JsonNode truth = truth(market(
                Map.of(
                        "seed",
                        12,
                        "productCount",
                        8,
                        "priceSpread",
                        0.25,
                        "cutPerDay",
                        0,
                        "auctionShare",
                        0,
                        "vanishPerDay",
                        0.2),
                "P7D"));
        int[] cheap = new int[2];
        int[] dear = new int[2];
        for (JsonNode l : truth.path("listings")) {
            if (!l.path("kind").asString().equals("NORMAL")) {
                continue;
            }
            double ratio = l.path("total").asDouble() / l.path("trueValue").asDouble();
            Instant listed = Instant.parse(l.path("listedAt").asString());
            boolean within2Days = !l.path("vanishedAt").isNull()
                    && Instant.parse(l.path("vanishedAt").asString()).isBefore(listed.plusSeconds(2 * 86_400));
            int[] bucket = ratio < 0.85 ? cheap : ratio > 1.15 ? dear : null;
            if (bucket != null) {
                bucket[0]++;
                bucket[1] += within2Days ? 1 : 0;
            }
        }
        assertThat(cheap[0]).isGreaterThan(30);
        assertThat(dear[0]).isGreaterThan(30);
        double cheapShare = (double) cheap[1] / cheap[0];
        double dearShare = (double) dear[1] / dear[0];
        assertThat(cheapShare).isGreaterThan(dearShare * 2);
    }

    @Test
    void plantedDealsAndScamsComeInTheirSharesAndAreWhatTheTruthSays() {
        JsonNode truth = truth(market(
                Map.of(
                        "seed",
                        13,
                        "productCount",
                        10,
                        "dealShare",
                        0.1,
                        "scamShare",
                        0.05,
                        "listingsPerProductPerDay",
                        20),
                "P3D"));
        int all = 0;
        int deals = 0;
        int scams = 0;
        for (JsonNode l : truth.path("listings")) {
            all++;
            double ratio = new BigDecimal(l.path("initialPrice").asString())
                            .add(new BigDecimal(l.path("shipping").asString()))
                            .doubleValue()
                    / l.path("trueValue").asDouble();
            switch (l.path("kind").asString()) {
                case "DEAL" -> {
                    deals++;
                    assertThat(ratio).isBetween(0.49, 0.71);
                    assertThat(l.path("buyingOption").asString()).isEqualTo("FIXED_PRICE");
                }
                case "SCAM" -> {
                    scams++;
                    // Claims new; either its title or its real condition gives it away, and it is worth next to
                    // nothing.
                    assertThat(l.path("conditionId").asString()).isEqualTo("1000");
                    assertThat(l.path("scamReason").asString()).isIn("TITLE_MISMATCH", "CONDITION_MISMATCH");
                    if (l.path("scamReason").asString().equals("CONDITION_MISMATCH")) {
                        assertThat(l.path("actualConditionId").asString()).isEqualTo("7000");
                    }
                }
                default -> {}
            }
        }
        assertThat(all).isGreaterThan(1000);
        assertThat((double) deals / all).isBetween(0.08, 0.12);
        assertThat((double) scams / all).isBetween(0.035, 0.065);
    }

    @Test
    void aPlantedDealIsFoundByItsTitleAndTheTruthMarksWhatWasShown() {
        String account = market(Map.of("seed", 21, "productCount", 3), null);
        JsonNode product =
                get(BASE + "/_sim/markets/" + account).json().path("products").path(0);
        Api.Response planted =
                api.post(BASE + "/_sim/markets/" + account + "/plant", Map.of("kind", "DEAL", "productId", "p1"));
        assertThat(planted.status()).as(planted.toString()).isEqualTo(201);
        String itemId = planted.json().path("itemId").asString();

        JsonNode page =
                search(account, "q=" + encode(product.path("title").asString()) + "&sort=newlyListed&limit=200");
        JsonNode first = page.path("itemSummaries").path(0);

        assertThat(first.path("itemId").asString()).isEqualTo(itemId);
        assertThat(first.path("title").asString())
                .isEqualTo(product.path("title").asString());
        assertThat(first.path("seller").path("username").asString()).isNotBlank();
        assertThat(first.path("shippingOptions")
                        .path(0)
                        .path("shippingCost")
                        .path("currency")
                        .asString())
                .isEqualTo("USD");
        assertThat(first.path("categories").path(0).path("categoryId").asString())
                .isEqualTo(product.path("categoryId").asString());
        assertThat(first.has("itemCreationDate")).isTrue();
        JsonNode item = get(BASE + "/buy/browse/v1/item/" + encode(itemId), bearer(account))
                .json();
        assertThat(item.path("gtin").asString()).isEqualTo(product.path("gtin").asString());

        JsonNode shown =
                get(BASE + "/_sim/markets/" + account + "/truth?shownOnly=true").json();
        assertThat(shown.path("listings")).anySatisfy(l -> {
            assertThat(l.path("itemId").asString()).isEqualTo(itemId);
            assertThat(l.path("kind").asString()).isEqualTo("DEAL");
            assertThat(l.path("shown").asBoolean()).isTrue();
        });
        assertThat(shown.path("listings").size())
                .isLessThanOrEqualTo(page.path("total").asInt());
    }

    @Test
    void theSearchHonoursConditionBuyingOptionPriceCategorySortAndPaging() {
        String account = market(
                Map.of("seed", 31, "productCount", 6, "auctionShare", 0.3, "listingsPerProductPerDay", 30), "P1D");
        JsonNode products = get(BASE + "/_sim/markets/" + account).json().path("products");
        String category = products.path(0).path("categoryId").asString();

        JsonNode used =
                search(account, "category_ids=" + category + "&limit=200&filter=" + encode("conditionIds:{3000}"));
        assertThat(used.path("itemSummaries")).isNotEmpty().allSatisfy(i -> {
            assertThat(i.path("conditionId").asString()).isEqualTo("3000");
            assertThat(i.path("condition").asString()).isEqualTo("Used");
            assertThat(i.path("categories").path(0).path("categoryId").asString())
                    .isEqualTo(category);
        });
        JsonNode auctions = search(
                account,
                "category_ids=" + category + "&limit=200&sort=endingSoonest&filter="
                        + encode("buyingOptions:{AUCTION}"));
        List<Instant> ends = new ArrayList<>();
        auctions.path("itemSummaries").forEach(i -> {
            assertThat(i.path("buyingOptions").path(0).asString()).isEqualTo("AUCTION");
            ends.add(Instant.parse(i.path("itemEndDate").asString()));
        });
        assertThat(ends).isNotEmpty().isSorted();
        JsonNode fixed = search(account, "category_ids=" + category + "&limit=200");
        assertThat(fixed.path("itemSummaries"))
                .allSatisfy(i -> assertThat(i.has("itemEndDate")).isFalse());

        // A bound inside the category's own prices, so the filter has something on both sides; on the item price,
        // shipping not included, as eBay's price filter is.
        List<BigDecimal> prices = new ArrayList<>();
        fixed.path("itemSummaries")
                .forEach(i ->
                        prices.add(new BigDecimal(i.path("price").path("value").asString())));
        prices.sort(null);
        BigDecimal bound = prices.get(prices.size() / 2);
        JsonNode cheap = search(
                account,
                "category_ids=" + category + "&limit=200&filter="
                        + encode("price:[.." + bound.toPlainString() + "],priceCurrency:USD"));
        assertThat(cheap.path("itemSummaries"))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(
                                new BigDecimal(i.path("price").path("value").asString()))
                        .isLessThanOrEqualTo(bound));
        assertThat(cheap.path("total").asInt()).isLessThan(fixed.path("total").asInt());

        JsonNode newest = search(account, "category_ids=" + category + "&limit=5&sort=newlyListed");
        List<Instant> created = new ArrayList<>();
        newest.path("itemSummaries")
                .forEach(i ->
                        created.add(Instant.parse(i.path("itemCreationDate").asString())));
        assertThat(created).hasSize(5).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode second = search(account, "category_ids=" + category + "&limit=5&offset=5&sort=newlyListed");
        assertThat(second.path("itemSummaries").path(0).path("itemId").asString())
                .isNotEqualTo(
                        newest.path("itemSummaries").path(0).path("itemId").asString());
        assertThat(newest.has("next")).isTrue();

        String word = products.path(0).path("model").asString();
        JsonNode byModel = search(account, "q=" + encode(word) + "&limit=200");
        assertThat(byModel.path("itemSummaries"))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.path("title").asString()).contains(word));
    }

    @Test
    void oneAppsMarketIsInvisibleToAnotherWhichKeepsTheFixedCatalogue() {
        String account = market(Map.of("seed", 41, "productCount", 2), null);
        String itemId = api.post(BASE + "/_sim/markets/" + account + "/plant", Map.of("kind", "SCAM"))
                .json()
                .path("itemId")
                .asString();
        String other = "market-less-" + UUID.randomUUID();

        assertThat(get(BASE + "/buy/browse/v1/item/" + encode(itemId), bearer(other))
                        .status())
                .isEqualTo(404);
        JsonNode catalogue = search(other, "q=e&limit=10");
        assertThat(catalogue.path("itemSummaries"))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.path("conditionId").asString()).isEqualTo("1000"));
        assertThat(get(BASE + "/_sim/markets/" + other + "/truth").status()).isEqualTo(404);
    }

    @Test
    void aMalformedShapeOrAdvanceIsRefused() {
        String account = "market-" + UUID.randomUUID();
        assertThat(api.put(BASE + "/_sim/markets/" + account, Map.of("dealShare", 0.8, "scamShare", 0.5))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(BASE + "/_sim/markets/" + account + "/advance", Map.of("by", "P1D"))
                        .status())
                .isEqualTo(404);
        market(Map.of("seed", 1, "productCount", 1), null);
        String made = market(Map.of("seed", 1, "productCount", 1), null);
        assertThat(api.post(BASE + "/_sim/markets/" + made + "/advance", Map.of("by", "-P1D"))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(BASE + "/_sim/markets/" + made + "/plant", Map.of("kind", "BARGAIN"))
                        .status())
                .isEqualTo(400);
    }

    /** A fresh app with a market of this shape, advanced by {@code advance} if given; its account id. */
    private String market(Map<String, Object> shape, String advance) {
        String account = "market-" + UUID.randomUUID();
        Api.Response created = api.put(BASE + "/_sim/markets/" + account, new HashMap<>(shape));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        if (advance != null) {
            Api.Response moved = api.post(BASE + "/_sim/markets/" + account + "/advance", Map.of("by", advance));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }
        return account;
    }

    private JsonNode truth(String account) {
        Api.Response truth = get(BASE + "/_sim/markets/" + account + "/truth");
        assertThat(truth.status()).as(truth.toString()).isEqualTo(200);
        return truth.json();
    }

    private List<String> fingerprint(String account) {
        List<String> rows = new ArrayList<>();
        for (JsonNode l : truth(account).path("listings")) {
            rows.add(l.path("title").asString() + "|" + l.path("conditionId").asString() + "|"
                    + l.path("kind").asString() + "|" + l.path("total").asString() + "|"
                    + l.path("sold").asBoolean()
                    + "|" + l.path("vanishedAt").isNull());
        }
        return rows;
    }

    private JsonNode search(String account, String query) {
        Api.Response response = get(BASE + "/buy/browse/v1/item_summary/search?" + query, bearer(account));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private Api.Response get(String path, String... headers) {
        return api.get(path, headers);
    }

    private String[] bearer(String account) {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (account + ":" + SandboxAccounts.secretFor("ebay", account)).getBytes(StandardCharsets.UTF_8));
        Api.Response token = api.send(
                "POST",
                BASE + "/identity/v1/oauth2/token",
                "application/x-www-form-urlencoded",
                ("grant_type=client_credentials&scope=" + encode(SCOPE)).getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Basic " + basic);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return new String[] {
            "Authorization", "Bearer " + token.json().path("access_token").asString()
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
