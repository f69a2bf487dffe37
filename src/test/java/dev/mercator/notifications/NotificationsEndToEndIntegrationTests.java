package dev.mercator.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole way, with the dispatcher running as in production: a module raises an alert, the alert centre opens it,
 * the merchant's rule routes it, the ledger records one delivery per destination, and the real channels deliver it
 * over SMTP and signed HTTP to the simulators. A repeat of the open alert counts in the centre and sends nothing more.
 */
class NotificationsEndToEndIntegrationTests extends IntegrationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aRaisedAlertReachesTheMerchantsMailboxAndSignedWebhookOnceEach() throws Exception {
        Tenant shop = newMerchant("End to end " + UUID.randomUUID());
        String bin = "e2e-" + UUID.randomUUID();
        String secret = secret();
        assertThat(api.put("/sandbox/webhook-receiver/" + bin + "/secret", Map.of("signingSecret", secret))
                        .status())
                .isBetween(200, 204);
        String mailbox = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.example";
        String webhook = destination(
                shop,
                Map.of(
                        "kind",
                        "webhook",
                        "name",
                        "Ops hook",
                        "settings",
                        Map.of("url", "http://localhost:" + port + "/sandbox/webhook-receiver/" + bin),
                        "secrets",
                        Map.of("signingSecret", secret)));
        String email = destination(shop, Map.of("kind", "email", "name", "Owner", "settings", Map.of("to", mailbox)));
        Api.Response rule = shop.api()
                .post(
                        "/api/notifications/rules",
                        Map.of(
                                "name",
                                "Stock trouble",
                                "alertTypes",
                                List.of("sync.push_failed"),
                                "destinations",
                                List.of(webhook, email)));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        raise(shop, "MUG-1 on amazon", Instant.now());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(requests(bin)).hasSize(1);
            assertThat(inbox(mailbox)).hasSize(1);
        });
        JsonNode hook = requests(bin).getFirst();
        assertThat(hook.get("signature").asString()).isEqualTo("valid");
        JsonNode notice = json.readTree(hook.get("body").asString())
                .get("data")
                .get("notices")
                .get(0);
        assertThat(notice.get("type").asString()).isEqualTo("sync.push_failed");
        assertThat(notice.get("subject").asString()).isEqualTo("MUG-1 on amazon");
        JsonNode mail = inbox(mailbox).getFirst();
        assertThat(mail.get("subject").asString()).contains("MUG-1");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(shop.api()
                                .get("/api/notifications/deliveries")
                                .json()
                                .get("items")
                                .valueStream()
                                .map(d -> d.get("status").asString()))
                        .containsExactlyInAnyOrder("delivered", "delivered"));

        // The same condition again: the centre counts it, nobody is told twice.
        raise(shop, "MUG-1 on amazon", Instant.now().plusSeconds(1));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(shop.api()
                                .get("/api/alerts?type=sync.push_failed")
                                .json()
                                .get("items")
                                .get(0)
                                .get("count")
                                .asInt())
                        .isEqualTo(2));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(requests(bin)).hasSize(1);
            assertThat(inbox(mailbox)).hasSize(1);
        });
    }

    private void raise(Tenant shop, String subject, Instant at) {
        transactions.executeWithoutResult(status -> events.publishEvent(new AlertRaised(
                MerchantId.of(shop.id()),
                AlertType.SYNC_PUSH_FAILED,
                AlertType.SYNC_PUSH_FAILED.severity(),
                subject,
                "Amazon refused the push",
                Map.of("sku", "MUG-1", "channel", "amazon"),
                at)));
    }

    private static String destination(Tenant shop, Map<String, Object> body) {
        Api.Response created = shop.api().post("/api/notifications/destinations", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private List<JsonNode> requests(String bin) {
        return api.get("/sandbox/webhook-receiver/" + bin + "/requests")
                .json()
                .valueStream()
                .toList();
    }

    private List<JsonNode> inbox(String to) {
        return api.get("/sandbox/smtp/messages?to=" + to)
                .json()
                .get("messages")
                .valueStream()
                .toList();
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
