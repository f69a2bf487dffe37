package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import dev.mercator.support.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A Mercator process is killed with SIGKILL in the middle of a burst of Shopify orders, then restarted on the same
 * database. Every delivery it answered 200 must have been durably applied; Shopify then redelivers everything (it
 * retries what was not acknowledged, and may duplicate what was), and every SKU must end exactly right: no loss, no
 * double.
 */
class WebhookCrashIntegrationTests {

    private static final int SKUS = 20;
    private static final int ORDERS = 400;
    private static final int KILL_AFTER_ACKS = 120;
    private static final int START = 10_000;

    /** The database both processes share: an H2 file here; PostgreSQL in the subclass. */
    protected Map<String, String> database() throws Exception {
        Path dir = Files.createTempDirectory("mercator-crash");
        return Map.of(
                "MERCATOR_DB_URL",
                "jdbc:h2:file:" + dir.resolve("mercator")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
    }

    record Order(long id, String sku, int quantity, String eventId, byte[] body) {}

    @Test
    void everyAcknowledgedWebhookSurvivesAKillAndAllAreAppliedExactlyOnce() throws Exception {
        Map<String, String> environment = new HashMap<>(database());
        environment.put("MERCATOR_ADMIN_TOKEN", IntegrationTest.ADMIN_TOKEN);
        environment.put("MERCATOR_ENCRYPTION_KEY", IntegrationTest.ENCRYPTION_KEY);
        environment.put("MERCATOR_RATE_LIMIT_PER_KEY", "1000000");
        environment.put("MERCATOR_RATE_LIMIT_PER_IP", "1000000");
        environment.put("MERCATOR_INVENTORY_WORKERS_ENABLED", "false");
        String shop = "crash-" + System.nanoTime() + ".myshopify.com";
        String secret = "whsec-crash-test-secret-0123456789";
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            long id = 5_000_000L + i;
            String sku = "CRASH-" + (i % SKUS);
            int quantity = i % 3 + 1;
            String body = """
                    {"id": %d, "name": "#%d", "line_items": [{"id": %d, "sku": "%s", "quantity": %d}]}""".formatted(id, id, id * 10, sku, quantity);
            orders.add(new Order(id, sku, quantity, "crash-evt-" + i, body.getBytes(StandardCharsets.UTF_8)));
        }

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        String merchantKey;
        try (ServiceProcess first = ServiceProcess.start(environment)) {
            Api admin = first.api().asAdmin(IntegrationTest.ADMIN_TOKEN);
            JsonNode merchant = admin.post("/api/admin/merchants", Map.of("name", "Crash Shop"))
                    .json();
            merchantKey = merchant.get("apiKey").asString();
            Api seller = first.api().asMerchant(merchantKey);
            MerchantFixture.connect(seller, new ShopifyShop(shop, "shpat_crash", secret, 1));
            for (int s = 0; s < SKUS; s++) {
                assertThat(seller.put("/api/inventory/CRASH-" + s, Map.of("physical", START))
                                .status())
                        .isEqualTo(200);
            }

            AtomicInteger acks = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                for (Order order : orders) {
                    pool.submit(() -> {
                        try {
                            if (deliver(first.api(), shop, secret, order).status() == 200) {
                                acknowledged.add(order.id());
                                if (acks.incrementAndGet() == KILL_AFTER_ACKS && killed.compareAndSet(false, true)) {
                                    first.kill();
                                }
                            }
                        } catch (Exception connectionLostWithTheProcess) {
                            // Not acknowledged: Shopify will deliver it again.
                        }
                        return null;
                    });
                }
                pool.shutdown();
                assertThat(pool.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
            }
            assertThat(killed).as("the process was killed mid-burst").isTrue();
        }
        assertThat(acknowledged.size()).isBetween(KILL_AFTER_ACKS, ORDERS - 1);

        try (ServiceProcess second = ServiceProcess.start(environment)) {
            Api seller = second.api().asMerchant(merchantKey);
            Map<String, Set<String>> applied = new HashMap<>();
            for (int s = 0; s < SKUS; s++) {
                applied.put("CRASH-" + s, appliedEvents(seller, "CRASH-" + s));
            }
            for (Order order : orders) {
                if (acknowledged.contains(order.id())) {
                    assertThat(applied.get(order.sku()))
                            .as("order %d was answered 200, so it must have survived the kill", order.id())
                            .contains("shopify:" + shop + ":order:" + order.id() + ":line:" + order.id() * 10);
                }
            }

            // Shopify redelivers: everything not acknowledged, and (at least once) the acknowledged ones again.
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<java.util.concurrent.Future<Integer>> redeliveries = new ArrayList<>();
                for (Order order : orders) {
                    redeliveries.add(pool.submit(
                            () -> deliver(second.api(), shop, secret, order).status()));
                }
                for (var redelivery : redeliveries) {
                    assertThat(redelivery.get()).isEqualTo(200);
                }
            }

            Map<String, Integer> expected = new HashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            for (Order order : orders) {
                expected.merge(order.sku(), order.quantity(), Integer::sum);
                lines.merge(order.sku(), 1, Integer::sum);
            }
            for (int s = 0; s < SKUS; s++) {
                String sku = "CRASH-" + s;
                JsonNode view = seller.get("/api/inventory/" + sku).json();
                assertThat(view.get("physical").asInt()).as(sku).isEqualTo(START - expected.get(sku));
                JsonNode history = seller.get("/api/inventory/" + sku + "/history?size=500")
                        .json();
                assertThat(history.get("total").asInt()).as(sku).isEqualTo(1 + lines.get(sku));
                int sum = 0;
                for (JsonNode entry : history.get("items")) {
                    sum += entry.get("delta").asInt();
                }
                assertThat(sum)
                        .as("ledger of %s sums to its physical count", sku)
                        .isEqualTo(view.get("physical").asInt());
            }
        }
    }

    private static Set<String> appliedEvents(Api seller, String sku) {
        Set<String> events = new java.util.HashSet<>();
        for (JsonNode entry :
                seller.get("/api/inventory/" + sku + "/history?size=500").json().get("items")) {
            events.add(entry.get("sourceEventId").asString());
        }
        return events;
    }

    static Api.Response deliver(Api api, String shop, String secret, Order order) {
        return api.send(
                "POST",
                "/webhook/shopify",
                "application/json",
                order.body(),
                "X-Shopify-Topic",
                "orders/create",
                "X-Shopify-Shop-Domain",
                shop,
                "X-Shopify-Hmac-Sha256",
                WebhookSignature.sign(order.body(), secret),
                "X-Shopify-Event-Id",
                order.eventId());
    }
}
