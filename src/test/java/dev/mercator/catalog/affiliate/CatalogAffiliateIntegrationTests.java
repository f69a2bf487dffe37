package dev.mercator.catalog.affiliate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.support.CatalogIntegrationTest;
import dev.mercator.catalog.support.FakeSource;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.affiliate.MarketplaceAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Links carry the caller's own tag, even when product data came from another merchant's cached search. */
@TestPropertySource(properties = {"mercator.catalog.cache.soft-ttl=1h", "mercator.catalog.cache.hard-ttl=2h"})
class CatalogAffiliateIntegrationTests extends CatalogIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private Tenant merchantWithTags(String name, String tag) {
        Tenant tenant = newMerchant(name);
        for (Marketplace marketplace : Marketplace.values()) {
            assertThat(tenant.api()
                            .put(
                                    "/api/credentials/" + MarketplaceAccounts.credentialName(marketplace),
                                    Map.of(MarketplaceAccounts.TAG_FIELD, tag, "clientId", "id-" + tag))
                            .status())
                    .isEqualTo(204);
        }
        return tenant;
    }

    private static List<String> links(JsonNode body) {
        return body.get("items")
                .valueStream()
                .flatMap(item -> item.get("offers").valueStream())
                .map(offer -> offer.get("url").asString())
                .toList();
    }

    @Test
    void oneMerchantsTagNeverAppearsInAnotherMerchantsLinks() {
        Tenant alpha = merchantWithTags("Alpha", "alpha-21");
        Tenant beta = merchantWithTags("Beta", "beta-22");
        String q = unique("backpack");
        amazon.answer(q, FakeSource.product(Marketplace.AMAZON, "B01", "Backpack", "40.00"));
        ebay.answer(q, FakeSource.product(Marketplace.EBAY, "E01", "Rucksack 30l", "35.00"));
        aliexpress.answer(q, FakeSource.product(Marketplace.ALIEXPRESS, "1001", "Travel bag", "12.00"));

        List<String> alphaLinks =
                links(alpha.api().get("/api/products/search?q=" + q).json());
        List<String> betaLinks =
                links(beta.api().get("/api/products/search?q=" + q).json());

        assertThat(amazon.searches())
                .as("beta was served alpha's cached product data")
                .isEqualTo(1);
        assertThat(alphaLinks)
                .hasSize(3)
                .allSatisfy(link -> assertThat(link).contains("alpha-21").doesNotContain("beta-22"));
        assertThat(betaLinks)
                .hasSize(3)
                .allSatisfy(link -> assertThat(link).contains("beta-22").doesNotContain("alpha-21"));
        assertThat(alphaLinks).anySatisfy(link -> assertThat(link).startsWith("https://s.click.aliexpress.com/"));
        assertThat(amazon.accounts().getFirst().owner()).isEqualTo(alpha.id());
    }

    private static String amazonLink(Tenant tenant, String q) {
        return tenant.api()
                .get("/api/products/search?q=" + q + "&providers=amazon")
                .json()
                .get("items")
                .get(0)
                .get("offers")
                .get(0)
                .get("url")
                .asString();
    }

    @Test
    void aMerchantsChangedTagIsInItsVeryNextSearch() {
        Tenant tenant = merchantWithTags("Retagged", "old-24");
        String q = unique("mug");
        amazon.answer(q, FakeSource.product(Marketplace.AMAZON, "M1", "Mug", "8.00"));
        assertThat(amazonLink(tenant, q)).contains("tag=old-24");

        assertThat(tenant.api()
                        .put(
                                "/api/credentials/" + MarketplaceAccounts.credentialName(Marketplace.AMAZON),
                                Map.of(MarketplaceAccounts.TAG_FIELD, "new-25"))
                        .status())
                .isEqualTo(204);

        assertThat(amazonLink(tenant, q)).contains("tag=new-25").doesNotContain("old-24");
        assertThat(tenant.api()
                        .delete("/api/credentials/" + MarketplaceAccounts.credentialName(Marketplace.AMAZON))
                        .status())
                .isEqualTo(204);
        assertThat(amazonLink(tenant, q)).endsWith("?tag=instance-20");
    }

    @Autowired
    JdbcClient jdbc;

    /**
     * A warm search reads no credentials from the database: a row removed behind the vault's back (no event) goes
     * unnoticed until the account's TTL, where a change through the vault is seen at once (above).
     */
    @Test
    void accountsAreKeptInMemoryRatherThanReadOnEverySearch() {
        Tenant tenant = merchantWithTags("Kept", "kept-26");
        String q = unique("tray");
        amazon.answer(q, FakeSource.product(Marketplace.AMAZON, "T1", "Tray", "6.00"));
        assertThat(amazonLink(tenant, q)).contains("tag=kept-26");

        int removed = jdbc.sql("delete from merchant_credentials where merchant_id = :merchant")
                .param("merchant", UUID.fromString(tenant.id()))
                .update();

        assertThat(removed).isEqualTo(Marketplace.values().length);
        assertThat(amazonLink(tenant, q)).contains("tag=kept-26");
    }

    @Test
    void aMerchantWithoutItsOwnTagGetsTheInstanceDefault() {
        Tenant plain = newMerchant("No tags");
        String q = unique("pen");
        amazon.answer(q, FakeSource.product(Marketplace.AMAZON, "P1", "Pen", "2.00"));

        JsonNode offer = plain.api()
                .get("/api/products/search?q=" + q + "&providers=amazon")
                .json()
                .get("items")
                .get(0)
                .get("offers")
                .get(0);

        assertThat(offer.get("url").asString()).isEqualTo("https://amazon.example/item/P1?tag=instance-20");
        assertThat(offer.get("affiliate").asBoolean()).isTrue();
    }

    @Test
    void aFailedLinkCallLeavesThePlainUrlAndIsCounted() {
        Tenant tenant = merchantWithTags("Link down", "down-23");
        String q = unique("lamp");
        aliexpress.answer(q, FakeSource.product(Marketplace.ALIEXPRESS, "2002", "Lamp", "9.00"));
        aliexpress.linkApiFails(true);
        double before = failed();

        JsonNode offer = tenant.api()
                .get("/api/products/search?q=" + q + "&providers=aliexpress")
                .json()
                .get("items")
                .get(0)
                .get("offers")
                .get(0);

        assertThat(offer.get("url").asString()).isEqualTo("https://aliexpress.example/item/2002");
        assertThat(offer.get("affiliate").asBoolean()).isFalse();
        assertThat(failed() - before).isEqualTo(1);
    }

    private double failed() {
        var counter = meters.find("mercator.catalog.affiliate.links")
                .tag("marketplace", "aliexpress")
                .tag("outcome", "failed")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
