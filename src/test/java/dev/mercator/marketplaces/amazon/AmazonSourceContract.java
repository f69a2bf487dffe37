package dev.mercator.marketplaces.amazon;

import static dev.mercator.marketplaces.SandboxFixtures.clearFaults;
import static dev.mercator.marketplaces.SandboxFixtures.faults;
import static dev.mercator.marketplaces.SandboxFixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.catalog.product.Gtin;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every Amazon adapter must do, whichever API it speaks: run through its real HTTP client against its simulator,
 * map the same {@code Item} tree, and class every failure the same way. Each adapter's test names its simulator, how
 * it mints accounts, and the vendor's own words for a wrong secret and for throttling.
 */
abstract class AmazonSourceContract extends IntegrationTest {

    abstract AmazonSource<?> source();

    /**
     * The vendor's own words, as its simulator uses them.
     *
     * @param provider the simulator's name, for faults and statistics
     * @param idField the account field holding the id the simulator counts calls under
     * @param searchCounter the simulator's counter of search calls
     * @param wrongSecretError what the vendor calls a wrong secret
     * @param throttlingError what the vendor calls throttling
     * @param sandboxTag the tag the sandbox defaults give the instance account
     */
    record Vendor(
            String provider,
            String idField,
            String searchCounter,
            String wrongSecretError,
            String throttlingError,
            String sandboxTag) {}

    final Vendor vendor;

    AmazonSourceContract(Vendor vendor) {
        this.vendor = vendor;
    }

    /** A fresh account the simulator accepts, with its own rate limit and counters. */
    abstract SourceAccount fresh(String tag);

    /** The same account with a secret the simulator does not know. */
    abstract SourceAccount withWrongSecret(SourceAccount account);

    /** An account with no credentials of its own, which the sandbox defaults serve. */
    SourceAccount instanceAccount() {
        return new SourceAccount("instance", null, Map.of());
    }

    static SourceQuery query(String keywords, int page, int size) {
        return new SourceQuery(keywords, page, size, null, null, null);
    }

    @AfterEach
    void noFaults() {
        clearFaults(admin, vendor.provider());
    }

    @Test
    void searchesAndLooksUpWithTheAccountsTagInEveryLink() throws Exception {
        SourceAccount account = fresh("shop-one-20");
        SourcePage page = source().search(query("usb cable", 1, 10), account);

        assertThat(page.products()).hasSize(10);
        assertThat(page.totalResults()).isGreaterThan(10);
        assertThat(page.hasMore()).isTrue();
        assertThat(stat(api, vendor.provider(), account.field(vendor.idField()), vendor.searchCounter()))
                .isEqualTo(1);
        RawProduct first = page.products().getFirst();
        assertThat(first.marketplace()).isEqualTo(Marketplace.AMAZON);
        assertThat(first.marketplaceId()).matches("B0[0-9A-Z]{8}");
        assertThat(first.title()).containsIgnoringCase("usb").containsIgnoringCase("cable");
        assertThat(first.affiliateUrl()).contains("tag=shop-one-20&");
        assertThat(first.productUrl()).isEqualTo("https://www.amazon.com/dp/" + first.marketplaceId());

        List<RawProduct> found = source().lookup(List.of(first.marketplaceId(), "B0NOSUCH00"), fresh("shop-one-20"));
        assertThat(found).singleElement().satisfies(product -> {
            assertThat(product.marketplaceId()).isEqualTo(first.marketplaceId());
            assertThat(product.title()).isEqualTo(first.title());
            assertThat(product.brand()).isNotBlank();
            assertThat(product.model()).isNotBlank();
            assertThat(product.imageUrl()).startsWith("https://m.media-amazon.com/");
            assertThat(product.gtins()).isNotEmpty();
            assertThat(product.availability()).isIn("IN_STOCK", "OUT_OF_STOCK");
        });
    }

