package dev.mercator.dealscout.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.dealscout.valuation.Comp;
import dev.mercator.dealscout.valuation.ItemFacts;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.affiliate.MarketplaceAccounts;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The GTIN lookup over HTTP against the eBay simulator's living market: a merchant whose own eBay app (its catalog
 * credentials) sees the product gets its title, brand, model and category from the lookup; a GTIN no marketplace lists,
 * or a merchant whose account does not see it, falls back to the GTIN alone and says so. Also the net proceeds with the
 * outbound shipping deducted.
 */
@TestPropertySource(properties = "mercator.dealscout.pricing.outbound-shipping=7.50")
class PricingGtinLookupIntegrationTests extends PricingIntegrationTest {

    private final String app = "pricing-gtin-" + UUID.randomUUID();

    @AfterEach
    void removeMarket() {
        api.delete("/sandbox/ebay/_sim/markets/" + app);
    }

    /** A valid GTIN-13 no other test uses. */
    static String gtin13() {
        String data = "40" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (data.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return data + (10 - sum % 10) % 10;
    }

    /** A merchant whose own eBay app has a living market listing the product with {@code gtin} in {@code category}. */
    private Tenant merchantWhoseEbaySees(String gtin, String category) {
        Api.Response market = api.put(
                "/sandbox/ebay/_sim/markets/" + app,
                Map.of(
                        "seed",
                        7,
                        "listingsPerProductPerDay",
                        30,
                        "scamShare",
                        0,
                        "products",
                        List.of(Map.of(
                                "title",
                                "Acme Zephyr Headphones",
                                "brand",
                                "Acme",
                                "model",
                                "ZX-1",
                                "gtin",
                                gtin,
                                "categoryId",
                                category,
                                "trueValue",
                                200))));
        assertThat(market.status()).as(market.toString()).isEqualTo(201);
        Tenant tenant = newMerchant("Seller with own eBay app");
        Api.Response stored = tenant.api()
                .put(
                        "/api/credentials/" + MarketplaceAccounts.credentialName(Marketplace.EBAY),
                        Map.of("clientId", app, "clientSecret", SandboxAccounts.secretFor("ebay", app)));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(204);
        return tenant;
    }

    /** Comps pooled by the GTIN (as observations with that GTIN are), used condition, around {@code center}. */
    private void feedGtinComps(String category, String gtin, double center) {
        ItemFacts facts = new ItemFacts(category, gtin, null, null, "Acme Zephyr Headphones", 3000, "USD");
        Instant now = clock.instant();
        for (int i = 0; i < 15; i++) {
            valuation.record(
                    facts,
                    new Comp(
                            UUID.randomUUID().toString(),
                            center - 20 + (40.0 * i / 14),
                            now.minus(Duration.ofHours(i + 1)),
                            Comp.Kind.VANISHED_QUICKLY));
        }
    }

    private String uploadGtin(Tenant tenant, String gtin, String... more) {
        Map<String, String> fields = fields(more);
        fields.put("gtin", gtin);
        fields.put("conditionId", "3000");
        Api.Response created = upload(tenant.api(), List.of(TestImages.plainJpeg(16, 16)), fields);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void theLookupThroughTheMerchantsOwnEbayAppSuppliesTheCategoryAndTheProduct() {
        String gtin = gtin13();
        String category = category();
        Tenant tenant = merchantWhoseEbaySees(gtin, category);
        feedGtinComps(category, "0" + gtin, 200);

        JsonNode item = processed(tenant, uploadGtin(tenant, gtin));

        assertThat(item.get("status").asString()).as(item.toString()).isEqualTo("priced");
        JsonNode answer = item.get("answer");
        JsonNode lookup = answer.get("gtinLookup");
        assertThat(lookup.get("status").asString()).isEqualTo("found");
        assertThat(lookup.get("marketplace").asString()).isEqualTo("ebay");
        assertThat(lookup.get("categoryId").asString()).isEqualTo(category);
        assertThat(lookup.get("brand").asString()).isEqualTo("Acme");
        assertThat(lookup.get("model").asString()).isEqualTo("ZX-1");
        assertThat(lookup.get("title").asString()).contains("Zephyr");
        assertThat(answer.get("identifiedBy").asString()).isEqualTo("gtin");
        assertThat(answer.get("valuation").get("pool").asString()).contains(category);
        // Net proceeds: the market price less the marketplace's fees and the 7.50 outbound shipping set above.
        answer.get("netProceeds").forEach(proceeds -> {
            assertThat(proceeds.get("outboundShipping").asDouble()).isEqualTo(7.50);
            assertThat(proceeds.get("net").asDouble())
                    .isCloseTo(
                            proceeds.get("salePrice").asDouble()
                                    - proceeds.get("fees").asDouble()
                                    - 7.50,
                            org.assertj.core.api.Assertions.within(0.005));
        });
        assertThat(answer.get("netProceeds").get(0).get("salePrice").asDouble())
                .isEqualTo(answer.get("prices").get(1).get("price").asDouble());
    }

    @Test
    void aGtinNoMarketplaceListsIsTheKeyAloneAndWithoutACategoryTheMerchantIsAsked() {
        String gtin = gtin13();
        String category = category();
        Tenant tenant = merchantWhoseEbaySees(gtin13(), category); // its market lists another product

        JsonNode waiting = processed(tenant, uploadGtin(tenant, gtin));

        assertThat(waiting.get("status").asString()).as(waiting.toString()).isEqualTo("needs_input");
        assertThat(waiting.get("reason").asString())
                .contains("categoryId")
                .contains("no marketplace asked lists this GTIN")
                .contains("the GTIN alone is the product key");

        feedGtinComps(category, "0" + gtin, 120);
        JsonNode priced = processed(tenant, uploadGtin(tenant, gtin, "categoryId", category));

        assertThat(priced.get("status").asString()).as(priced.toString()).isEqualTo("priced");
        assertThat(priced.get("answer").get("gtinLookup").get("status").asString())
                .isEqualTo("not_found");
        assertThat(priced.get("answer").get("identifiedBy").asString()).isEqualTo("gtin");
    }

    @Test
    void anotherMerchantsEbayAppIsNeverUsedForTheLookup() {
        String gtin = gtin13();
        String category = category();
        merchantWhoseEbaySees(gtin, category);
        // This merchant has no catalog credentials: its calls run under the instance's app, which has no such market.
        Tenant other = newMerchant("Seller without own app");

        JsonNode item = processed(other, uploadGtin(other, gtin));

        assertThat(item.get("status").asString()).as(item.toString()).isEqualTo("needs_input");
        assertThat(item.get("reason").asString()).contains("no marketplace asked lists this GTIN");
    }

    @Test
    void aFailingLookupIsNamedAndTheItemIsStillPricedByTheGtinAlone() {
        String gtin = gtin13();
        String category = category();
        merchantWhoseEbaySees(gtin, category);
        // Same app id, wrong secret: eBay refuses the token (a permanent failure of this merchant's credentials).
        Tenant refused = newMerchant("Seller with a revoked eBay app");
        assertThat(refused.api()
                        .put(
                                "/api/credentials/" + MarketplaceAccounts.credentialName(Marketplace.EBAY),
                                Map.of("clientId", app, "clientSecret", "sbx-not-the-secret"))
                        .status())
                .isEqualTo(204);
        feedGtinComps(category, "0" + gtin, 80);

        JsonNode item = processed(refused, uploadGtin(refused, gtin, "categoryId", category));

        assertThat(item.get("status").asString()).as(item.toString()).isEqualTo("priced");
        JsonNode lookup = item.get("answer").get("gtinLookup");
        assertThat(lookup.get("status").asString()).isIn("not_found", "failed");
        assertThat(lookup.get("note").asString())
                .contains("the lookup failed on ebay (permanent)")
                .contains("the GTIN alone is the product key");
        assertThat(lookup.get("categoryId").isNull()).isTrue();
    }
}
