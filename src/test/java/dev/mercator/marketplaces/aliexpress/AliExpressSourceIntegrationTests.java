package dev.mercator.marketplaces.aliexpress;

import static dev.mercator.marketplaces.SandboxFixtures.account;
import static dev.mercator.marketplaces.SandboxFixtures.clearFaults;
import static dev.mercator.marketplaces.SandboxFixtures.faults;
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
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The AliExpress adapter through its real HTTP client against the sync-gateway simulator. */
class AliExpressSourceIntegrationTests extends IntegrationTest {

    static final String PROVIDER = "aliexpress";

    @Autowired
    AliExpressSource source;

    @Autowired
    OutboundHttp outbound;

    @Autowired
    AliExpressSettings settings;

    @AfterEach
    void noFaults() {
        clearFaults(admin, PROVIDER);
    }

    static SourceAccount fresh(String trackingId) {
        return account(PROVIDER, "appKey", "appSecret", trackingId);
    }

    static SourceQuery query(String keywords, int page, int size) {
        return new SourceQuery(keywords, page, size, null, null, null);
    }

    @Test
    void searchesAndLooksUpWithSha256Signatures() throws Exception {
        SourcePage page = source.search(query("power bank", 1, 20), fresh("shop_one"));

        assertThat(page.products()).hasSize(20);
        assertThat(page.hasMore()).isTrue();
        RawProduct first = page.products().getFirst();
        assertThat(first.marketplace()).isEqualTo(Marketplace.ALIEXPRESS);
        assertThat(first.marketplaceId()).matches("\\d{16}");
        assertThat(first.title()).containsIgnoringCase("power bank");
        assertThat(first.productUrl()).isEqualTo("https://www.aliexpress.com/item/" + first.marketplaceId() + ".html");
        assertThat(first.affiliateUrl()).contains("tracking_id=shop_one");
        assertThat(first.gtins()).isEmpty();

        List<RawProduct> found = source.lookup(List.of(first.marketplaceId(), "1"), fresh("shop_one"));
        assertThat(found).singleElement().satisfies(product -> {
            assertThat(product.marketplaceId()).isEqualTo(first.marketplaceId());
            assertThat(product.title()).isEqualTo(first.title());
        });
    }

    @Test
    void eachCallIsLaidOutAsTheIopJavaSdkSendsItSystemParametersInTheQueryBusinessInTheBody() throws Exception {
        SourceAccount account = fresh("shop_one");
        source.search(new SourceQuery("power bank", 1, 5, new BigDecimal("1.50"), new BigDecimal("30"), null), account);

        Api.Response lastCall =
                api.get("/sandbox/aliexpress/_sandbox/accounts/" + account.field("appKey") + "/last-call");

        assertThat(lastCall.status()).isEqualTo(200);
        assertThat(lastCall.json().path("query").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("app_key", "format", "method", "sign", "sign_method", "timestamp", "v");
        assertThat(lastCall.json().path("body").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(
                        "keywords",
                        "max_sale_price",
                        "min_sale_price",
                        "page_no",
                        "page_size",
                        "target_currency",
                        "target_language",
                        "tracking_id");
    }

    @Test
    void aPriceRangeNarrowsTheSearchToItsBoundsInTheTargetCurrency() throws Exception {
        SourceAccount account = fresh("shop_one");
        SourcePage all = source.search(query("power bank", 1, 50), account);
        SourcePage cheap = source.search(
                new SourceQuery("power bank", 1, 50, new BigDecimal("10"), new BigDecimal("30.50"), "USD"), account);

        assertThat(cheap.totalResults()).isPositive().isLessThan(all.totalResults());
        assertThat(cheap.products())
                .isNotEmpty()
                .allSatisfy(product ->
                        assertThat(new BigDecimal(product.price())).isBetween(BigDecimal.TEN, new BigDecimal("30.50")));
    }

    @Test
    void legacyMd5SignaturesWorkToo() throws Exception {
        AliExpressSettings md5 =
                new AliExpressSettings(settings.mode(), settings.baseUrl(), null, null, null, "md5", "EUR", null);
        AliExpressSource legacy = new AliExpressSource(outbound, md5);

        SourcePage page = legacy.search(query("power bank", 1, 5), fresh("shop_one"));

        assertThat(page.products()).hasSize(5);
        assertThat(page.products())
                .filteredOn(product -> product.price() != null)
                .isNotEmpty()
                .allSatisfy(product -> assertThat(product.currency()).isIn("EUR", "XBT"));
    }

    @Test
    void anEmptyResultIsAnEmptyPageNotAnError() throws Exception {
        assertThat(source.search(query("nothing matches this at all", 1, 10), fresh("shop_one"))
                        .products())
                .isEmpty();
        assertThat(source.lookup(List.of("1", "2"), fresh("shop_one"))).isEmpty();
    }

    @Test
    void aWrongSecretIsReportedInAnHttp200BodyAndPermanent() {
        SourceAccount wrong = withWrongSecret(fresh("shop_one"), "appKey", "appSecret");

        assertThatThrownBy(() -> source.search(query("power bank", 1, 10), wrong))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("IncompleteSignature");
                });
    }

