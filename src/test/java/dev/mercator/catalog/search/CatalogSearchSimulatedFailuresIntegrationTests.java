package dev.mercator.catalog.search;

import static dev.mercator.catalog.search.CatalogSearchIntegrationTests.provider;
import static dev.mercator.marketplaces.SandboxFixtures.clearFaults;
import static dev.mercator.marketplaces.SandboxFixtures.faults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SandboxFixtures;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.affiliate.MarketplaceAccounts;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Marketplace failures met by a search over real HTTP, with the real adapters against the simulators. One marketplace
 * down (the outage fault): the search still answers 200 from the others, serves the down one's cached answer marked
 * stale with its time, and names it as failed when nothing is cached. A permanent failure (wrong credentials) is not
 * retried and shows the marketplace unhealthy with the reason, and so is a request the marketplace refuses as invalid
 * (the bad-request fault, in each vendor's own shape). A throttle that lifts is waited out (for the vendor's
 * Retry-After where it sends one) and the search succeeds. An empty answer is negative-cached. Every non-empty search
 * asks every provider (TTLs of zero), so the fault is always met. {@link CatalogSearchPaApiFailuresIntegrationTests}
 * runs the same cases for Amazon through PA-API 5.0.
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
// Per class: the simulators are instance methods, so the PA-API subclass can name its own.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogSearchSimulatedFailuresIntegrationTests extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    /**
     * A marketplace's simulator and its own words for a wrong secret and for a refused parameter.
     *
     * @param reason the simulator's error for a wrong secret
     * @param badRequest the simulator's error for a parameter it refuses, as the adapter reports it
     * @param retryAfter whether the vendor's throttle says how long to wait (Amazon's APIs do not)
     */
    record Simulator(
            Marketplace marketplace,
            String name,
            String idField,
            String secretField,
            String reason,
            String badRequest,
            boolean retryAfter) {

        static final Simulator CREATORS = new Simulator(
                Marketplace.AMAZON,
                "amazon-creators",
                "credentialId",
                "credentialSecret",
                "invalid_client",
                "HTTP 400: ValidationException FieldValidationFailed",
                false);
        static final Simulator PAAPI = new Simulator(
                Marketplace.AMAZON,
                "paapi",
                "accessKey",
                "secretKey",
                "InvalidSignature",
                "HTTP 400: InvalidParameterValue",
                false);
        static final Simulator ALIEXPRESS = new Simulator(
                Marketplace.ALIEXPRESS,
                "aliexpress",
                "appKey",
                "appSecret",
                "IncompleteSignature",
                "InvalidParameter: page_no must be",
                true);
        static final Simulator EBAY = new Simulator(
                Marketplace.EBAY,
                "ebay",
                "clientId",
                "clientSecret",
                "invalid_client",
                "HTTP 400: errorId 12002",
                true);

        @Override
        public String toString() {
            return name;
        }
    }

    /** One simulator per marketplace, as this context's settings pick them (Amazon: the Creators API). */
    List<Simulator> simulators() {
        return List.of(Simulator.CREATORS, Simulator.ALIEXPRESS, Simulator.EBAY);
    }

    /** The simulators this class's parameterised tests run for; a subclass may narrow them to the one it adds. */
    List<Simulator> underTest() {
        return simulators();
    }

    @AfterEach
    void noFaults() {
        for (Simulator s : simulators()) {
            clearFaults(admin, s.name);
        }
    }

    @ParameterizedTest
    @MethodSource("underTest")
    void oneMarketplaceDownIsServedStaleFromTheCacheOrNamedAndNeverFailsTheSearch(Simulator down) {
        Tenant tenant = merchantWithOwnSandboxAccounts();
        String cached = "cable&maxPrice=99999." + seed();
        JsonNode healthy = search(tenant, cached);
        for (Simulator s : simulators()) {
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
    @MethodSource("underTest")
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
    @MethodSource("underTest")
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

    @ParameterizedTest
    @MethodSource("underTest")
    void aRequestTheMarketplaceRefusesAsInvalidIsPermanentNotRetriedAndShowsItUnhealthy(Simulator refusing) {
        Tenant tenant = merchantWithOwnSandboxAccounts();
        String only = "&providers=" + refusing.marketplace.id() + "&maxPrice=99999.";
        // A first search mints and caches any token, so the refusal meets the search call itself.
        search(tenant, "cable" + only + seed());
        faults(admin, refusing.name, Map.of("badRequestRate", 1.0));
        double calls = outboundCalls(refusing);

        JsonNode body = search(tenant, "cable" + only + seed());

        assertThat(body.get("failedProviders").valueStream().map(JsonNode::asString))
                .as(body.toString())
                .containsExactly(refusing.marketplace.id());
        assertThat(provider(body, refusing.marketplace.id()).get("error").asString())
                .startsWith("permanent");
        assertThat(outboundCalls(refusing) - calls).as("no retry").isEqualTo(1);
        JsonNode health = health(refusing);
        assertThat(health.get("status").asString()).isEqualTo("DOWN");
        assertThat(health.get("detail").asString()).startsWith("permanent failure: " + refusing.badRequest);

        clearFaults(admin, refusing.name);
        // The account has just made its calls of this second, and the Amazon simulator throttles with no Retry-After as
        // Amazon does, so the first search after the fault can be throttled (no verdict): health turns UP at the first
        // search that succeeds. The bound is against hanging, not a timing claim.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            search(tenant, "cable" + only + seed());
            assertThat(health(refusing).get("status").asString()).isEqualTo("UP");
        });
    }

    @ParameterizedTest
    @MethodSource("underTest")
    void aThrottleThatLiftsIsWaitedOutAndTheSearchSucceeds(Simulator throttling) {
        Tenant tenant = merchantWithOwnSandboxAccounts();
        // One throttled answer (the token's, where there is one), saying 1 s where the vendor says how long.
        faults(admin, throttling.name, Map.of("throttleRate", 1.0, "retryAfterSeconds", 1, "times", 1));
        double throttled = outcomes(throttling, "rate_limited");
        long started = System.nanoTime();

        JsonNode body = search(tenant, "cable&providers=" + throttling.marketplace.id() + "&maxPrice=99999." + seed());

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(body.get("failedProviders")).as(body.toString()).isEmpty();
        JsonNode part = provider(body, throttling.marketplace.id());
        assertThat(part.get("status").asString()).isEqualTo("ok");
        assertThat(part.get("returned").asInt()).isPositive();
        assertThat(outcomes(throttling, "rate_limited") - throttled)
                .as("throttled once, then waited and asked again")
                .isEqualTo(1);
        if (throttling.retryAfter) {
            // A lower bound only: the wait is the vendor's, never shorter; how much longer depends on the machine.
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    /** Calls the service made to a simulator, tokens included. */
    private double outboundCalls(Simulator simulator) {
        return meters.find("mercator.outbound.requests").tag("provider", simulator.name).timers().stream()
                .mapToDouble(timer -> timer.count())
                .sum();
    }

    /** The marketplace's call outcomes counted by MarketplaceCalls ({@code success}, {@code rate_limited}, ...). */
    private double outcomes(Simulator simulator, String outcome) {
        return meters
                .find("mercator.catalog.calls")
                .tag("marketplace", simulator.marketplace.id())
                .tag("outcome", outcome)
                .counters()
                .stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    private JsonNode health(Simulator simulator) {
        return admin.get("/health/detailed")
                .json()
                .get("components")
                .get("provider:catalog-" + simulator.marketplace.id());
    }

    private void othersAnswered(JsonNode body, Simulator down) {
        for (Simulator s : simulators()) {
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
        for (Simulator s : simulators()) {
            store(tenant, s, SandboxFixtures.account(s.name, s.idField, s.secretField, "unused"));
        }
        return tenant;
    }

    /** Stores the account's credentials (without a tag: no link-API calls) as the merchant's own. */
    private static void store(Tenant tenant, Simulator s, SourceAccount account) {
        Api.Response stored = tenant.api()
                .put(
                        "/api/credentials/" + MarketplaceAccounts.credentialName(s.marketplace),
                        Map.of(s.idField, account.field(s.idField), s.secretField, account.field(s.secretField)));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(204);
    }
}
