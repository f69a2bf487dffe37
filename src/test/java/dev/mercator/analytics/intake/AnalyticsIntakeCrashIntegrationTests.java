package dev.mercator.analytics.intake;

import static dev.mercator.analytics.AnalyticsEvents.batch;
import static dev.mercator.analytics.AnalyticsEvents.line;
import static dev.mercator.analytics.AnalyticsEvents.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Mercator is killed with SIGKILL while a merchant sends batches of orders and its flusher writes them into Parquet
 * every 50 ms, then restarted on the same database and lake directory, and the merchant sends every batch again (as a
 * client that never knows what the last answer would have been does). Every event acknowledged before the kill must
 * come back as a duplicate (it was durable), the rest are accepted, and the sales figures then count each order exactly
 * once, whichever events reached a file before the kill, after it, or were caught between a file and its commit.
 */
class AnalyticsIntakeCrashIntegrationTests {

    private static final int BATCHES = 40;
    private static final int PER_BATCH = 100;

    private static List<Map<String, Object>> batchOf(int b) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < PER_BATCH; i++) {
            String id = b + "-" + i;
            events.add(order(
                    "e-" + id,
                    "2026-03-0" + (1 + i % 3) + "T12:00:00Z",
                    "o-" + id,
                    "c-" + (i % 50),
                    "web",
                    "0",
                    List.of(line("sku", 1, "1.00"))));
        }
        return events;
    }

    @Test
    void eventsAcknowledgedBeforeAKillAreKeptAndNothingIsCountedTwiceAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("mercator-analytics-crash");
        Map<String, String> environment = new HashMap<>();
        environment.put("MERCATOR_ADMIN_TOKEN", IntegrationTest.ADMIN_TOKEN);
        environment.put("MERCATOR_ENCRYPTION_KEY", IntegrationTest.ENCRYPTION_KEY);
        environment.put(
                "MERCATOR_DB_URL",
                "jdbc:h2:file:" + data.resolve("mercator")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        environment.put("MERCATOR_RATE_LIMIT_PER_IP", "100000000");
        environment.put("MERCATOR_RATE_LIMIT_PER_KEY", "100000000");
        environment.put("MERCATOR_INVENTORY_WORKERS_ENABLED", "false");
        environment.put("MERCATOR_STORAGE_DIRECTORY", data.resolve("objects").toString());
        environment.put(
                "MERCATOR_ANALYTICS_LAKE_DIRECTORY", data.resolve("lake").toString());
        environment.put("MERCATOR_ANALYTICS_LAKE_TICK", "50ms");
        environment.put("MERCATOR_ANALYTICS_LAKE_BATCH_SIZE", "150");
        int port = ServiceProcess.freePort();

        String apiKey;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServiceProcess first = ServiceProcess.start(environment, port)) {
            apiKey = first.api()
                    .asAdmin(IntegrationTest.ADMIN_TOKEN)
                    .post("/api/admin/merchants", Map.of("name", "Killed mid-intake"))
                    .json()
                    .get("apiKey")
                    .asString();
            Api shop = first.api().asMerchant(apiKey);
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (int b = 0; b < BATCHES; b++) {
                    Api.Response response;
                    try {
                        response = shop.post("/api/analytics/events", batch(batchOf(b)));
                    } catch (IllegalStateException killed) {
                        return; // the connection died with the process: this batch's answer never came
                    }
                    if (response.status() == 200) {
                        for (JsonNode result : response.json().get("events")) {
                            acknowledged.add(result.get("id").asString());
                        }
                    }
                }
            });
            // Killed once a quarter of the batches are acknowledged, while the next is in flight and the flusher busy.
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> acknowledged.size() >= BATCHES / 4 * PER_BATCH);
            first.kill();
            sender.join();
        }
        assertThat(acknowledged)
                .as("the kill landed before the last batch")
                .hasSizeGreaterThanOrEqualTo(BATCHES / 4 * PER_BATCH)
                .hasSizeLessThan(BATCHES * PER_BATCH);
        try (Stream<Path> files = Files.walk(data.resolve("lake"))) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".parquet")))
                    .as("the killed process's flusher had written files")
                    .isNotEmpty();
        }

        try (ServiceProcess second = ServiceProcess.start(environment, port)) {
            Api shop = second.api().asMerchant(apiKey);
            Set<String> acceptedNow = new HashSet<>();
            for (int b = 0; b < BATCHES; b++) {
                Api.Response response = shop.post("/api/analytics/events", batch(batchOf(b)));
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                for (JsonNode result : response.json().get("events")) {
                    String id = result.get("id").asString();
                    String status = result.get("status").asString();
                    if (acknowledged.contains(id)) {
                        assertThat(status)
                                .as("acknowledged before the kill: %s", id)
                                .isEqualTo("duplicate");
                    } else if ("accepted".equals(status)) {
                        acceptedNow.add(id);
                    } else {
                        // Committed in the killed process though its answer never arrived: also a duplicate.
                        assertThat(status).as(id).isEqualTo("duplicate");
                    }
                }
            }

            Api.Response sales = shop.get("/api/analytics/sales?from=2026-03-01&to=2026-03-03&granularity=month");
            assertThat(sales.status()).as(sales.toString()).isEqualTo(200);
            JsonNode all = sales.json().get("rows").get(0);
            assertThat(all.get("channel").asString()).isEqualTo("*");
            assertThat(all.get("orders").asInt()).isEqualTo(BATCHES * PER_BATCH);
            assertThat(all.get("grossSales").asString()).isEqualTo(BATCHES * PER_BATCH + ".00");
            assertThat(acceptedNow.size() + acknowledged.size()).isLessThanOrEqualTo(BATCHES * PER_BATCH);
        }
    }
}
