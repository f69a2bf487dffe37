package dev.mercator.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.alerts.AlertOpened;
import dev.mercator.alerts.AlertSeverity;
import dev.mercator.alerts.AlertType;
import dev.mercator.notifications.ScriptedSenders.ScriptedSender;
import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.DeliveryReports.ReportedStatus;
import dev.mercator.notifications.channel.RateHold;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.ledger.DeliveryLedger;
import dev.mercator.notifications.ledger.Dispatcher;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The delivery ledger end to end with scripted senders: rows made from alerts, the dispatcher's retries, holds, digests
 * and caps, ADR 21's unknown-outcome policy, and the API's tenancy. Passes are driven with explicit instants.
 */
@Import(ScriptedSenders.class)
@TestPropertySource(
        properties = {
            "mercator.notifications.workers-enabled=false",
            "mercator.notifications.max-attempts=3",
            "mercator.notifications.retry-base=1s",
            "mercator.notifications.retry-max=10s",
            "mercator.notifications.lease=1m"
        })
class NotificationLedgerIntegrationTests extends IntegrationTest {

    private static final Instant NOON = Instant.parse("2030-01-15T12:00:00Z");

    @Autowired
    DeliveryLedger ledger;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    @Qualifier("scriptedEmail")
    ScriptedSender email;

    @Autowired
    @Qualifier("scriptedSms")
    ScriptedSender sms;

    @Autowired
    @Qualifier("scriptedDiscord")
    ScriptedSender discord;

    @Test
    void aRedeliveredAlertOpenedCreatesNothingTwiceAndIsSentOnce() {
        Tenant shop = newMerchant("Idempotent");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        rule(shop, Map.of("destinations", List.of(destination.toString())));
        AlertOpened alert = alert(shop, AlertSeverity.CRITICAL, NOON);

        assertThat(ledger.record(alert)).isEqualTo(1);
        assertThat(ledger.record(alert)).isZero();
        dispatcher.pass(NOON);
        dispatcher.pass(NOON.plusSeconds(60));

        assertThat(email.calls(destination)).hasSize(1);
        JsonNode delivery = onlyDelivery(shop);
        assertThat(delivery.get("status").asString()).isEqualTo("delivered");
        assertThat(delivery.get("providerMessageId").asString()).startsWith("msg-");
        assertThat(email.calls(destination)
                        .getFirst()
                        .message()
                        .notices()
                        .getFirst()
                        .link())
                .endsWith("/alerts/" + alert.alertId());
    }

