package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A Mercator process is killed with SIGKILL while a group of webhooks is inside its transaction: the test holds one
 * SKU's channel row locked, so the group that contains an order for that SKU has written the deliveries and ledger rows
 * of the webhooks before it and waits there, its commit not yet done, none of its webhooks answered. After the kill and
 * a restart on the same database, every webhook answered 200 is in the ledger exactly once and none of the killed
 * group's is; Shopify then redelivers everything, and every SKU ends exactly right.
 */
class WebhookGroupCrashIntegrationTests {

    private static final int SKUS = 20;
    private static final int BEFORE = 100;
    private static final int ORDERS = 400;
    private static final int START = 10_000;
    private static final String BLOCKED_SKU = "GROUP-1";

    /** The database both processes and the test share: an H2 file, served to the test by the first process. */
    protected Map<String, String> database() throws Exception {
        Path dir = Files.createTempDirectory("mercator-group-crash");
        return Map.of(
                "MERCATOR_DB_URL",
                "jdbc:h2:file:" + dir.resolve("mercator")
                        + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                        // H2 gives up on a lock after a second by default; the held rows must outlast the set-up.
                        + "WRITE_DELAY=0;LOCK_TIMEOUT=120000");
    }

    /** The test's own connection to that database. */
    protected Connection connect(Map<String, String> database) throws SQLException {
        return DriverManager.getConnection(database.get("MERCATOR_DB_URL"), "sa", "");
    }

    /** How many sessions wait for a lock the querying session holds. */
    protected String blockedSessions() {
        return "select count(*) from information_schema.sessions where blocker_id = session_id()";
    }

    @Test
    void aProcessKilledWhileAGroupCommitsLosesNoAcknowledgedWebhookAndAppliesNoneTwice() throws Exception {
        Map<String, String> database = database();
        Map<String, String> environment = new HashMap<>(database);
        environment.put("MERCATOR_ADMIN_TOKEN", IntegrationTest.ADMIN_TOKEN);
        environment.put("MERCATOR_ENCRYPTION_KEY", IntegrationTest.ENCRYPTION_KEY);
        environment.put("MERCATOR_RATE_LIMIT_PER_KEY", "1000000");
        environment.put("MERCATOR_RATE_LIMIT_PER_IP", "1000000");
        environment.put("MERCATOR_INVENTORY_WORKERS_ENABLED", "false");
        // One committer: everything that arrives while a group commits waits for the next, so groups are large.
        environment.put("MERCATOR_WEBHOOK_COMMITTERS", "1");
        environment.put("MERCATOR_WEBHOOK_MAX_WAIT", "60s");
        String shop = "group-crash-" + System.nanoTime() + ".myshopify.com";
        String secret = "whsec-group-crash-secret-0123456789";
        List<WebhookCrashIntegrationTests.Order> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            long id = 7_000_000L + i;
            String sku = "GROUP-" + (i % SKUS);
            int quantity = i % 3 + 1;
            String body = """
                    {"id": %d, "name": "#%d", "line_items": [{"id": %d, "sku": "%s", "quantity": %d}]}""".formatted(id, id, id * 10, sku, quantity);
            orders.add(new WebhookCrashIntegrationTests.Order(
                    id, sku, quantity, "group-evt-" + i, body.getBytes(StandardCharsets.UTF_8)));
        }

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        String merchantKey;
        try (ServiceProcess first = ServiceProcess.start(environment)) {
            Api admin = first.api().asAdmin(IntegrationTest.ADMIN_TOKEN);
            JsonNode merchant = admin.post("/api/admin/merchants", Map.of("name", "Group Crash Shop"))
                    .json();
            merchantKey = merchant.get("apiKey").asString();
            UUID merchantId = UUID.fromString(merchant.get("id").asString());
            Api seller = first.api().asMerchant(merchantKey);
            assertThat(seller.put(
                                    "/api/channels/shopify",
                                    Map.of(
                                            "shopDomain",
                                            shop,
                                            "accessToken",
                                            "shpat_group",
                                            "webhookSecret",
                                            secret,
                                            "locationId",
                                            "1"))
                            .status())
                    .isEqualTo(204);
            for (int s = 0; s < SKUS; s++) {
                assertThat(seller.put("/api/inventory/GROUP-" + s, Map.of("physical", START))
                                .status())
                        .isEqualTo(200);
            }

            // Before: groups commit and are answered.
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<Integer>> answers = new ArrayList<>();
                for (var order : orders.subList(0, BEFORE)) {
                    answers.add(pool.submit(() -> deliver(first, shop, secret, order, acknowledged)));
                }
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
            }

