package dev.mercator.catalog.amazon;

import static dev.mercator.catalog.SandboxFixtures.account;
import static dev.mercator.catalog.SandboxFixtures.clearFaults;
import static dev.mercator.catalog.SandboxFixtures.faults;
import static dev.mercator.catalog.SandboxFixtures.stat;
import static dev.mercator.catalog.SandboxFixtures.withWrongSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.catalog.Gtin;
import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.ProductSource;
import dev.mercator.catalog.RawProduct;
import dev.mercator.catalog.SourceAccount;
import dev.mercator.catalog.SourceFailure;
import dev.mercator.catalog.SourceFailure.Kind;
import dev.mercator.catalog.SourcePage;
import dev.mercator.catalog.SourceQuery;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Creators API adapter through its real HTTP client against the Creators API simulator. */
class CreatorsApiSourceIntegrationTests extends IntegrationTest {

    static final String PROVIDER = "amazon-creators";

    @Autowired
    ProductSource[] sources;

    @Autowired
    CreatorsApiSource source;

    @AfterEach
    void noFaults() {
        clearFaults(admin, PROVIDER);
    }

    static SourceAccount fresh(String tag) {
        return account(PROVIDER, "credentialId", "credentialSecret", tag);
    }

    static SourceQuery query(String keywords, int page, int size) {
        return new SourceQuery(keywords, page, size, null, null, null);
    }

    @Test
    void isTheDefaultAmazonSource() {
        assertThat(List.of(sources))
                .filteredOn(candidate -> candidate.marketplace() == Marketplace.AMAZON)
                .singleElement()
                .isInstanceOf(CreatorsApiSource.class);
    }

    @Test
    void searchesAndLooksUpWithTheAccountsTagInEveryLink() throws Exception {
        SourcePage page = source.search(query("usb cable", 1, 10), fresh("shop-one-20"));

        assertThat(page.products()).hasSize(10);
        assertThat(page.totalResults()).isGreaterThan(10);
        assertThat(page.hasMore()).isTrue();
        RawProduct first = page.products().getFirst();
        assertThat(first.marketplace()).isEqualTo(Marketplace.AMAZON);
        assertThat(first.marketplaceId()).matches("B0[0-9A-Z]{8}");
        assertThat(first.title()).containsIgnoringCase("usb").containsIgnoringCase("cable");
        assertThat(first.affiliateUrl()).contains("tag=shop-one-20&");
        assertThat(first.productUrl()).isEqualTo("https://www.amazon.com/dp/" + first.marketplaceId());

        List<RawProduct> found = source.lookup(List.of(first.marketplaceId(), "B0NOSUCH00"), fresh("shop-one-20"));
        assertThat(found).singleElement().satisfies(product -> {
            assertThat(product.marketplaceId()).isEqualTo(first.marketplaceId());
            assertThat(product.brand()).isNotBlank();
            assertThat(product.model()).isNotBlank();
            assertThat(product.imageUrl()).startsWith("https://m.media-amazon.com/");
            assertThat(product.gtins()).isNotEmpty();
            assertThat(product.availability()).isNotBlank();
        });
    }

    @Test
    void mapsPricesAndGtinsAsGivenWithoutValidatingThem() throws Exception {
        List<RawProduct> all = new ArrayList<>();
        SourceAccount account = fresh("shop-one-20");
        for (int page = 1; page <= 10; page++) {
            all.addAll(source.search(query("cable", page, 10), fresh("shop-one-20"))
                    .products());
        }
        assertThat(all).isNotEmpty();
        assertThat(all).allSatisfy(product -> assertThat(product.gtins()).isNotEmpty());
        assertThat(all)
                .filteredOn(product -> product.price() != null)
                .allSatisfy(product -> assertThat(product.price()).matches("\\d+(\\.\\d+)?"));
        assertThat(all.stream().flatMap(product -> product.gtins().stream()).filter(Gtin::isValid))
                .isNotEmpty();
    }