    @Test
    void theListenerRecordsADeliveryWhenTheAlertCentrePublishes() {
        Tenant shop = newMerchant("Listened");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        rule(shop, Map.of("destinations", List.of(destination.toString())));
        AlertOpened alert = alert(shop, AlertSeverity.CRITICAL, NOON);
        transactions.executeWithoutResult(status -> events.publishEvent(alert));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> shop.api()
                                .get("/api/notifications/deliveries")
                                .json()
                                .get("total")
                                .asLong()
                        == 1);
    }

    @Test
    void aTransientFailureIsRetriedThenSent() {
        Tenant shop = newMerchant("Transient");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        rule(shop, Map.of("destinations", List.of(destination.toString())));
        email.script(destination, () -> new SendOutcome.Transient("smtp_4xx", "451 try later", null, Optional.empty()));
        ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON));

        dispatcher.pass(NOON);
        JsonNode retrying = onlyDelivery(shop);
        assertThat(retrying.get("status").asString()).isEqualTo("pending");
        assertThat(retrying.get("attempts").asInt()).isEqualTo(1);
        assertThat(retrying.get("errorClass").asString()).isEqualTo("smtp_4xx");
        assertThat(Instant.parse(retrying.get("nextAttemptAt").asString())).isAfter(NOON);

        dispatcher.pass(NOON.plusSeconds(30));
        assertThat(onlyDelivery(shop).get("status").asString()).isEqualTo("delivered");
        assertThat(email.calls(destination)).hasSize(2);
    }

    @Test
    void aPermanentRefusalStopsAndDisablesAGoneDestination() {
        Tenant shop = newMerchant("Permanent");
        UUID destination = destination(shop, "discord", Map.of("address", "hook@example.com"));
        rule(shop, Map.of("destinations", List.of(destination.toString())));
        discord.script(destination, () -> new SendOutcome.Permanent("webhook_gone", "404 Unknown Webhook", true));
        ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON));

        dispatcher.pass(NOON);
        dispatcher.pass(NOON.plusSeconds(3600));

        JsonNode delivery = onlyDelivery(shop);
        assertThat(delivery.get("status").asString()).isEqualTo("failed");
        assertThat(delivery.get("errorClass").asString()).isEqualTo("webhook_gone");
        assertThat(discord.calls(destination)).hasSize(1);
        JsonNode shown =
                shop.api().get("/api/notifications/destinations/" + destination).json();
        assertThat(shown.get("enabled").asBoolean()).isFalse();
        assertThat(shown.get("disabledReason").asString()).isEqualTo("404 Unknown Webhook");
        // A disabled destination gets nothing new.
        assertThat(ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON))).isZero();
    }

    @Test
    void anUnknownOutcomeIsSentAgainByEmailButNeverBySms() {
        Tenant shop = newMerchant("Unknown");
        UUID mail = destination(shop, "email", Map.of("address", "ops@example.com"));
        UUID phone = destination(shop, "sms", Map.of("address", "+14155550100"));
        rule(shop, Map.of("destinations", List.of(mail.toString(), phone.toString())));
        email.script(mail, () -> new SendOutcome.Unknown("read timeout after DATA"));
        sms.script(phone, () -> new SendOutcome.Unknown("read timeout"));
        ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON));

        dispatcher.pass(NOON);
        dispatcher.pass(NOON.plusSeconds(60));

        assertThat(email.calls(mail)).hasSize(2);
        JsonNode byMail = delivery(shop, mail);
        assertThat(byMail.get("status").asString()).isEqualTo("delivered");
        assertThat(byMail.get("possibleDuplicates").asInt()).isEqualTo(1);
        // The retry carries the same delivery id, from which the channel derives its Message-ID.
        assertThat(email.calls(mail).get(1).message().deliveryId())
                .isEqualTo(email.calls(mail).get(0).message().deliveryId());

        assertThat(sms.calls(phone)).hasSize(1);
        JsonNode bySms = delivery(shop, phone);
        assertThat(bySms.get("status").asString()).isEqualTo("failed");
        assertThat(bySms.get("errorClass").asString()).isEqualTo("unknown_outcome");
    }

    @Test
    void aDeliveryIsDeadAfterItsRetryBudgetAndCanBeResent() {
        Tenant shop = newMerchant("Dead");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        rule(shop, Map.of("destinations", List.of(destination.toString())));
        for (int i = 0; i < 3; i++) {
            email.script(destination, () -> new SendOutcome.Transient("server_error", "503", null, Optional.empty()));
        }
        ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON));
        for (int minute = 0; minute < 5; minute++) {
            dispatcher.pass(NOON.plusSeconds(60L * minute));
        }
        JsonNode dead = onlyDelivery(shop);
        assertThat(dead.get("status").asString()).isEqualTo("dead");
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(email.calls(destination)).hasSize(3);

        String id = dead.get("id").asString();
        Api.Response resent = shop.api().post("/api/notifications/deliveries/" + id + "/resend", Map.of());
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().get("status").asString()).isEqualTo("pending");
        assertThat(resent.json().get("resends").asInt()).isEqualTo(1);
        dispatcher.pass(Instant.now().plusSeconds(1));
        assertThat(onlyDelivery(shop).get("status").asString()).isEqualTo("delivered");
        assertThat(shop.api()
                        .post("/api/notifications/deliveries/" + id + "/resend", Map.of())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aHeldRateBucketIsNotCalledAgainBeforeItsResetEvenByRacingDispatchers() throws Exception {
        Tenant shop = newMerchant("Held");
        String bucket = "discord:webhook:" + UUID.randomUUID();
        UUID destination = destination(shop, "discord", Map.of("address", "hook@example.com", "bucket", bucket));
        rule(shop, Map.of("destinations", List.of(destination.toString())));
        Instant reset = NOON.plusSeconds(120);
        for (int i = 0; i < 5; i++) {
            discord.script(
                    destination,
                    () -> new SendOutcome.Transient(
                            "rate_limited", "429", Duration.ofSeconds(120), Optional.of(new RateHold(bucket, reset))));
        }
        for (int i = 0; i < 4; i++) {
            ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON));
        }

        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> racers = List.of(
                CompletableFuture.supplyAsync(() -> race(start)), CompletableFuture.supplyAsync(() -> race(start)));
        racers.forEach(CompletableFuture::join);
        dispatcher.pass(NOON.plusSeconds(60));
        dispatcher.pass(reset.minusSeconds(1));
        assertThat(discord.calls(destination))
                .as("one 429, then nothing while the hold lasts")
                .hasSize(1);

        dispatcher.pass(reset.plusSeconds(1));
        assertThat(discord.calls(destination)).hasSizeGreaterThan(1);
    }

    private int race(CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return dispatcher.pass(NOON);
    }

    @Test
    void quietHoursHoldAWarningUntilTheyEndButNotACriticalAlert() {
        Tenant shop = newMerchant("Quiet");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        rule(
                shop,
                Map.of(
                        "destinations", List.of(destination.toString()),
                        "timeZone", "Europe/Berlin",
                        "quietHours", Map.of("start", "22:00", "end", "07:00")));
        Instant lateEvening = Instant.parse("2030-01-15T22:30:00Z"); // 23:30 in Berlin
        Instant quietEnds = Instant.parse("2030-01-16T06:00:00Z"); // 07:00 in Berlin
        ledger.record(alert(shop, AlertSeverity.WARNING, lateEvening));
        ledger.record(alert(shop, AlertSeverity.CRITICAL, lateEvening));

        dispatcher.pass(lateEvening.plusSeconds(60));
        assertThat(email.calls(destination)).hasSize(1);
        assertThat(email.calls(destination)
                        .getFirst()
                        .message()
                        .notices()
                        .getFirst()
                        .severity())
                .isEqualTo("critical");
        dispatcher.pass(quietEnds.minusSeconds(1));
        assertThat(email.calls(destination)).hasSize(1);

        dispatcher.pass(quietEnds);
        assertThat(email.calls(destination)).hasSize(2);
    }

    @Test
    void aDigestFoldsTheAlertsOfItsWindowIntoOneMessage() {
        Tenant shop = newMerchant("Digest");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        rule(shop, Map.of("destinations", List.of(destination.toString()), "mode", "digest_hourly"));
        for (int i = 0; i < 3; i++) {
            ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON.plusSeconds(60L * i)));
        }
        dispatcher.pass(NOON.plusSeconds(600));
        assertThat(email.calls(destination)).isEmpty();

        dispatcher.pass(NOON.plusSeconds(3600));
        assertThat(email.calls(destination)).hasSize(1);
        assertThat(email.calls(destination).getFirst().message().digest()).isTrue();
        assertThat(email.calls(destination).getFirst().message().notices()).hasSize(3);
        JsonNode items = shop.api().get("/api/notifications/deliveries").json().get("items");
        assertThat(items).hasSize(3);
        items.forEach(item -> assertThat(item.get("status").asString()).isEqualTo("delivered"));
    }

    @Test
    void aPatchChangesOnlyTheFieldsItNames() {
        Tenant shop = newMerchant("Patcher");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        String rule = rule(
                shop,
                Map.of(
                        "destinations", List.of(destination.toString()),
                        "dailyCap", 5,
                        "quietHours", Map.of("start", "22:00", "end", "07:00")));
        Api.Response patched = patch(
                shop.api(),
                "/api/notifications/rules/" + rule,
                "{\"dailyCap\": null, \"mode\": \"digest_daily\", \"minSeverity\": \"warning\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode body = patched.json();
        assertThat(body.get("dailyCap").isNull()).isTrue();
        assertThat(body.get("mode").asString()).isEqualTo("digest_daily");
        assertThat(body.get("minSeverity").asString()).isEqualTo("warning");
        assertThat(body.get("quietHours").get("start").asString()).isEqualTo("22:00");
        assertThat(body.get("destinations").get(0).asString()).isEqualTo(destination.toString());

        Api.Response refused = patch(shop.api(), "/api/notifications/rules/" + rule, "{\"alertTypes\": [\"nope\"]}");
        assertField(refused, "alertTypes[0]");
        assertThat(shop.api().get("/api/notifications/rules/" + rule).json().get("alertTypes"))
                .isEmpty();
    }

    @Test
    void alertsOverTheDailyCapAreSuppressedWithTheReason() {
        Tenant shop = newMerchant("Capped");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        rule(shop, Map.of("destinations", List.of(destination.toString()), "dailyCap", 2));
        for (int i = 0; i < 3; i++) {
            ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON.plusSeconds(i)));
        }
        JsonNode suppressed = shop.api()
                .get("/api/notifications/deliveries?status=suppressed")
                .json();
        assertThat(suppressed.get("total").asLong()).isEqualTo(1);
        assertThat(suppressed.get("items").get(0).get("errorClass").asString()).isEqualTo("daily_cap");
        // A pass sends one message per destination (its queue in order): pass until nothing is due.
        while (dispatcher.pass(NOON.plusSeconds(60)) > 0) {
            // the next of the destination's queue
        }
        assertThat(email.calls(destination)).hasSize(2);
    }

    @Test
    void aClaimLeftByADeadDispatcherIsSentOnceAfterItsLease() {
        Tenant shop = newMerchant("Crashed");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        rule(shop, Map.of("destinations", List.of(destination.toString())));
        AlertOpened alert = alert(shop, AlertSeverity.CRITICAL, NOON);
        ledger.record(alert);
        int claimed = jdbc.sql("""
                        update notification_deliveries set status = 'sending', lease_owner = 'dead-instance',
                            lease_until = :until where alert_id = :alert""")
                .param("until", java.sql.Timestamp.from(NOON.plusSeconds(60)))
                .param("alert", alert.alertId())
                .update();
        assertThat(claimed).isEqualTo(1);

        dispatcher.pass(NOON.plusSeconds(30));
        assertThat(email.calls(destination)).isEmpty();
        dispatcher.pass(NOON.plusSeconds(61));
        dispatcher.pass(NOON.plusSeconds(120));
        assertThat(email.calls(destination)).hasSize(1);
        assertThat(onlyDelivery(shop).get("status").asString()).isEqualTo("delivered");
    }

    @Test
    void aSendCutOffByACrashIsRetriedByEmailAndNeverRepeatedBySms() {
        Tenant shop = newMerchant("CrashedMidSend");
        UUID mail = destination(shop, "email", Map.of("address", "ops@example.com"));
        UUID phone = destination(shop, "sms", Map.of("address", "+14155550100"));
        rule(shop, Map.of("destinations", List.of(mail.toString(), phone.toString())));
        AlertOpened alert = alert(shop, AlertSeverity.CRITICAL, NOON);
        ledger.record(alert);
        // What an instance leaves when it dies between calling the provider and recording the answer.
        jdbc.sql("""
                        update notification_deliveries set status = 'sending', lease_owner = 'dead-instance',
                            lease_until = :until, in_flight = true, attempts = 1, first_attempt_at = :at
                        where alert_id = :alert""")
                .param("until", java.sql.Timestamp.from(NOON.plusSeconds(60)))
                .param("at", java.sql.Timestamp.from(NOON))
                .param("alert", alert.alertId())
                .update();

        dispatcher.pass(NOON.plusSeconds(61));
        dispatcher.pass(NOON.plusSeconds(120));

        assertThat(email.calls(mail)).hasSize(1);
        JsonNode byMail = delivery(shop, mail);
        assertThat(byMail.get("status").asString()).isEqualTo("delivered");
        assertThat(byMail.get("possibleDuplicates").asInt()).isEqualTo(1);
        assertThat(sms.calls(phone)).isEmpty();
        JsonNode bySms = delivery(shop, phone);
        assertThat(bySms.get("status").asString()).isEqualTo("failed");
        assertThat(bySms.get("errorClass").asString()).isEqualTo("unknown_outcome");
    }

    @Test
    void receiptsMoveASentDeliveryOnlyForward() {
        Tenant shop = newMerchant("Receipts");
        UUID phone = destination(shop, "sms", Map.of("address", "+14155550100"));
        rule(shop, Map.of("destinations", List.of(phone.toString())));
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        sms.script(phone, () -> new SendOutcome.Accepted(sid, true, Optional.empty()));
        ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON));
        dispatcher.pass(NOON);
        assertThat(onlyDelivery(shop).get("status").asString()).isEqualTo("sent");

        assertThat(ledger.report(ChannelKind.SMS, "SM-unknown", ReportedStatus.DELIVERED, null, null))
                .isFalse();
        assertThat(ledger.report(ChannelKind.EMAIL, sid, ReportedStatus.DELIVERED, null, null))
                .as("another kind's id space")
                .isFalse();
        assertThat(ledger.report(ChannelKind.SMS, sid, ReportedStatus.DELIVERED, null, null))
                .isTrue();
        assertThat(ledger.report(ChannelKind.SMS, sid, ReportedStatus.FAILED, "30003", "Unreachable"))
                .isFalse();
        assertThat(ledger.report(ChannelKind.SMS, sid, ReportedStatus.SENT, null, null))
                .isFalse();
        JsonNode delivery = onlyDelivery(shop);
        assertThat(delivery.get("status").asString()).isEqualTo("delivered");
        assertThat(delivery.get("deliveredAt").isNull()).isFalse();
    }

    @Test
    void aTestMessageIsSentNowAndRecorded() {
        Tenant shop = newMerchant("Tester");
        UUID destination = destination(shop, "sms", Map.of("address", "+14155550100"));
        Api.Response tested = shop.api().post("/api/notifications/destinations/" + destination + "/test", Map.of());
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("outcome").asString()).isEqualTo("accepted");
        assertThat(sms.calls(destination)).hasSize(1);
        assertThat(sms.calls(destination).getFirst().message().transactional()).isTrue();
        assertThat(onlyDelivery(shop).get("test").asBoolean()).isTrue();
    }

    @Test
    void theUnsubscribeLinkDisablesItsDestinationWithoutCredentials() {
        Tenant shop = newMerchant("Unsubscriber");
        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        rule(shop, Map.of("destinations", List.of(destination.toString())));
        ledger.record(alert(shop, AlertSeverity.CRITICAL, NOON));
        dispatcher.pass(NOON);
        String link = email.calls(destination).getFirst().message().unsubscribeLink();
        String path = link.substring(link.indexOf("/notifications/unsubscribe/"));

        assertThat(api.post(path.substring(0, path.length() - 3) + "AAA", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/notifications/unsubscribe/" + destination + ".forged", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(shop.api()
                        .get("/api/notifications/destinations/" + destination)
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(api.post(path, Map.of()).status()).isEqualTo(200);
        assertThat(shop.api()
                        .get("/api/notifications/destinations/" + destination)
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aMerchantNeverSeesOrTouchesAnothersDestinationsRulesOrDeliveries() {
        Tenant owner = newMerchant("Owner");
        Tenant other = newMerchant("Other");
        UUID destination = destination(owner, "email", Map.of("address", "ops@example.com"));
        String rule = rule(owner, Map.of("destinations", List.of(destination.toString())));
        ledger.record(alert(owner, AlertSeverity.CRITICAL, NOON));
        String delivery = onlyDelivery(owner).get("id").asString();
        Api api = other.api();

        assertThat(api.get("/api/notifications/destinations").json()).isEmpty();
        assertThat(api.get("/api/notifications/destinations/" + destination).status())
                .isEqualTo(404);
        assertThat(api.post("/api/notifications/destinations/" + destination + "/test", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/notifications/destinations/" + destination + "/enable", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/notifications/destinations/" + destination).status())
                .isEqualTo(404);
        assertThat(api.get("/api/notifications/rules").json()).isEmpty();
        assertThat(api.get("/api/notifications/rules/" + rule).status()).isEqualTo(404);
        assertThat(patch(api, "/api/notifications/rules/" + rule, "{\"name\":\"mine\"}")
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/notifications/rules/" + rule).status()).isEqualTo(404);
        Api.Response stolen =
                api.post("/api/notifications/rules", Map.of("destinations", List.of(destination.toString())));
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.json().get("errors").get(0).get("field").asString()).isEqualTo("destinations[0]");
        assertThat(api.get("/api/notifications/deliveries").json().get("total").asLong())
                .isZero();
        assertThat(api.get("/api/notifications/deliveries/" + delivery).status())
                .isEqualTo(404);
        assertThat(api.post("/api/notifications/deliveries/" + delivery + "/resend", Map.of())
                        .status())
                .isEqualTo(404);

        assertThat(owner.api()
                        .get("/api/notifications/destinations/" + destination)
                        .status())
                .isEqualTo(200);
        assertThat(owner.api().get("/api/notifications/rules/" + rule).status()).isEqualTo(200);
    }

    @Test
    void badInputIsA400NamingTheFieldAndStoresNothing() {
        Tenant shop = newMerchant("Careless");
        assertField(shop.api().post("/api/notifications/destinations", Map.of("kind", "pigeon", "name", "x")), "kind");
        assertField(
                shop.api()
                        .post(
                                "/api/notifications/destinations",
                                Map.of("kind", "email", "name", "x", "settings", Map.of("address", "nobody"))),
                "settings.address");
        assertField(
                shop.api()
                        .post(
                                "/api/notifications/destinations",
                                Map.of(
                                        "kind",
                                        "email",
                                        "name",
                                        "x",
                                        "settings",
                                        Map.of("address", "a@example.com", "token", "s3cret"))),
                "settings.token");
        assertThat(shop.api().get("/api/notifications/destinations").json()).isEmpty();

        UUID destination = destination(shop, "email", Map.of("address", "ops@example.com"));
        assertField(
                shop.api()
                        .post(
                                "/api/notifications/rules",
                                Map.of(
                                        "destinations",
                                        List.of(destination.toString()),
                                        "alertTypes",
                                        List.of("sync.everything"))),
                "alertTypes[0]");
        assertField(
                shop.api()
                        .post(
                                "/api/notifications/rules",
                                Map.of("destinations", List.of(destination.toString()), "timeZone", "Mars/Base")),
                "timeZone");
        assertField(
                shop.api()
                        .post(
                                "/api/notifications/rules",
                                Map.of("destinations", List.of(destination.toString()), "mode", "weekly")),
                "mode");
        assertThat(shop.api().get("/api/notifications/rules").json()).isEmpty();
        assertThat(shop.api().get("/api/notifications/deliveries?status=lost").status())
                .isEqualTo(400);
    }

    @Test
    void secretsAreNeverReturned() {
        Tenant shop = newMerchant("Secretive");
        Api.Response created = shop.api()
                .post(
                        "/api/notifications/destinations",
                        Map.of(
                                "kind",
                                "discord",
                                "name",
                                "Ops",
                                "settings",
                                Map.of("address", "hook@example.com"),
                                "secrets",
                                Map.of("token", "very-secret-token")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("very-secret-token");
        assertThat(created.json().get("secretFields").get(0).asString()).isEqualTo("token");
        assertThat(shop.api().get("/api/notifications/destinations").body()).doesNotContain("very-secret-token");
        UUID id = UUID.fromString(created.json().get("id").asString());
        // Kept in the credential vault (so key rotation re-encrypts it with the vault's other sets), never in clear.
        String stored = jdbc.sql("select ciphertext from merchant_credentials where name = :name")
                .param("name", "notify-" + id)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain("very-secret-token");
        assertThat(jdbc.sql("select settings || secret_fields from notification_destinations where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .doesNotContain("very-secret-token");
        shop.api().post("/api/notifications/destinations/" + id + "/test", Map.of());
        assertThat(discord.calls(id).getFirst().target().secrets()).containsEntry("token", "very-secret-token");
        assertThat(discord.calls(id).getFirst().target().secrets()).hasSize(1);
    }

    private static void assertField(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static Api.Response patch(Api api, String path, String json) {
        return api.send("PATCH", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static UUID destination(Tenant shop, String kind, Map<String, String> settings) {
        Api.Response created = shop.api()
                .post(
                        "/api/notifications/destinations",
                        Map.of("kind", kind, "name", kind + " destination", "settings", settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private static String rule(Tenant shop, Map<String, Object> body) {
        Api.Response created = shop.api().post("/api/notifications/rules", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static AlertOpened alert(Tenant shop, AlertSeverity severity, Instant at) {
        return new AlertOpened(
                UUID.randomUUID(),
                new MerchantId(UUID.fromString(shop.id())),
                AlertType.SYNC_PUSH_FAILED,
                severity,
                "SKU-1 on shopify",
                "Shopify refused the push",
                Map.of("sku", "SKU-1"),
                at);
    }

    private static JsonNode onlyDelivery(Tenant shop) {
        JsonNode page = shop.api().get("/api/notifications/deliveries").json();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        return page.get("items").get(0);
    }

    private static JsonNode delivery(Tenant shop, UUID destination) {
        JsonNode page = shop.api()
                .get("/api/notifications/deliveries?destination=" + destination)
                .json();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        return page.get("items").get(0);
    }
}
