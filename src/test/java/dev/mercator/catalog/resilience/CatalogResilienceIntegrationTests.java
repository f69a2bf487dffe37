package dev.mercator.catalog.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.SourceAccount;
import dev.mercator.catalog.SourceFailure;
import dev.mercator.catalog.SourcePage;
import dev.mercator.catalog.SourceQuery;
import dev.mercator.catalog.support.CatalogIntegrationTest;
import dev.mercator.catalog.support.FakeSource;
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

    private JsonNode quota(String marketplace) {
        for (JsonNode q : admin.get("/api/monitoring/quotas").json().get("quotas")) {
            if (q.get("marketplace").asString().equals(marketplace)) {
                return q;
            }
        }
        throw new AssertionError("no quota for " + marketplace);
    }
}