    @Test
    void noResultsIsAnEmptyPage() throws Exception {
        SourcePage page = source.search(query("nothing matches this at all", 1, 10), fresh("shop-one-20"));

        assertThat(page.products()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void cachesTheTokenAcrossCallsAndMintsItOnceForConcurrentCallers() throws Exception {
        SourceAccount account = fresh("shop-one-20");
        String id = account.field("credentialId");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> {
                    try {
                        return source.search(query("usb cable", 1, 3), account);
                    } catch (SourceFailure throttled) {
                        // The simulator allows one call a second; a throttled call has still used the token.
                        return throttled.kind();
                    }
                });
            }
            for (Future<Object> done : pool.invokeAll(calls)) {
                assertThat(done.get()).isNotEqualTo(Kind.PERMANENT);
            }
        }

        assertThat(stat(api, PROVIDER, id, "tokens")).isEqualTo(1);
        assertThat(stat(api, PROVIDER, id, "searchItems") + stat(api, PROVIDER, id, "throttled"))
                .isEqualTo(4);
    }

    @Test
    void anExpiredTokenIsReplacedAndTheCallRetriedOnce() throws Exception {
        SourceAccount account = fresh("shop-one-20");
        String id = account.field("credentialId");
        source.lookup(List.of(firstAsin()), account);
        assertThat(api.post("/sandbox/" + PROVIDER + "/_sandbox/accounts/" + id + "/expire-tokens", Map.of())
                        .status())
                .isEqualTo(204);

        pauseForRateLimit();
        assertThat(source.lookup(List.of(firstAsin()), account)).hasSize(1);

        assertThat(stat(api, PROVIDER, id, "tokens")).isEqualTo(2);
    }

    @Test
    void aWrongSecretIsPermanent() {
        SourceAccount wrong = withWrongSecret(fresh("shop-one-20"), "credentialId", "credentialSecret");

        assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), wrong))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.marketplace()).isEqualTo(Marketplace.AMAZON);
                    assertThat(failure.getMessage()).contains("invalid_client").doesNotContain("not-the-secret");
                });
    }

    @Test
    void anInvalidPartnerTagIsPermanent() {
        assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), fresh("not a tag")))
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
        assertThat(throttled.getMessage()).contains("ThrottlingException");
    }

    @Test
    void injectedThrottlingIsRateLimited() {
        SourceAccount account = fresh("shop-one-20");
        faults(admin, PROVIDER, Map.of("throttleRate", 1.0));

        assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), account))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED));
    }

    @Test
    void serverErrorsAndOutagesAreTransient() {
        SourceAccount account = fresh("shop-one-20");
        faults(admin, PROVIDER, Map.of("errorRate", 1.0));
        assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), account))
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
        SourceAccount one = fresh("shop-one-20");
        SourceAccount two = fresh("shop-two-21");
        String asin = firstAsin();

        RawProduct forOne = source.lookup(List.of(asin), one).getFirst();
        RawProduct forTwo = source.lookup(List.of(asin), two).getFirst();

        assertThat(forOne.affiliateUrl()).contains("tag=shop-one-20&").doesNotContain("shop-two-21");
        assertThat(forTwo.affiliateUrl()).contains("tag=shop-two-21&").doesNotContain("shop-one-20");
    }

    @Test
    void theInstanceAccountUsesTheSandboxDefaults() throws Exception {
        assertThat(SandboxAccounts.DEFAULTS.get(PROVIDER))
                .containsExactly(CreatorsApiSettings.SANDBOX_ID, CreatorsApiSettings.SANDBOX_SECRET);
        SourceAccount instance = new SourceAccount("instance", null, Map.of());

        RawProduct product = source.lookup(List.of(firstAsin()), instance).getFirst();

        assertThat(product.affiliateUrl()).contains("tag=" + CreatorsApiSettings.SANDBOX_TAG + "&");
    }

    private String firstAsin() throws SourceFailure {
        return source.search(query("usb cable", 1, 1), fresh("shop-one-20"))
                .products()
                .getFirst()
                .marketplaceId();
    }

    /** Waits out the simulator's one-call-a-second limit of an account (not an assertion on timing). */
    static void pauseForRateLimit() throws InterruptedException {
        Thread.sleep(1100);
    }
}
