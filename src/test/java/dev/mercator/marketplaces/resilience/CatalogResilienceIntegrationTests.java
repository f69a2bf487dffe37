package dev.mercator.marketplaces.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.catalog.support.CatalogIntegrationTest;
import dev.mercator.catalog.support.FakeSource;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.settings.MarketplaceSettings;
import dev.mercator.platform.ratelimit.SharedRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class CatalogResilienceIntegrationTests extends CatalogIntegrationTest {

    private static final SourceAccount ACCOUNT = new SourceAccount("instance", null, Map.of());

    @Autowired
    MarketplaceCalls calls;

    private SourcePage search(Marketplace marketplace, String keywords) throws SourceFailure {
        FakeSource source = fake(marketplace);
        SourceQuery query = new SourceQuery(keywords, 1, 10, null, null, null);
        return calls.call(marketplace, Lane.INTERACTIVE, () -> source.search(query, ACCOUNT));
    }

    @Test
    void transientFailuresAreRetriedUpToThreeAttempts() throws Exception {
        String keywords = unique("kettle");
        ebay.answer(keywords, FakeSource.product(Marketplace.EBAY, "e1", "Kettle", "20.00"));
        ebay.failNext(SourceFailure.Kind.TRANSIENT, 2, Duration.ZERO);

        assertThat(search(Marketplace.EBAY, keywords).products()).hasSize(1);
        assertThat(ebay.searches()).isEqualTo(3);

        ebay.failNext(SourceFailure.Kind.TRANSIENT, 3, Duration.ZERO);
        assertThatThrownBy(() -> search(Marketplace.EBAY, keywords))
                .isInstanceOfSatisfying(
                        SourceFailure.class, f -> assertThat(f.kind()).isEqualTo(SourceFailure.Kind.TRANSIENT));
        assertThat(ebay.searches()).isEqualTo(6);
    }

    @Test
    void rateLimitedCallsWaitForRetryAfterThenSucceed() throws Exception {
        String keywords = unique("lamp");
        amazon.answer(keywords, FakeSource.product(Marketplace.AMAZON, "A1", "Lamp", "10.00"));
        amazon.failNext(SourceFailure.Kind.RATE_LIMITED, 1, Duration.ofMillis(50));

        assertThat(search(Marketplace.AMAZON, keywords).products()).hasSize(1);
        assertThat(amazon.searches()).isEqualTo(2);
    }

    @Test
    void aRetryAfterLongerThanTheLaneAllowsFailsAtOnce() {
        String keywords = unique("desk");
        amazon.failNext(SourceFailure.Kind.RATE_LIMITED, 1, Duration.ofMinutes(5));

        assertThatThrownBy(() -> search(Marketplace.AMAZON, keywords))
                .isInstanceOfSatisfying(
                        SourceFailure.class, f -> assertThat(f.kind()).isEqualTo(SourceFailure.Kind.RATE_LIMITED));
        assertThat(amazon.searches()).isEqualTo(1);
    }

    @Test
    void permanentFailuresAreNotRetriedAndShowTheProviderUnhealthyUntilASuccess() throws Exception {
        String keywords = unique("chair");
        aliexpress.failNext(SourceFailure.Kind.PERMANENT, 1, Duration.ZERO);

        assertThatThrownBy(() -> search(Marketplace.ALIEXPRESS, keywords)).isInstanceOf(SourceFailure.class);
        assertThat(aliexpress.searches()).isEqualTo(1);

        JsonNode component =
                admin.get("/health/detailed").json().get("components").get("provider:catalog-aliexpress");
        assertThat(component.get("status").asString()).isEqualTo("DOWN");
        assertThat(component.get("detail").asString()).contains("permanent failure: scripted PERMANENT");
        assertThat(component.get("critical").asBoolean()).isFalse();

        search(Marketplace.ALIEXPRESS, keywords);
        component = admin.get("/health/detailed").json().get("components").get("provider:catalog-aliexpress");
        assertThat(component.get("status").asString()).isEqualTo("UP");
    }

    @Test
    void quotaUseIsReportedPerMarketplace() throws Exception {
        long before = quota("ebay").get("used").asLong();
        search(Marketplace.EBAY, unique("sofa"));
        search(Marketplace.EBAY, unique("sofa"));

        JsonNode ebayQuota = quota("ebay");
        assertThat(ebayQuota.get("used").asLong()).isEqualTo(before + 2);
        assertThat(ebayQuota.get("budget").asLong()).isEqualTo(5000);
        assertThat(ebayQuota.get("remaining").asLong()).isEqualTo(5000 - before - 2);
        assertThat(ebayQuota.get("backgroundLimit").asLong()).isEqualTo(2500);
        assertThat(api.get("/api/monitoring/quotas").status()).as("admin only").isEqualTo(401);
    }

    @Autowired
    SharedRateLimiter buckets;

    @Autowired
    DatabaseQuotaCounter quotaCounter;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Clock clock;

    @Test
    void instancesOnOneDatabaseSpendOneDailyBudgetAndBackgroundStopsAtItsShare() throws Exception {
        long used = quota("aliexpress").get("used").asLong();
        MarketplaceSettings tight = new MarketplaceSettings(
                Map.of(Marketplace.ALIEXPRESS, new MarketplaceSettings.Limits(1000, 1000, used + 3, 0.5)), null, null);
        MarketplaceCalls first = new MarketplaceCalls(tight, buckets::tryAcquire, quotaCounter, meters, clock);
        MarketplaceCalls second = new MarketplaceCalls(tight, buckets::tryAcquire, quotaCounter, meters, clock);
        SourceQuery query = new SourceQuery(unique("quota"), 1, 10, null, null, null);
        MarketplaceCalls.Call<SourcePage> call = () -> aliexpress.search(query, ACCOUNT);

        assertThatThrownBy(() -> first.call(Marketplace.ALIEXPRESS, Lane.BACKGROUND, call))
                .as("the background share is long spent")
                .isInstanceOfSatisfying(
                        SourceFailure.class, f -> assertThat(f.kind()).isEqualTo(SourceFailure.Kind.RATE_LIMITED));
        first.call(Marketplace.ALIEXPRESS, Lane.INTERACTIVE, call);
        second.call(Marketplace.ALIEXPRESS, Lane.INTERACTIVE, call);
        first.call(Marketplace.ALIEXPRESS, Lane.INTERACTIVE, call);

        assertThatThrownBy(() -> second.call(Marketplace.ALIEXPRESS, Lane.INTERACTIVE, call))
                .isInstanceOfSatisfying(
                        SourceFailure.class, f -> assertThat(f.getMessage()).contains("daily quota"));
        assertThat(aliexpress.searches()).isEqualTo(3);
        QuotaReport report = second.quotas().stream()
                .filter(q -> q.marketplace().equals("aliexpress"))
                .findFirst()
                .orElseThrow();
        assertThat(report.remaining()).isZero();
        assertThat(report.used()).isEqualTo(used + 3);
    }

    private JsonNode quota(String marketplace) {
        for (JsonNode q : admin.get("/api/monitoring/quotas").json().get("quotas")) {
            if (q.get("marketplace").asString().equals(marketplace)) {
                return q;
            }
        }
        throw new AssertionError("no quota for " + marketplace);
    }
}
