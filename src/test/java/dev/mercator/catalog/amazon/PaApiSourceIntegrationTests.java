package dev.mercator.catalog.amazon;

import static dev.mercator.catalog.SandboxFixtures.account;
import static dev.mercator.catalog.SandboxFixtures.clearFaults;
import static dev.mercator.catalog.SandboxFixtures.faults;
import static dev.mercator.catalog.SandboxFixtures.stat;
import static dev.mercator.catalog.SandboxFixtures.withWrongSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.RawProduct;
import dev.mercator.catalog.SourceAccount;
import dev.mercator.catalog.SourceFailure;
import dev.mercator.catalog.SourceFailure.Kind;
import dev.mercator.catalog.SourcePage;
import dev.mercator.catalog.SourceQuery;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The PA-API 5.0 adapter through its real HTTP client against the PA-API simulator, which recomputes every SigV4
 * signature. The adapter is built from the running application's own outbound machinery and settings; it is a bean
 * only with {@code mercator.catalog.amazon.api=paapi}.
 */
class PaApiSourceIntegrationTests extends IntegrationTest {

    static final String PROVIDER = "paapi";

    @Autowired
    OutboundHttp outbound;

    @Autowired
    ProviderEndpoints endpoints;

    @Autowired
    PaApiSettings settings;

    PaApiSource source;

    @BeforeEach
    void source() {
        source = new PaApiSource(outbound, endpoints, settings);
    }

    @AfterEach
    void noFaults() {
        clearFaults(admin, PROVIDER);
    }

    static SourceAccount fresh(String tag) {
        return account(PROVIDER, "accessKey", "secretKey", tag);
    }

    static SourceQuery query(String keywords, int page, int size) {
        return new SourceQuery(keywords, page, size, null, null, null);
    }

    @Test
    void searchesAndLooksUpSignedRequests() throws Exception {
        SourceAccount account = fresh("shop-one-20");
        SourcePage page = source.search(query("wireless mouse", 1, 5), account);

        assertThat(page.products()).hasSize(5);
        assertThat(page.hasMore()).isTrue();
        RawProduct first = page.products().getFirst();
        assertThat(first.marketplace()).isEqualTo(Marketplace.AMAZON);
        assertThat(first.title()).containsIgnoringCase("wireless mouse");
        assertThat(first.brand()).isNotBlank();
        assertThat(first.gtins()).isNotEmpty();
        assertThat(first.imageUrl()).startsWith("https://");
        assertThat(first.affiliateUrl()).contains("tag=shop-one-20&");
        assertThat(stat(api, PROVIDER, account.field("accessKey"), "SearchItems"))
                .isEqualTo(1);

        List<RawProduct> found = source.lookup(List.of(first.marketplaceId(), "B0NOSUCH00"), fresh("shop-one-20"));
        assertThat(found).singleElement().satisfies(product -> {
            assertThat(product.marketplaceId()).isEqualTo(first.marketplaceId());
            assertThat(product.title()).isEqualTo(first.title());
            assertThat(product.availability()).isIn("IN_STOCK", "OUT_OF_STOCK");
        });
    }

    @Test
    void aMerchantOnAnotherMarketplaceIsSignedForThatMarketplacesRegion() throws Exception {
        SourceAccount uk = fresh("shop-uk-21");
        SourceAccount onUk = new SourceAccount(
                uk.owner(),
                uk.affiliateTag(),
                Map.of(
                        "accessKey", uk.field("accessKey"),
                        "secretKey", uk.field("secretKey"),
                        "marketplace", "www.amazon.co.uk"));

        SourcePage page = source.search(query("usb cable", 1, 2), onUk);

        assertThat(page.products())
                .allSatisfy(product -> assertThat(product.affiliateUrl())
                        .startsWith("https://www.amazon.co.uk/dp/")
                        .contains("tag=shop-uk-21&"));
    }

    @Test
    void noResultsIsAnEmptyPage() throws Exception {
        assertThat(source.search(query("nothing matches this at all", 1, 10), fresh("shop-one-20"))
                        .products())
                .isEmpty();
    }

    @Test
    void aWrongSecretIsAnInvalidSignatureAndPermanent() {
        SourceAccount wrong = withWrongSecret(fresh("shop-one-20"), "accessKey", "secretKey");

        assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), wrong))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("InvalidSignature");
                });
    }

    @Test
    void aClockOffByAnHourIsAnExpiredRequest() {
        PaApiSource skewed =
                new PaApiSource(outbound, endpoints, settings, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));

        assertThatThrownBy(() -> skewed.search(query("usb cable", 1, 10), fresh("shop-one-20")))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("RequestExpired");
                });
    }

    @Test
    void anUnknownPartnerTagIsPermanent() {
        assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), fresh("unknown tag")))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("InvalidPartnerTag");
                });
    }

    @Test
    void theSimulatorsOwnOneCallPerSecondLimitIsRateLimited() {
        SourceAccount account = fresh("shop-one-20");
        SourceFailure throttled = null;
        for (int i = 0; i < 5 && throttled == null; i++) {
            try {
                source.search(query("usb cable", 1, 3), account);
            } catch (SourceFailure failure) {
                throttled = failure;
            }
        }
        assertThat(throttled).isNotNull();
        assertThat(throttled.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(throttled.getMessage()).contains("TooManyRequests");
    }

    @Test
    void injectedThrottlingIsRateLimitedAndServerErrorsTransient() {
        faults(admin, PROVIDER, Map.of("throttleRate", 1.0));
        assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), fresh("shop-one-20")))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED));

        faults(admin, PROVIDER, Map.of("errorRate", 1.0));
        assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), fresh("shop-one-20")))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT));

        faults(admin, PROVIDER, Map.of("outage", true));
        assertThatThrownBy(() -> source.lookup(List.of("B0000000RS"), fresh("shop-one-20")))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT));
    }

    @Test
    void twoAccountsTagsNeverCross() throws Exception {
        String asin = source.search(query("usb cable", 1, 1), fresh("shop-one-20"))
                .products()
                .getFirst()
                .marketplaceId();

        RawProduct forOne = source.lookup(List.of(asin), fresh("shop-one-20")).getFirst();
        RawProduct forTwo = source.lookup(List.of(asin), fresh("shop-two-21")).getFirst();

        assertThat(forOne.affiliateUrl()).contains("tag=shop-one-20&").doesNotContain("shop-two-21");
        assertThat(forTwo.affiliateUrl()).contains("tag=shop-two-21&").doesNotContain("shop-one-20");
    }

    @Test
    void theInstanceAccountUsesTheSandboxDefaults() throws Exception {
        assertThat(SandboxAccounts.DEFAULTS.get(PROVIDER))
                .containsExactly(PaApiSettings.SANDBOX_ACCESS_KEY, PaApiSettings.SANDBOX_SECRET_KEY);

        SourcePage page = source.search(query("usb cable", 1, 2), new SourceAccount("instance", null, Map.of()));

        assertThat(page.products())
                .allSatisfy(product ->
                        assertThat(product.affiliateUrl()).contains("tag=" + PaApiSettings.SANDBOX_TAG + "&"));
    }
}
