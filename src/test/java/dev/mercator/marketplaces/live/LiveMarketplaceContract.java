package dev.mercator.marketplaces.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a marketplace client must do against the real vendor, with the instance credentials a maintainer or merchant
 * puts in the environment (README, "Contract tests against the live vendors"). Each subclass switches one provider to
 * live mode and runs only when {@code MERCATOR_LIVE_CONTRACTS} names it; otherwise it is skipped, so the build never
 * depends on a vendor. Three calls in all, through the same facade, limits and quotas as production, on the background
 * lane.
 */
abstract class LiveMarketplaceContract extends IntegrationTest {

    @Autowired
    Marketplaces marketplaces;

    abstract Marketplace marketplace();

    /** What the account's affiliate links carry: the tag, tracking id or campaign id from the environment. */
    abstract String affiliateMarker();

    /** The account the contract runs under: the instance's, from the environment. */
    SourceAccount account() {
        return marketplaces.account(null, marketplace());
    }

    @Test
    void searchFindsPricedProductsAndTheirLookupAgrees() throws Exception {
        SourceAccount account = account();
        SourcePage page =
                paced(() -> marketplaces.search(marketplace(), query("usb c cable"), account, Lane.BACKGROUND));

        assertThat(page.products())
                .as("a common query on the live %s", marketplace())
                .isNotEmpty();
        for (RawProduct product : page.products()) {
            assertThat(product.marketplace()).isEqualTo(marketplace());
            assertThat(product.marketplaceId()).isNotBlank();
            assertThat(product.title()).isNotBlank();
            assertThat(product.productUrl()).startsWith("https://");
        }
        RawProduct priced = page.products().stream()
                .filter(product -> product.price() != null && product.currency() != null)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no product with a price in " + page.products()));
        assertThat(new BigDecimal(priced.price())).isPositive();
        assertThat(priced.currency()).matches("[A-Z]{3}");

        List<RawProduct> found = paced(
                () -> marketplaces.lookup(marketplace(), List.of(priced.marketplaceId()), account, Lane.BACKGROUND));
        assertThat(found).singleElement().satisfies(product -> {
            assertThat(product.marketplaceId()).isEqualTo(priced.marketplaceId());
            assertThat(product.title()).isNotBlank();
        });
        String link = found.getFirst().affiliateUrl() != null ? found.getFirst().affiliateUrl() : priced.affiliateUrl();
        assertThat(link).as("the affiliate link").isNotNull().contains(affiliateMarker());
    }

    @Test
    void aSearchThatMatchesNothingIsAnEmptyPageNotAFailure() throws Exception {
        SourceAccount account = account();
        String nonsense = "zqxv" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "wkjq";

        SourcePage page = paced(() -> marketplaces.search(marketplace(), query(nonsense), account, Lane.BACKGROUND));

        assertThat(page.products()).isEmpty();
    }

    /** The call, made again once the vendor's rate limit lets it (the Creators API allows one call a second). */
    private static <T> T paced(Callable<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (SourceFailure failure) {
                if (failure.kind() != SourceFailure.Kind.RATE_LIMITED || attempt == 5) {
                    throw failure;
                }
                Duration wait = failure.retryAfter() == null ? Duration.ofSeconds(1) : failure.retryAfter();
                // The vendor's own pace, not a guess at a race: it says how long until the next call is allowed.
                Thread.sleep(Math.max(100, wait.toMillis()));
            }
        }
    }

    private static SourceQuery query(String keywords) {
        return new SourceQuery(keywords, 1, 10, null, null, null);
    }
}
