package dev.mercator.marketplaces.ebay;

import static dev.mercator.marketplaces.SandboxFixtures.account;
import static dev.mercator.marketplaces.SandboxFixtures.clearFaults;
import static dev.mercator.marketplaces.SandboxFixtures.faults;
import static dev.mercator.marketplaces.SandboxFixtures.stat;
import static dev.mercator.marketplaces.SandboxFixtures.withWrongSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The eBay adapter through its real HTTP client against the Browse API simulator. */
class EbaySourceIntegrationTests extends IntegrationTest {

    static final String PROVIDER = "ebay";

    @Autowired
    EbaySource source;

    @AfterEach
    void noFaults() {
        clearFaults(admin, PROVIDER);
    }

    static SourceAccount fresh(String campaignId) {
        return account(PROVIDER, "clientId", "clientSecret", campaignId);
    }

    static SourceQuery query(String keywords, int page, int size) {
        return new SourceQuery(keywords, page, size, null, null, null);
    }

    @Test
    void searchesPageByPageAndLooksUpItems() throws Exception {
        SourceAccount account = fresh("5338000111");
        SourcePage first = source.search(query("cable", 1, 7), account);
        SourcePage second = source.search(query("cable", 2, 7), account);

        assertThat(first.products()).hasSize(7);
        assertThat(second.products()).hasSize(7);
        assertThat(first.hasMore()).isTrue();
        Set<String> ids = new HashSet<>();
        first.products().forEach(product -> ids.add(product.marketplaceId()));
        second.products().forEach(product -> ids.add(product.marketplaceId()));
        assertThat(ids).hasSize(14);
        RawProduct summary = first.products().getFirst();
        assertThat(summary.marketplace()).isEqualTo(Marketplace.EBAY);
        assertThat(summary.marketplaceId()).matches("v1\\|\\d{12}\\|0");
        assertThat(summary.affiliateUrl()).contains("campid=5338000111&");
        assertThat(summary.productUrl()).startsWith("https://www.ebay.com/itm/");

        List<RawProduct> found = source.lookup(List.of(summary.marketplaceId(), "v1|999999999999|0"), account);
        assertThat(found).singleElement().satisfies(item -> {
            assertThat(item.marketplaceId()).isEqualTo(summary.marketplaceId());
            assertThat(item.gtins()).hasSize(1);
            assertThat(item.brand()).isNotBlank();
            assertThat(item.model()).isNotBlank();
            assertThat(item.description()).isNotBlank();
            assertThat(item.availability()).isIn("IN_STOCK", "OUT_OF_STOCK");
        });
    }

