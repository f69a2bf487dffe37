package dev.mercator.catalog.search;

import static dev.mercator.marketplaces.SandboxFixtures.clearFaults;
import static dev.mercator.marketplaces.SandboxFixtures.faults;
import static dev.mercator.marketplaces.SandboxFixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SandboxFixtures;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.affiliate.MarketplaceAccounts;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Coalescing over real HTTP: a hundred identical searches sent at once to the running service, with the real adapters
 * calling the marketplace simulators (made slow so the calls overlap), cost one search call per marketplace, counted by
 * the simulators themselves for the merchant's own sandbox accounts.
 */
// A hundred requests at once keep two busy cores behind for seconds before the first reaches a marketplace: the
// deadline is generous so that a slow machine is not mistaken for a late provider.
@TestPropertySource(properties = "mercator.catalog.search.deadline=30s")
class CatalogSearchCoalescingIntegrationTests extends IntegrationTest {

    private static final int SEARCHES = 100;
    /** Long enough that every request arrives while the first upstream call is still out, short of the deadline. */
    private static final int LATENCY_MS = 2000;

    /** Simulator name, credential fields, and the simulator's counter of search calls. */
    private record Simulated(Marketplace marketplace, String simulator, String id, String secret, String counter) {}

    private static final List<Simulated> SIMULATORS = List.of(
            new Simulated(Marketplace.AMAZON, "amazon-creators", "credentialId", "credentialSecret", "searchItems"),
            new Simulated(
                    Marketplace.ALIEXPRESS, "aliexpress", "appKey", "appSecret", "aliexpress.affiliate.product.query"),
            new Simulated(Marketplace.EBAY, "ebay", "clientId", "clientSecret", "search"));

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void noFaults() {
        SIMULATORS.forEach(s -> clearFaults(admin, s.simulator()));
    }

    @Test
    void aHundredSimultaneousIdenticalSearchesCostOneUpstreamCallPerMarketplace() throws Exception {
        Tenant tenant = newMerchant("Coalescing shop");
        Map<Simulated, String> accounts = ownSandboxAccounts(tenant);
        // A maximum price above every product makes the cache key this test's own without changing the results.
        String path = "/api/products/search?q=cable&size=50&maxPrice=99999." + random();
        // Tokens are minted before the measured burst, so only the search calls are slowed and counted.
        assertThat(tenant.api()
                        .get("/api/products/search?q=cable&size=1&maxPrice=1." + random())
                        .status())
                .isEqualTo(200);
        Map<Simulated, Long> before = new HashMap<>();
        Map<Simulated, Double> missesBefore = new HashMap<>();
        for (Simulated s : SIMULATORS) {
            before.put(s, stat(api, s.simulator(), accounts.get(s), s.counter()));
            missesBefore.put(s, misses(s.marketplace()));
            faults(admin, s.simulator(), Map.of("latencyMs", LATENCY_MS));
        }

        List<Api.Response> responses = concurrently(tenant.api(), path);

        for (Simulated s : SIMULATORS) {
            assertThat(stat(api, s.simulator(), accounts.get(s), s.counter()) - before.get(s))
                    .as("%s search calls for %d identical searches", s.simulator(), SEARCHES)
                    .isEqualTo(1);
            // Without overlap the test would pass without coalescing anything: most requests must have missed the
            // cache, i.e. arrived while the one upstream call was still out, and waited for it.
            assertThat(misses(s.marketplace()) - missesBefore.get(s))
                    .as("%s searches that arrived during the upstream call", s.simulator())
                    .isGreaterThanOrEqualTo(SEARCHES / 2.0);
        }
        assertThat(responses)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        JsonNode first = responses.getFirst().json();
        for (JsonNode part : first.get("providers")) {
            assertThat(part.get("status").asString()).as(part.toString()).isEqualTo("ok");
            assertThat(part.get("returned").asInt()).as(part.toString()).isPositive();
        }
        assertThat(first.get("items")).isNotEmpty();
        assertThat(responses).allSatisfy(r -> assertThat(r.json().get("items")).isEqualTo(first.get("items")));
    }

    /** The merchant's own sandbox credentials per marketplace, so the simulators' counters are this test's alone. */
    private static Map<Simulated, String> ownSandboxAccounts(Tenant tenant) {
        Map<Simulated, String> ids = new HashMap<>();
        for (Simulated s : SIMULATORS) {
            SourceAccount account = SandboxFixtures.account(s.simulator(), s.id(), s.secret(), "unused");
            // No affiliate tag: links then need no extra link-API calls that would muddle the count.
            Api.Response stored = tenant.api()
                    .put(
                            "/api/credentials/" + MarketplaceAccounts.credentialName(s.marketplace()),
                            Map.of(s.id(), account.field(s.id()), s.secret(), account.field(s.secret())));
            assertThat(stored.status()).as(stored.toString()).isEqualTo(204);
            ids.put(s, account.field(s.id()));
        }
        return ids;
    }

    /** Sends the same request {@link #SEARCHES} times, all released at once by a latch. */
    private static List<Api.Response> concurrently(Api api, String path) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> pending = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SEARCHES; i++) {
                pending.add(clients.submit(() -> {
                    go.await();
                    return api.get(path);
                }));
            }
            go.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> response : pending) {
                responses.add(response.get());
            }
            return responses;
        }
    }

    private static int random() {
        return ThreadLocalRandom.current().nextInt(1000, 10_000);
    }

    private double misses(Marketplace marketplace) {
        Counter counter = meters.find("mercator.catalog.cache")
                .tag("marketplace", marketplace.id())
                .tag("result", "miss")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