            // Deterministic groups: the one committer first waits on a held row with a single webhook, the rest queue
            // up behind it, and when that row is let go they form one large group that then waits on a second held
            // row, inside its transaction. That is the moment the process is killed.
            Connection firstHold = connect(database);
            Connection secondHold = connect(database);
            try {
                hold(firstHold, merchantId, "GROUP-0");
                ExecutorService senders = Executors.newFixedThreadPool(32);
                var opening = orders.get(BEFORE);
                assertThat(opening.sku()).isEqualTo("GROUP-0");
                senders.submit(() -> deliver(first, shop, secret, opening, acknowledged));
                awaitBlocked(firstHold);
                hold(secondHold, merchantId, BLOCKED_SKU);
                for (var order : orders.subList(BEFORE + 1, ORDERS)) {
                    senders.submit(() -> deliver(first, shop, secret, order, acknowledged));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> gauge(admin, "mercator.webhooks.queued") >= 32);
                firstHold.commit();
                awaitBlocked(secondHold);
                assertThat(gauge(admin, WebhookGroupCommit.COMMITTING))
                        .as("webhooks inside the blocked group")
                        .isGreaterThan(1);
                int answeredBeforeKill = acknowledged.size();
                first.kill();
                senders.shutdown();
                assertThat(senders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
                assertThat(acknowledged.size())
                        .as("nothing is answered 200 once the process is gone")
                        .isEqualTo(answeredBeforeKill)
                        .isLessThan(ORDERS);
            } finally {
                // With H2 the database server ran in the killed process, and the locks went with it.
                closeGone(secondHold);
                closeGone(firstHold);
            }
        }

        try (ServiceProcess second = ServiceProcess.start(environment)) {
            Api seller = second.api().asMerchant(merchantKey);
            Map<String, List<String>> applied = new HashMap<>();
            for (int s = 0; s < SKUS; s++) {
                applied.put("GROUP-" + s, appliedEvents(seller, "GROUP-" + s));
            }
            for (var order : orders) {
                String event = "shopify:" + shop + ":order:" + order.id() + ":line:" + order.id() * 10;
                long times =
                        applied.get(order.sku()).stream().filter(event::equals).count();
                if (acknowledged.contains(order.id())) {
                    assertThat(times)
                            .as("order %d was answered 200, so it is in the ledger once", order.id())
                            .isEqualTo(1);
                } else {
                    assertThat(times)
                            .as("order %d was not answered: absent or once", order.id())
                            .isLessThanOrEqualTo(1);
                }
            }

            // Shopify redelivers everything not acknowledged, and the acknowledged ones again.
            Set<Long> redelivered = ConcurrentHashMap.newKeySet();
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<Integer>> answers = new ArrayList<>();
                for (var order : orders) {
                    answers.add(pool.submit(() -> deliver(second, shop, secret, order, redelivered)));
                }
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
            }

            Map<String, Integer> expected = new HashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            for (var order : orders) {
                expected.merge(order.sku(), order.quantity(), Integer::sum);
                lines.merge(order.sku(), 1, Integer::sum);
            }
            for (int s = 0; s < SKUS; s++) {
                String sku = "GROUP-" + s;
                JsonNode view = seller.get("/api/inventory/" + sku).json();
                assertThat(view.get("physical").asInt()).as(sku).isEqualTo(START - expected.get(sku));
                List<String> events = appliedEvents(seller, sku);
                assertThat(events).as(sku).hasSize(1 + lines.get(sku));
                assertThat(new HashSet<>(events)).as("no event twice in " + sku).hasSize(events.size());
            }
        }
    }

    private void awaitBlocked(Connection connection) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (PreparedStatement query = connection.prepareStatement(blockedSessions());
                    ResultSet count = query.executeQuery()) {
                if (count.next() && count.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no group ever waited on the held row");
    }

    private static void closeGone(Connection connection) {
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException serverGoneWithTheProcess) {
            // Nothing left to release.
        }
    }

    /** Locks the SKU's channel rows in a transaction the test keeps open. */
    private static void hold(Connection connection, UUID merchantId, String sku) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement(
                "select * from inventory_channels where merchant_id = ? and sku = ? for update")) {
            lock.setObject(1, merchantId);
            lock.setString(2, sku);
            try (ResultSet locked = lock.executeQuery()) {
                assertThat(locked.next())
                        .as("%s has a channel row to hold", sku)
                        .isTrue();
            }
        }
    }

    private static double gauge(Api admin, String name) {
        for (JsonNode measurement :
                admin.get("/actuator/metrics/" + name).json().get("measurements")) {
            if ("VALUE".equals(measurement.get("statistic").asString())) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError("no value for " + name);
    }

    private static int deliver(
            ServiceProcess process,
            String shop,
            String secret,
            WebhookCrashIntegrationTests.Order order,
            Set<Long> acknowledged) {
        try {
            int status = WebhookCrashIntegrationTests.deliver(process.api(), shop, secret, order)
                    .status();
            if (status == 200) {
                acknowledged.add(order.id());
            }
            return status;
        } catch (RuntimeException connectionLostWithTheProcess) {
            return -1;
        }
    }

    private static List<String> appliedEvents(Api seller, String sku) {
        List<String> events = new ArrayList<>();
        for (JsonNode entry :
                seller.get("/api/inventory/" + sku + "/history?size=500").json().get("items")) {
            events.add(entry.get("sourceEventId").asString());
        }
        return events;
    }
}