    @Test
    void mapsPricesAndGtinsAsGivenWithoutValidatingThem() throws Exception {
        List<RawProduct> all = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            all.addAll(source().search(query("cable", page, 10), fresh("shop-one-20"))
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
        SourcePage page = source().search(query("nothing matches this at all", 1, 10), fresh("shop-one-20"));

        assertThat(page.products()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void aWrongSecretIsPermanent() {
        SourceAccount wrong = withWrongSecret(fresh("shop-one-20"));

        assertThatThrownBy(() -> source().search(query("usb cable", 1, 10), wrong))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.marketplace()).isEqualTo(Marketplace.AMAZON);
                    assertThat(failure.getMessage())
                            .contains(vendor.wrongSecretError())
                            .doesNotContain("not-the-secret");
                });
    }

    @Test
    void anInvalidPartnerTagIsPermanent() {
        assertThatThrownBy(() -> source().search(query("usb cable", 1, 10), fresh("not a tag")))
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
                source().search(query("usb cable", 1, 3), account);
            } catch (SourceFailure failure) {
                throttled = failure;
            }
        }
        assertThat(throttled).isNotNull();
        assertThat(throttled.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(throttled.getMessage()).contains(vendor.throttlingError());
    }

    @Test
    void injectedThrottlingIsRateLimitedWithoutARetryAfter() {
        faults(admin, vendor.provider(), Map.of("throttleRate", 1.0, "retryAfterSeconds", 7));

        assertThatThrownBy(() -> source().search(query("usb cable", 1, 10), fresh("shop-one-20")))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
                    // Amazon's throttles say nothing of how long to wait: the caller backs off on its own.
                    assertThat(failure.retryAfter()).isNull();
                });
    }

    @Test
    void aRefusedParameterIsPermanent() {
        SourceAccount account = fresh("shop-one-20");
        // Blank keywords are the vendor's own validation error; the adapter passes keywords as given.
        assertThatThrownBy(() -> source().search(query(" ", 1, 10), account))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).startsWith("HTTP 400: ").contains("Validation");
                });

        // The same account: its token (where there is one) is cached, so the refusal meets the lookup itself.
        faults(admin, vendor.provider(), Map.of("badRequestRate", 1.0));
        assertThatThrownBy(() -> source().lookup(List.of("B0000000RS"), account))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).startsWith("HTTP 400: ");
                });
    }

    @Test
    void serverErrorsAndOutagesAreTransient() {
        faults(admin, vendor.provider(), Map.of("errorRate", 1.0));
        assertThatThrownBy(() -> source().search(query("usb cable", 1, 10), fresh("shop-one-20")))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT));

        faults(admin, vendor.provider(), Map.of("outage", true));
        assertThatThrownBy(() -> source().lookup(List.of("B0000000RS"), fresh("shop-one-20")))
                .isInstanceOfSatisfying(
                        SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT));
    }

    @Test
    void twoAccountsTagsNeverCross() throws Exception {
        String asin = firstAsin();

        RawProduct forOne = source().lookup(List.of(asin), fresh("shop-one-20")).getFirst();
        RawProduct forTwo = source().lookup(List.of(asin), fresh("shop-two-21")).getFirst();

        assertThat(forOne.affiliateUrl()).contains("tag=shop-one-20&").doesNotContain("shop-two-21");
        assertThat(forTwo.affiliateUrl()).contains("tag=shop-two-21&").doesNotContain("shop-one-20");
    }

    @Test
    void theInstanceAccountUsesTheSandboxDefaults() throws Exception {
        RawProduct product =
                source().lookup(List.of(firstAsin()), instanceAccount()).getFirst();

        assertThat(product.affiliateUrl()).contains("tag=" + vendor.sandboxTag() + "&");
    }

    String firstAsin() throws SourceFailure {
        return source().search(query("usb cable", 1, 1), fresh("shop-one-20"))
                .products()
                .getFirst()
                .marketplaceId();
    }
}