    @Test
    void limitIsCappedAt200AndOffsetsStayMultiplesOfIt() throws Exception {
        // "e" matches most of the catalogue: page 2 of 500 must become limit 200, offset 200.
        SourcePage page = source.search(query("e", 2, 500), fresh("5338000111"));

        assertThat(page.products()).hasSize(200);
        assertThat(page.totalResults()).isGreaterThan(400);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void theTokenIsCachedAndReplacedWhenItExpires() throws Exception {
        SourceAccount account = fresh("5338000111");
        String id = account.field("clientId");
        source.search(query("cable", 1, 5), account);
        source.search(query("cable", 2, 5), account);
        source.lookup(
                List.of(source.search(query("cable", 1, 1), account)
                        .products()
                        .getFirst()
                        .marketplaceId()),
                account);
        assertThat(stat(api, PROVIDER, id, "tokens")).isEqualTo(1);

        assertThat(api.post("/sandbox/ebay/_sandbox/accounts/" + id + "/expire-tokens", Map.of())
                        .status())
                .isEqualTo(204);
        source.search(query("cable", 1, 5), account);

        assertThat(stat(api, PROVIDER, id, "tokens")).isEqualTo(2);
        assertThat(stat(api, PROVIDER, id, "search")).isEqualTo(4);
    }

    @Test
    void aWrongSecretIsPermanent() {
        SourceAccount wrong = withWrongSecret(fresh("5338000111"), "clientId", "clientSecret");

        assertThatThrownBy(() -> source.search(query("cable", 1, 5), wrong))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("invalid_client");
                });
    }

    @Test
    void aRefusedParameterIsPermanent() {
        SourceAccount account = fresh("5338000111");
        // Blank keywords are eBay's own errorId 12001; the adapter passes keywords as given.
        assertThatThrownBy(() -> source.search(query(" ", 1, 5), account))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).startsWith("HTTP 400: errorId 12001");
                });

        // The same account: its token is cached, so the refusal meets the search itself.
        faults(admin, PROVIDER, Map.of("badRequestRate", 1.0));
        assertThatThrownBy(() -> source.search(query("cable", 1, 5), account))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).startsWith("HTTP 400: errorId 12002");
                });
    }

    @Test
    void aPriceRangeNarrowsTheSearchInTheQuerysCurrency() throws Exception {
        SourceAccount account = fresh("5338000111");
        SourcePage all = source.search(query("e", 1, 200), account);
        SourcePage cheap =
                source.search(new SourceQuery("e", 1, 200, new BigDecimal("10"), new BigDecimal("50"), "USD"), account);
        SourcePage atLeastForty =
                source.search(new SourceQuery("e", 1, 200, new BigDecimal("40"), null, null), account);

        assertThat(cheap.totalResults()).isPositive().isLessThan(all.totalResults());
        assertThat(cheap.products())
                .filteredOn(product -> "USD".equals(product.currency()))
                .isNotEmpty()
                .allSatisfy(product ->
                        assertThat(new BigDecimal(product.price())).isBetween(BigDecimal.TEN, new BigDecimal("50")));
        assertThat(atLeastForty.products())
                .filteredOn(product -> "USD".equals(product.currency()))
                .isNotEmpty()
                .allSatisfy(product ->
                        assertThat(new BigDecimal(product.price())).isGreaterThanOrEqualTo(new BigDecimal("40")));
    }

    @Test
    void throttlingIsRateLimitedWithTheRetryAfterEbaySends() {
        faults(admin, PROVIDER, Map.of("throttleRate", 1.0, "retryAfterSeconds", 7));

        assertThatThrownBy(() -> source.search(query("cable", 1, 5), fresh("5338000111")))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });
    }

    @Test
    void serverErrorsAndOutagesAreTransient() {
        faults(admin, PROVIDER, Map.of("errorRate", 1.0));
        assertThatThrownBy(() -> source.search(query("cable", 1, 5), fresh("5338000111")))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT));

        faults(admin, PROVIDER, Map.of("outage", true));
        assertThatThrownBy(() -> source.search(query("cable", 1, 5), fresh("5338000111")))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT));
    }

    @Test
    void twoAccountsCampaignIdsNeverCross() throws Exception {
        String id = source.search(query("cable", 1, 1), fresh("5338000111"))
                .products()
                .getFirst()
                .marketplaceId();

        RawProduct forOne = source.lookup(List.of(id), fresh("5338000111")).getFirst();
        RawProduct forTwo = source.lookup(List.of(id), fresh("5338000222")).getFirst();

        assertThat(forOne.affiliateUrl()).contains("campid=5338000111&").doesNotContain("5338000222");
        assertThat(forTwo.affiliateUrl()).contains("campid=5338000222&").doesNotContain("5338000111");
    }

    @Test
    void theInstanceAccountUsesTheSandboxDefaults() throws Exception {
        assertThat(SandboxAccounts.DEFAULTS.get(PROVIDER))
                .containsExactly(EbaySettings.SANDBOX_CLIENT_ID, EbaySettings.SANDBOX_CLIENT_SECRET);

        SourcePage page = source.search(query("cable", 1, 2), new SourceAccount("instance", null, Map.of()));

        assertThat(page.products())
                .allSatisfy(product -> assertThat(product.affiliateUrl())
                        .contains("campid=" + EbaySettings.SANDBOX_CAMPAIGN_ID + "&"));
    }
}
