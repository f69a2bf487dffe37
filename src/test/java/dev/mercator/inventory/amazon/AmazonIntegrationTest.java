package dev.mercator.inventory.amazon;

import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the Amazon adapter's tests: the whole service on a random port, the adapter in sandbox mode calling this
 * server's Amazon simulator over real HTTP. Times are shortened so a test sees tokens expire, changes become visible
 * and feeds finish within seconds. The client's burst is one below the simulator's (Amazon's) 5: see {@link
 * AmazonPacingIntegrationTests} for why that headroom is what keeps network jitter from ever showing Amazon a sixth
 * call in a window.
 */
@TestPropertySource(
        properties = {
            "mercator.sandbox.amazon.token-ttl=6s",
            "mercator.providers.amazon.token-refresh-margin=3s",
            "mercator.sandbox.amazon.visibility-delay=3s",
            "mercator.sandbox.amazon.feed-processing-delay=1s",
            "mercator.sandbox.amazon.orders-settle=0s",
            "mercator.providers.amazon.orders-settle=0s",
            "mercator.providers.amazon.rate-per-second=5",
            "mercator.providers.amazon.burst=4",
            "mercator.providers.amazon.feed-threshold=25",
            "mercator.providers.amazon.feed-poll-interval=200ms",
            "mercator.providers.amazon.orders-poll-interval=1h",
        })
abstract class AmazonIntegrationTest extends IntegrationTest {

    /**
     * For the PostgreSQL variants: every cached test context keeps its pool open until the JVM ends, and the test
     * database's 100 connections are shared, so these contexts hold few.
     */
    static final String SMALL_POOL = "spring.datasource.hikari.maximum-pool-size=5";

    static final String FEW_IDLE = "spring.datasource.hikari.minimum-idle=1";

    protected AmazonSandbox sandbox;

    @BeforeEach
    void amazonSandbox() {
        sandbox = new AmazonSandbox(api, admin);
        sandbox.clearFaults();
    }

    @AfterEach
    void noFaultsLeft() {
        sandbox.clearFaults();
    }

    /** A merchant connected to a fresh simulated seller. */
    protected Shop shop(AmazonSandbox.Seller seller) {
        Tenant tenant = newMerchant("Amazon seller " + seller.sellerId());
        sandbox.connect(tenant, seller);
        return new Shop(tenant, MerchantId.of(tenant.id()), seller);
    }

    protected record Shop(Tenant tenant, MerchantId merchant, AmazonSandbox.Seller seller) {

        String sellerId() {
            return seller.sellerId();
        }

        void setPhysical(String sku, int physical) {
            var response = tenant.api().put("/api/inventory/" + sku, Map.of("physical", physical));
            if (response.status() != 200) {
                throw new IllegalStateException("could not set " + sku + ": " + response);
            }
        }

        int physical(String sku) {
            return tenant.api()
                    .get("/api/inventory/" + sku)
                    .json()
                    .get("physical")
                    .asInt();
        }
    }

    static PushRequest push(String sku, int quantity) {
        return new PushRequest(
                new PushTarget(sku, null, null, null, null), quantity, null, "test-" + UUID.randomUUID());
    }

    static PushTarget target(String sku) {
        return new PushTarget(sku, null, null, null, null);
    }
}
