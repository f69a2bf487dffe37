package dev.mercator.support;

import dev.mercator.MercatorApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Base of every test that starts the whole service on a random port and talks to it over real HTTP, against its own
 * in-memory H2 database (profile {@code test}). A PostgreSQL variant of a suite is a subclass annotated {@link PostgresSuite}; a Redis one
 * {@link RedisSuite}. All subclasses with the same settings share one application context, which keeps the build fast.
 */
@SpringBootTest(
        classes = MercatorApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mercator.admin-token=" + IntegrationTest.ADMIN_TOKEN,
            "mercator.demo.enabled=false",
            "mercator.crypto.encryption-key=" + IntegrationTest.ENCRYPTION_KEY,
            "mercator.rate-limit.per-api-key-per-minute=100000",
            "mercator.rate-limit.per-ip-per-minute=100000",
            // Shopify level checks at test speed: the verdicts do not depend on these, only how soon they come.
            "mercator.inventory.shopify-levels.check-delay=100ms",
            "mercator.inventory.shopify-levels.unexplained-patience=1s",
            "mercator.inventory.shopify-levels.anchor-stillness=1s",
            "mercator.inventory.shopify-levels.poll-interval=100ms",
            // Background pushers stay off unless a suite needs them; suites drive passes themselves.
            "mercator.inventory.workers-enabled=false",
            // Deal scans run when a suite drives a pass, never on their own in the middle of another suite.
            "mercator.dealscout.scans.worker-enabled=false",
            // Pricing items are processed when a suite drives a pass (PricingWorker.PricingPass).
            "mercator.dealscout.pricing.worker-enabled=false",
            // Analytics events are flushed into Parquet when a suite drives a pass (Flusher.FlushPass).
            "mercator.analytics.lake.flusher-enabled=false",
            // Orders are fraud-scored when a suite drives a pass (FraudPass).
            "mercator.analytics.fraud.scorer-enabled=false",
            // Scheduled drift repair reads channels at a merchant's slot, whenever that falls: suites that count
            // vendor calls must not meet one. ScheduledReconciliationIntegrationTests turns it on.
            "mercator.inventory.reconciliation.schedule-enabled=false",
        })
@ActiveProfiles("test")
public abstract class IntegrationTest {

    public static final String ADMIN_TOKEN = "test-admin-token-7f3c9a1e5b2d4c6e8a0b1c2d3e4f5a6b";
    /** 32 bytes, base64: a test-only AES-256 key. */
    public static final String ENCRYPTION_KEY = "dGVzdC1vbmx5LWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=";

    @LocalServerPort
    protected int port;

    protected Api api;
    protected Api admin;

    @BeforeEach
    void clients() {
        api = new Api(port);
        admin = api.asAdmin(ADMIN_TOKEN);
    }

    /** Creates a merchant through the admin API and returns a client authenticated as it. */
    protected Tenant newMerchant(String name) {
        Api.Response created = admin.post("/api/admin/merchants", java.util.Map.of("name", name));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create merchant: " + created);
        }
        JsonNode body = created.json();
        return new Tenant(
                body.get("id").asString(),
                body.get("apiKey").asString(),
                api.asMerchant(body.get("apiKey").asString()));
    }

    /** A merchant created for a test: its id, its API key and a client using that key. */
    public record Tenant(String id, String apiKey, Api api) {}
}
