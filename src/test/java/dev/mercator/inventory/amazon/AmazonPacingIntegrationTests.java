package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.support.StandaloneApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The seller's patchListingsItem quota (5/s, burst 5 at the simulator, as at Amazon) against the client's shared
 * bucket. The client runs at 5/s with burst 4: with both buckets exactly equal, a call delayed a few milliseconds on
 * its way followed by one that is not reaches Amazon a few milliseconds "early" and is throttled; one token of headroom
 * absorbs up to 200 ms of such jitter, which is why these tests can demand zero 429s.
 */
class AmazonPacingIntegrationTests extends AmazonIntegrationTest {

    @Autowired
    AmazonGateway gateway;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    @Test
    void theSharedLimiterPacesPatchesSoAmazonNeverThrottles() {
        AmazonSandbox.Seller seller = seller(20);
        Shop shop = shop(seller);

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), requests(0, 20));

        assertThat(outcomes).hasSize(20).allSatisfy(o -> assertThat(o).isInstanceOf(PushOutcome.Accepted.class));
        assertThat(sandbox.calls(seller, "patchListingsItem")).isEqualTo(20);
        assertThat(sandbox.throttled(seller, "patchListingsItem")).isZero();
    }

    @Test
    void twoConcurrentPushersForOneSellerShareItsQuota() throws Exception {
        AmazonSandbox.Seller seller = seller(20);
        Shop shop = shop(seller);

        List<PushOutcome> outcomes = concurrently(
                () -> gateway.push(shop.merchant(), requests(0, 10)),
                () -> gateway.push(shop.merchant(), requests(10, 20)));

        assertThat(outcomes).hasSize(20).allSatisfy(o -> assertThat(o).isInstanceOf(PushOutcome.Accepted.class));
        assertThat(sandbox.calls(seller, "patchListingsItem")).isEqualTo(20);
        assertThat(sandbox.throttled(seller, "patchListingsItem")).isZero();
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheSellersQuota() throws Exception {
        AmazonSandbox.Seller seller = seller(20);
        Shop shop = shop(seller);
        // A second Mercator on the same database, calling this instance's simulator as its "live" Amazon.
        Map<String, String> settings = StandaloneApp.settings();
        // The pool's URL, not the property: the test database's name is a ${random.uuid}, new on every lookup.
        settings.put(
                "spring.datasource.url",
                dataSource.unwrap(HikariDataSource.class).getJdbcUrl());
        for (String shared : List.of(
                "spring.datasource.username",
                "spring.datasource.password",
                "spring.flyway.schemas",
                "spring.flyway.default-schema")) {
            String value = environment.getProperty(shared);
            if (value != null) {
                settings.put(shared, value);
            }
        }
        settings.put("mercator.providers.amazon.mode", "live");
        settings.put("mercator.providers.amazon.base-url", "http://localhost:" + port + "/sandbox/amazon");
        settings.put("mercator.providers.amazon.lwa-url", "http://localhost:" + port + "/sandbox/amazon/auth/o2/token");
        settings.put("mercator.providers.amazon.burst", "4");
        settings.put("mercator.providers.amazon.orders-poll-interval", "1h");
        settings.put("spring.datasource.hikari.maximum-pool-size", "5");
        try (ConfigurableApplicationContext second = StandaloneApp.start(settings)) {
            AmazonGateway other = second.getBean(AmazonGateway.class);

            List<PushOutcome> outcomes = concurrently(
                    () -> gateway.push(shop.merchant(), requests(0, 10)),
                    () -> other.push(shop.merchant(), requests(10, 20)));

            assertThat(outcomes).hasSize(20).allSatisfy(o -> assertThat(o).isInstanceOf(PushOutcome.Accepted.class));
        }
        assertThat(sandbox.calls(seller, "patchListingsItem")).isEqualTo(20);
        assertThat(sandbox.throttled(seller, "patchListingsItem")).isZero();
    }

    @Test
    void aLimiterAboveTheSellersQuotaMeets429sAndReportsThemThrottled() {
        // Amazon allows this seller 1 call a second, burst 1: less than the client's 5/s.
        AmazonSandbox.Seller seller = sandbox.newSeller()
                .limit("patchListingsItem", 1, 1)
                .listing("P-0", 1)
                .listing("P-1", 1)
                .listing("P-2", 1)
                .listing("P-3", 1)
                .listing("P-4", 1)
                .register();
        Shop shop = shop(seller);

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), requests(0, 5));

        assertThat(outcomes.getFirst()).isInstanceOf(PushOutcome.Accepted.class);
        assertThat(outcomes.subList(1, 5))
                .allSatisfy(o -> assertThat(o)
                        .isInstanceOfSatisfying(
                                PushOutcome.Throttled.class,
                                t -> assertThat(t.retryAfter()).isPositive()));
        // After the first 429 the push backs off instead of hammering the spent quota.
        assertThat(sandbox.throttled(seller, "patchListingsItem")).isEqualTo(1);
        assertThat(sandbox.calls(seller, "patchListingsItem")).isEqualTo(2);
    }

    private AmazonSandbox.Seller seller(int listings) {
        AmazonSandbox.SellerBuilder builder = sandbox.newSeller();
        for (int i = 0; i < listings; i++) {
            builder.listing("P-" + i, 100);
        }
        return builder.register();
    }

    private static List<PushRequest> requests(int from, int to) {
        List<PushRequest> requests = new ArrayList<>();
        for (int i = from; i < to; i++) {
            requests.add(push("P-" + i, i));
        }
        return requests;
    }

    @SafeVarargs
    private static List<PushOutcome> concurrently(Callable<List<PushOutcome>>... pushers) throws Exception {
        List<PushOutcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(pushers.length)) {
            List<Future<List<PushOutcome>>> running = new ArrayList<>();
            for (Callable<List<PushOutcome>> pusher : pushers) {
                running.add(pool.submit(pusher));
            }
            for (Future<List<PushOutcome>> pushed : running) {
                outcomes.addAll(pushed.get());
            }
        }
        return outcomes;
    }
}