    @Test
    void aParameterTheGatewayRefusesInAnHttp200IsPermanent() {
        faults(admin, PROVIDER, Map.of("badRequestRate", 1.0));

        assertThatThrownBy(() -> source.search(query("power bank", 1, 10), fresh("shop_one")))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).startsWith("InvalidParameter: ");
                });
    }

    @Test
    void apiCallLimitFromTheBodyIsRateLimitedForTheAnnouncedBan() {
        faults(admin, PROVIDER, Map.of("throttleRate", 1.0, "retryAfterSeconds", 3));

        assertThatThrownBy(() -> source.search(query("power bank", 1, 10), fresh("shop_one")))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void theGatewaysOwnPerAppLimitIsRateLimited() {
        SourceAccount account = fresh("shop_one");
        SourceFailure throttled = null;
        for (int i = 0; i < 8 && throttled == null; i++) {
            try {
                source.lookup(List.of("1"), account);
            } catch (SourceFailure failure) {
                throttled = failure;
            }
        }
        assertThat(throttled).isNotNull();
        assertThat(throttled.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(throttled.retryAfter()).isPositive();
    }

    @Test
    void serverErrorsAndOutagesAreTransient() {
        faults(admin, PROVIDER, Map.of("errorRate", 1.0));
        assertThatThrownBy(() -> source.search(query("power bank", 1, 10), fresh("shop_one")))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT));

        faults(admin, PROVIDER, Map.of("outage", true));
        assertThatThrownBy(() -> source.search(query("power bank", 1, 10), fresh("shop_one")))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT));
    }

    @Test
    void linkGenerateCarriesEachAccountsOwnTrackingId() throws Exception {
        RawProduct product = source.search(query("power bank", 1, 1), fresh("shop_one"))
                .products()
                .getFirst();

        String one = source.affiliateLinks(List.of(product), fresh("shop_one")).get(product.marketplaceId());
        String two = source.affiliateLinks(List.of(product), fresh("shop_two")).get(product.marketplaceId());

        assertThat(one).startsWith("https://s.click.aliexpress.com/").endsWith("tracking_id=shop_one");
        assertThat(two).startsWith("https://s.click.aliexpress.com/").endsWith("tracking_id=shop_two");
        assertThat(source.search(query("power bank", 1, 3), fresh("shop_two")).products())
                .allSatisfy(other -> assertThat(other.affiliateUrl()).endsWith("tracking_id=shop_two"));
    }

    @Test
    void theInstanceAccountUsesTheSandboxDefaults() throws Exception {
        assertThat(SandboxAccounts.DEFAULTS.get(PROVIDER))
                .containsExactly(AliExpressSettings.SANDBOX_APP_KEY, AliExpressSettings.SANDBOX_APP_SECRET);

        SourcePage page = source.search(query("power bank", 1, 2), new SourceAccount("instance", null, Map.of()));

        assertThat(page.products())
                .allSatisfy(product -> assertThat(product.affiliateUrl())
                        .endsWith("tracking_id=" + AliExpressSettings.SANDBOX_TRACKING_ID));
    }
}
