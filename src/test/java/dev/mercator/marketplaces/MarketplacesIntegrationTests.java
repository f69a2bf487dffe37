package dev.mercator.marketplaces;

import static dev.mercator.marketplaces.Marketplace.AMAZON;
import static dev.mercator.marketplaces.Marketplace.EBAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.catalog.support.CatalogIntegrationTest;
import dev.mercator.catalog.support.FakeSource;
import dev.mercator.marketplaces.resilience.MarketplaceCalls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The facade as other modules meet it, in the catalog tests' context (fake marketplaces, no context of its own): every
 * call, on either lane, spends the marketplace's one daily quota, and links never fail a caller.
 */
class MarketplacesIntegrationTests extends CatalogIntegrationTest {

    @Autowired
    Marketplaces marketplaces;

    @Autowired
    MarketplaceCalls calls;

    private long used(Marketplace marketplace) {
        return calls.quotas().stream()
                .filter(q -> q.marketplace().equals(marketplace.id()))
                .findFirst()
                .orElseThrow()
                .used();
    }

    @Test
    void aSearchAndALookupOnEitherLaneEachSpendOneCallOfTheMarketplacesDailyQuota() throws Exception {
        String keywords = unique("kettle");
        ebay.answer(keywords, FakeSource.product(EBAY, "E1", "Electric kettle 1.7l", "20.00"));
        SourceAccount account = marketplaces.account(null, EBAY);
        long before = used(EBAY);

        SourcePage page = marketplaces.search(
                EBAY, new SourceQuery(keywords, 1, 10, null, null, null), account, Lane.INTERACTIVE);
        List<RawProduct> found = marketplaces.lookup(EBAY, List.of("E1", "unknown"), account, Lane.BACKGROUND);

        assertThat(page.products()).extracting(RawProduct::marketplaceId).containsExactly("E1");
        assertThat(found).extracting(RawProduct::marketplaceId).containsExactly("E1");
        assertThat(used(EBAY) - before).isEqualTo(2);
        assertThat(ebay.searches()).isEqualTo(1);
        assertThat(ebay.lookups()).isEqualTo(1);
        assertThat(marketplaces.available()).contains(EBAY);
    }

    @Test
    void aPermanentFailureIsThrownClassifiedAndShowsInHealthUntilACallSucceeds() throws Exception {
        SourceAccount account = marketplaces.account(null, EBAY);
        ebay.failAlways(SourceFailure.Kind.PERMANENT);

        assertThatThrownBy(() -> marketplaces.lookup(EBAY, List.of("E1"), account, Lane.INTERACTIVE))
                .isInstanceOfSatisfying(
                        SourceFailure.class, f -> assertThat(f.kind()).isEqualTo(SourceFailure.Kind.PERMANENT));
        assertThat(calls.state(EBAY).permanentFailure()).isNotNull();

        ebay.failAlways(null);
        marketplaces.lookup(EBAY, List.of("E1"), account, Lane.INTERACTIVE);

        assertThat(calls.state(EBAY).permanentFailure()).isNull();
    }

    @Test
    void linksCarryTheAccountsTagAndWithoutATagAProductKeepsTheLinkItHas() {
        RawProduct pen = FakeSource.product(AMAZON, "P1", "Pen", "2.00");
        Linkable plain = new Linkable(pen, new ProductLink("https://amazon.example/item/P1", false));

        List<ProductLink> tagged = marketplaces.affiliateLinks(
                AMAZON, List.of(plain), new SourceAccount("merchant-a", "mine-21", Map.of()), Lane.INTERACTIVE);
        List<ProductLink> untagged = marketplaces.affiliateLinks(
                AMAZON, List.of(plain), new SourceAccount("merchant-b", null, Map.of()), Lane.INTERACTIVE);

        assertThat(tagged).containsExactly(new ProductLink("https://amazon.example/item/P1?tag=mine-21", true));
        assertThat(untagged).containsExactly(plain.link());
    }
}
