package dev.mercator.catalog.search;

import static dev.mercator.catalog.SandboxFixtures.clearFaults;
import static dev.mercator.catalog.SandboxFixtures.faults;
import static dev.mercator.catalog.search.CatalogSearchIntegrationTests.provider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.SandboxFixtures;
import dev.mercator.catalog.SourceAccount;
import dev.mercator.catalog.affiliate.CatalogAccounts;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One marketplace down (the simulator's outage fault) over real HTTP with the real adapters: the search still answers
 * 200 from the other marketplaces, serves the down one's cached answer marked stale with its time, and names it as
 * failed when nothing is cached. Every search asks every provider (TTLs of zero), so the outage is always met.
 */
@TestPropertySource(
        properties = {
            "mercator.catalog.cache.soft-ttl=0s",
            "mercator.catalog.cache.hard-ttl=0s",
            "mercator.catalog.resilience.backoff-base=5ms",
            "mercator.catalog.resilience.backoff-max=20ms",
            // Generous: a slow answer on a busy machine must not pass for the outage under test.
            "mercator.catalog.search.deadline=20s",
        })
class CatalogSearchOutageIntegrationTests extends IntegrationTest {

    enum Simulator {
        AMAZON(Marketplace.AMAZON, "amazon-creators", "credentialId", "credentialSecret"),
        ALIEXPRESS(Marketplace.ALIEXPRESS, "aliexpress", "appKey", "appSecret"),
        EBAY(Marketplace.EBAY, "ebay", "clientId", "clientSecret");

        final Marketplace marketplace;
        final String name;
        final String idField;
        final String secretField;

        Simulator(Marketplace marketplace, String name, String idField, String secretField) {
            this.marketplace = marketplace;
            this.name = name;
            this.idField = idField;
            this.secretField = secretField;
        }
    }

    @AfterEach
    void noFaults() {
        for (Simulator s : Simulator.values()) {
            clearFaults(admin, s.name);
        }
    }

    @ParameterizedTest
    @EnumSource(Simulator.class)
    void oneMarketplaceDownIsServedStaleFromTheCacheOrNamedAndNeverFailsTheSearch(Simulator down) {
        Tenant tenant = merchantWithOwnSandboxAccounts();
        String cached = "cable&maxPrice=99999." + seed();
        JsonNode healthy = search(tenant, cached);
        for (Simulator s : Simulator.values()) {
            assertThat(provider(healthy, s.marketplace.id()).get("status").asString())
                    .as(healthy.toString())
                    .isEqualTo("ok");
        }
        String asOf = provider(healthy, down.marketplace.id()).get("asOf").asString();

        faults(admin, down.name, Map.of("outage", true));
        JsonNode stale = search(tenant, cached);

        assertThat(stale.get("stale").asBoolean()).as(stale.toString()).isTrue();
        assertThat(stale.get("asOf").asString()).isEqualTo(asOf);
        JsonNode part = provider(stale, down.marketplace.id());
        assertThat(part.get("status").asString()).isEqualTo("stale");
        assertThat(part.get("asOf").asString()).isEqualTo(asOf);
        assertThat(part.get("error").asString()).startsWith("transient");
        assertThat(part.get("returned").asInt())
                .isEqualTo(
                        provider(healthy, down.marketplace.id()).get("returned").asInt())
                .isPositive();
        othersAnswered(stale, down);

        JsonNode uncached = search(tenant, "cable&maxPrice=99999." + seed());

        assertThat(uncached.get("failedProviders").valueStream().map(JsonNode::asString))
                .as(uncached.toString())
                .containsExactly(down.marketplace.id());
        assertThat(provider(uncached, down.marketplace.id()).get("error").asString())
                .startsWith("transient");
        assertThat(uncached.get("stale").asBoolean()).isFalse();
        assertThat(uncached.get("total").asInt()).isPositive();
        othersAnswered(uncached, down);
    }

    private static void othersAnswered(JsonNode body, Simulator down) {
        for (Simulator s : Simulator.values()) {
            if (s != down) {
                JsonNode part = provider(body, s.marketplace.id());
                assertThat(part.get("status").asString()).as(body.toString()).isEqualTo("ok");
                assertThat(part.get("returned").asInt()).isPositive();
            }
        }
    }

    private static JsonNode search(Tenant tenant, String queryAndPrice) {
        Api.Response response = tenant.api().get("/api/products/search?size=50&q=" + queryAndPrice);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Digits that make a price bound, and with it the cache key, this search's own. */
    private static String seed() {
        return Long.toString(Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L));
    }

    /** A merchant on its own sandbox accounts, so simulator limits spent by other tests do not reach it. */
    private Tenant merchantWithOwnSandboxAccounts() {
        Tenant tenant = newMerchant("Outage shop");
        for (Simulator s : Simulator.values()) {
            SourceAccount account = SandboxFixtures.account(s.name, s.idField, s.secretField, "unused");
            Api.Response stored = tenant.api()
                    .put(
                            "/api/credentials/" + CatalogAccounts.credentialName(s.marketplace),
                            Map.of(s.idField, account.field(s.idField), s.secretField, account.field(s.secretField)));
            assertThat(stored.status()).as(stored.toString()).isEqualTo(204);
        }
        return tenant;
    }
}
