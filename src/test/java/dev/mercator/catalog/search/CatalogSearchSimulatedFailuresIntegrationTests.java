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
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Marketplace failures met by a search over real HTTP, with the real adapters against the simulators. One marketplace
 * down (the outage fault): the search still answers 200 from the others, serves the down one's cached answer marked
 * stale with its time, and names it as failed when nothing is cached. A permanent failure (wrong credentials) is not
 * retried and shows the marketplace unhealthy with the reason. An empty answer is negative-cached. Every non-empty
 * search asks every provider (TTLs of zero), so the fault is always met.
 */
@TestPropertySource(
        properties = {
            "mercator.catalog.cache.soft-ttl=0s",
            "mercator.catalog.cache.hard-ttl=0s",
            "mercator.catalog.resilience.backoff-base=5ms",
            "mercator.catalog.resilience.backoff-max=20ms",
            // Each test breaks one marketplace on purpose; the next must find the others' breakers closed.
            "mercator.catalog.resilience.breaker-failures=1000",
            // Generous: a slow answer on a busy machine must not pass for the outage under test.
            "mercator.catalog.search.deadline=20s",
        })
class CatalogSearchSimulatedFailuresIntegrationTests extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    enum Simulator {
        AMAZON(Marketplace.AMAZON, "amazon-creators", "credentialId", "credentialSecret", "invalid_client"),
        ALIEXPRESS(Marketplace.ALIEXPRESS, "aliexpress", "appKey", "appSecret", "IncompleteSignature"),
        EBAY(Marketplace.EBAY, "ebay", "clientId", "clientSecret", "invalid_client");

        final Marketplace marketplace;
        final String name;
        final String idField;
        final String secretField;
        /** The simulator's error for a wrong secret. */
        final String reason;

        Simulator(Marketplace marketplace, String name, String idField, String secretField, String reason) {
            this.marketplace = marketplace;
            this.name = name;
            this.idField = idField;
            this.secretField = secretField;
            this.reason = reason;
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

    @ParameterizedTest
    @EnumSource(Simulator.class)
    void aPermanentFailureIsNotRetriedAndShowsTheMarketplaceUnhealthyWithTheReason(Simulator broken) {
        Tenant tenant = newMerchant("Wrong secret shop");
        SourceAccount wrong = SandboxFixtures.withWrongSecret(
                SandboxFixtures.account(broken.name, broken.idField, broken.secretField, "unused"),
                broken.idField,
                broken.secretField);
        store(tenant, broken, wrong);
        double calls = outboundCalls(broken);

        JsonNode body = search(tenant, "cable&providers=" + broken.marketplace.id() + "&maxPrice=99999." + seed());

        assertThat(body.get("failedProviders").valueStream().map(JsonNode::asString))
                .as(body.toString())
                .containsExactly(broken.marketplace.id());
        assertThat(provider(body, broken.marketplace.id()).get("error").asString())
                .startsWith("permanent");
        assertThat(outboundCalls(broken) - calls).as("no retry").isEqualTo(1);
        JsonNode health = admin.get("/health/detailed")
                .json()
                .get("components")
                .get("provider:catalog-" + broken.marketplace.id());
        assertThat(health.get("status").asString()).isEqualTo("DOWN");
        assertThat(health.get("detail").asString())
                .startsWith("permanent failure: ")
                .contains(broken.reason);

        // A success clears the mark, so the other tests in this context meet a healthy marketplace.
        search(merchantWithOwnSandboxAccounts(), "cable&maxPrice=99999." + seed());
        assertThat(admin.get("/health/detailed")
                        .json()
                        .get("components")
                        .get("provider:catalog-" + broken.marketplace.id())
                        .get("status")
                        .asString())
                .isEqualTo("UP");
    }

    @ParameterizedTest
    @EnumSource(Simulator.class)
    void anEmptyAnswerIsNegativeCached(Simulator simulator) {
        Tenant tenant = merchantWithOwnSandboxAccounts();
        String nothing =
                "nothing+matches+this+at+all&providers=" + simulator.marketplace.id() + "&maxPrice=99999." + seed();
        double calls = outboundCalls(simulator);

        JsonNode first = search(tenant, nothing);
        double spent = outboundCalls(simulator) - calls;
        JsonNode second = search(tenant, nothing);

        assertThat(first.get("total").asInt()).isZero();
        assertThat(provider(first, simulator.marketplace.id()).get("status").asString())
                .isEqualTo("ok");
        assertThat(spent).as("the first empty search asked the marketplace").isPositive();
        assertThat(second.get("total").asInt()).isZero();
        assertThat(provider(second, simulator.marketplace.id()).get("status").asString())
                .isEqualTo("ok");
        assertThat(outboundCalls(simulator) - calls)
                .as("the soft TTL is zero here, so only the negative cache can spare the repeat its call")
                .isEqualTo(spent);
    }

    /** Calls the service made to a simulator, tokens included. */
    private double outboundCalls(Simulator simulator) {
        return meters.find("mercator.outbound.requests").tag("provider", simulator.name).timers().stream()
                .mapToDouble(timer -> timer.count())
                .sum();
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
            store(tenant, s, SandboxFixtures.account(s.name, s.idField, s.secretField, "unused"));
        }
        return tenant;
    }

    /** Stores the account's credentials (without a tag: no link-API calls) as the merchant's own. */
    private static void store(Tenant tenant, Simulator s, SourceAccount account) {
        Api.Response stored = tenant.api()
                .put(
                        "/api/credentials/" + CatalogAccounts.credentialName(s.marketplace),
                        Map.of(s.idField, account.field(s.idField), s.secretField, account.field(s.secretField)));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(204);
    }
}
