package dev.mercator.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pacing (ADR 21): a storm of alerts to one destination is spread out to the provider's published limits before the
 * provider has to refuse anything, and a hold that covers every destination of a provider (Discord's global 429) stops
 * the sends to all of them. Through the running dispatcher, the real channels and the simulators, which enforce the
 * limits as the vendors do; alerts are raised through {@code POST /api/alerts}, as a merchant's own system would.
 */
class NotificationPacingIntegrationTests extends IntegrationTest {

    @AfterEach
    void clearFaults() {
        admin.delete("/api/admin/sandbox/discord/faults");
    }

    @Test
    void aStormToOneTelegramChatIsPacedUnderItsLimitAndEarnsNo429() {
        Tenant shop = newMerchant("Paced " + UUID.randomUUID());
        // The simulated chat allows one message a second with bursts of 3, as Telegram does: sent back to back, the
        // fourth message would be refused with a 429.
        JsonNode bot = api.post("/sandbox/telegram/sim/bots", Map.of()).json();
        long botId = bot.get("id").asLong();
        assertThat(api.post("/sandbox/telegram/sim/bots/" + botId + "/chats", Map.of("id", 7001))
                        .status())
                .isEqualTo(201);
        String destination = destination(
                shop,
                Map.of(
                        "kind",
                        "telegram",
                        "name",
                        "Owner's phone",
                        "settings",
                        Map.of("chatId", "7001"),
                        "secrets",
                        Map.of("botToken", bot.get("token").asString())));
        rule(shop, destination);

        int storm = 6;
        for (int i = 0; i < storm; i++) {
            Api.Response raised = shop.api()
                    .post(
                            "/api/alerts",
                            Map.of("subject", "pick-up " + i, "severity", "warning", "message", "Missed pick-up " + i));
            assertThat(raised.status()).as(raised.body()).isEqualTo(201);
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(telegram(botId).get("messages").size()).isEqualTo(storm));
        assertThat(telegram(botId).get("throttled").asLong())
                .as("429s the chat's limit earned")
                .isZero();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(statuses(shop)).hasSize(storm).containsOnly("delivered"));
    }

    @Test
    void afterAGlobalDiscord429NoWebhookIsCalledUntilTheHoldEnds() {
        Tenant shop = newMerchant("Globally held " + UUID.randomUUID());
        String first = discordDestination(shop, "first");
        String second = discordDestination(shop, "second");
        rule(shop, first, second);
        // One global 429 (Discord's answer when the installation exceeds 50 requests a second), retry after 3 s.
        Api.Response armed = admin.post(
                "/api/admin/sandbox/discord/faults", Map.of("throttleRate", 1.0, "retryAfterSeconds", 3, "times", 1));
        assertThat(armed.status()).as(armed.body()).isEqualTo(200);

        Api.Response raised = shop.api()
                .post("/api/alerts", Map.of("subject", "carrier", "severity", "critical", "message", "Carrier down"));
        assertThat(raised.status()).as(raised.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(statuses(shop)).containsOnly("delivered"));
        List<JsonNode> deliveries = deliveries(shop);
        JsonNode throttled = deliveries.stream()
                .filter(d -> d.get("attempts").asInt() == 2)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no delivery met the 429: " + deliveries));
        JsonNode other = deliveries.stream()
                .filter(d -> !d.get("id").equals(throttled.get("id")))
                .findFirst()
                .orElseThrow();
        assertThat(other.get("attempts").asInt())
                .as("the other webhook was not called while Discord's global hold lasted")
                .isEqualTo(1);
        Instant refused = Instant.parse(throttled.get("createdAt").asString());
        assertThat(Instant.parse(other.get("sentAt").asString()))
                .as("the other webhook's send waited for the global hold")
                .isAfterOrEqualTo(refused.plusSeconds(3));
    }

    private String discordDestination(Tenant shop, String name) {
        JsonNode webhook = api.post("/sandbox/discord/sim/webhooks", Map.of()).json();
        return destination(
                shop,
                Map.of(
                        "kind",
                        "discord",
                        "name",
                        name,
                        "secrets",
                        Map.of(
                                "webhookUrl",
                                "https://discord.com/api/webhooks/"
                                        + webhook.get("id").asString()
                                        + "/"
                                        + webhook.get("token").asString())));
    }

    private static void rule(Tenant shop, String... destinations) {
        Api.Response rule = shop.api()
                .post(
                        "/api/notifications/rules",
                        Map.of(
                                "name",
                                "Everything the 3PL reports",
                                "alertTypes",
                                List.of("external.reported"),
                                "destinations",
                                List.of(destinations)));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    }

    private static String destination(Tenant shop, Map<String, Object> body) {
        Api.Response created = shop.api().post("/api/notifications/destinations", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private JsonNode telegram(long botId) {
        return api.get("/sandbox/telegram/sim/bots/" + botId + "/messages").json();
    }

    private static List<JsonNode> deliveries(Tenant shop) {
        return shop.api()
                .get("/api/notifications/deliveries")
                .json()
                .get("items")
                .valueStream()
                .toList();
    }

    private static List<String> statuses(Tenant shop) {
        return deliveries(shop).stream().map(d -> d.get("status").asString()).toList();
    }
}
