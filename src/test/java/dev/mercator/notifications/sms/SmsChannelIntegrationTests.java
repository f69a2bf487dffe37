package dev.mercator.notifications.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.notifications.ChannelIntegrationTest;
import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.DeliveryReports.ReportedStatus;
import dev.mercator.notifications.channel.FieldProblem;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class SmsChannelIntegrationTests extends ChannelIntegrationTest {

    private static final String SENDER = "+15005550006";
    private static final String RECIPIENT = "+14155552671";

    @Autowired
    TwilioSender sms;

    private MerchantId merchant;

    @BeforeEach
    void merchant() {
        merchant = new MerchantId(
                UUID.fromString(newMerchant("sms-" + UUID.randomUUID()).id()));
    }

    @Test
    void anAcceptedSmsAwaitsItsReceiptAndTwiliosSignedCallbacksReachTheLedger() {
        Account account = newAccount(false, 100);
        Target target = account.destination(RECIPIENT);

        SendOutcome outcome = sms.send(target, single(merchant, notice("critical", "SKU-1", "Push failed", Map.of())));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        SendOutcome.Accepted accepted = (SendOutcome.Accepted) outcome;
        assertThat(accepted.providerMessageId()).matches("SM[0-9a-f]{32}");
        assertThat(accepted.awaitsReceipt()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(receipts.of(accepted.providerMessageId()))
                        .extracting(r -> r.status())
                        .containsExactly(ReportedStatus.SENT, ReportedStatus.DELIVERED));
        JsonNode sent = account.view().path("messages").get(0);
        assertThat(sent.path("body").asString()).startsWith("[CRITICAL] SKU-1: Push failed");
        assertThat(sms.retriesUnknownOutcome()).isFalse();
    }

    @Test
    void anUndeliveredMessageAndOneWhoseValidityPeriodRanOutAreReportedFailedWithTwiliosCode() {
        Account account = newAccount(false, 100);
        String unreachable = "+14155552672";
        String congested = "+14155552673";
        account.fate(unreachable, "undelivered", "30003");
        account.fate(congested, "stuck", null);
        Map<String, String> oneSecond = Map.of(TwilioSender.VALIDITY_PERIOD, "1");

        var undelivered = (SendOutcome.Accepted)
                sms.send(account.destination(unreachable), single(merchant, notice("info", "a", "b", Map.of())));
        var expired = (SendOutcome.Accepted) sms.send(
                account.destination(congested, oneSecond), single(merchant, notice("info", "a", "b", Map.of())));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(receipts.of(undelivered.providerMessageId()))
                    .extracting(r -> r.status() + ":" + r.errorCode())
                    .containsExactly("SENT:null", "FAILED:30003");
            assertThat(receipts.of(expired.providerMessageId()))
                    .extracting(r -> r.status() + ":" + r.errorCode())
                    .containsExactly("FAILED:30036");
        });
    }

    @Test
    void afterARecipientRepliesStopNoSmsReachesTwilioUntilTheyReplyStart() {
        Account account = newAccount(true, 100);
        Target target = account.destination(RECIPIENT);

        JsonNode stop = account.reply(RECIPIENT, "Stop");
        long before = account.view().path("requests").asLong();
        SendOutcome refused = sms.send(target, single(merchant, notice("info", "a", "b", Map.of())));
        long after = account.view().path("requests").asLong();
        account.reply(RECIPIENT, "START");
        SendOutcome again = sms.send(target, single(merchant, notice("info", "a", "b", Map.of())));

        assertThat(stop.path("inboundStatus").asInt()).isEqualTo(200);
        assertThat(refused)
                .isInstanceOfSatisfying(
                        SendOutcome.Permanent.class,
                        p -> assertThat(p.errorClass()).isEqualTo("opted_out"));
        assertThat(after).isEqualTo(before);
        assertThat(again).isInstanceOf(SendOutcome.Accepted.class);
    }

    @Test
    void twilios21610IsPermanentAndRemembersTheRecipientSoTwilioIsNotAskedAgain() {
        Account account = newAccount(false, 100);
        Target target = account.destination(RECIPIENT);
        account.reply(RECIPIENT, "STOP");

        SendOutcome first = sms.send(target, single(merchant, notice("info", "a", "b", Map.of())));
        long afterFirst = account.view().path("requests").asLong();
        SendOutcome second = sms.send(target, single(merchant, notice("info", "a", "b", Map.of())));

        assertThat(first)
                .isInstanceOfSatisfying(
                        SendOutcome.Permanent.class,
                        p -> assertThat(p.errorClass()).isEqualTo("opted_out"));
        assertThat(second)
                .isInstanceOfSatisfying(
                        SendOutcome.Permanent.class,
                        p -> assertThat(p.errorClass()).isEqualTo("opted_out"));
        assertThat(afterFirst).isEqualTo(1);
        assertThat(account.view().path("requests").asLong()).isEqualTo(afterFirst);
    }

    @Test
    void twiliosErrorsAreClassedRateTransientBadAuthGoneInvalidNumberPermanentTimeoutUnknown() {
        Account slow = newAccount(false, 0.001);
        Account account = newAccount(false, 100);
        Target wrongToken = new Target(
                UUID.randomUUID(),
                ChannelKind.SMS,
                account.destination(RECIPIENT).settings(),
                Map.of(TwilioSender.AUTH_TOKEN, "0".repeat(32)));

        sms.send(slow.destination(RECIPIENT), single(merchant, notice("info", "a", "b", Map.of())));
        SendOutcome throttled =
                sms.send(slow.destination(RECIPIENT), single(merchant, notice("info", "a", "b", Map.of())));
        SendOutcome unauthorised = sms.send(wrongToken, single(merchant, notice("info", "a", "b", Map.of())));
        admin.post("/api/admin/sandbox/twilio/faults", Map.of("badRequestRate", 1.0, "times", 1));
        SendOutcome invalid =
                sms.send(account.destination(RECIPIENT), single(merchant, notice("info", "a", "b", Map.of())));
        admin.post("/api/admin/sandbox/twilio/faults", Map.of("errorRate", 1.0, "times", 1));
        SendOutcome failing =
                sms.send(account.destination(RECIPIENT), single(merchant, notice("info", "a", "b", Map.of())));
        admin.post("/api/admin/sandbox/twilio/faults", Map.of("latencyMs", 1500, "times", 1));
        SendOutcome timedOut =
                sms.send(account.destination(RECIPIENT), single(merchant, notice("info", "a", "b", Map.of())));

        assertThat(throttled).isInstanceOfSatisfying(SendOutcome.Transient.class, t -> {
            assertThat(t.errorClass()).isEqualTo("rate_limited");
            assertThat(t.hold().orElseThrow().bucket()).isEqualTo("twilio:account:" + slow.sid());
        });
        assertThat(unauthorised)
                .isInstanceOfSatisfying(
                        SendOutcome.Permanent.class,
                        p -> assertThat(p.destinationGone()).isTrue());
        assertThat(invalid)
                .isInstanceOfSatisfying(
                        SendOutcome.Permanent.class,
                        p -> assertThat(p.errorClass()).isEqualTo("invalid_number"));
        assertThat(failing)
                .isInstanceOfSatisfying(
                        SendOutcome.Transient.class,
                        t -> assertThat(t.errorClass()).isEqualTo("server_error"));
        assertThat(timedOut).isInstanceOf(SendOutcome.Unknown.class);
    }

    @Test
    void aStatusCallbackIsAppliedOnlyWithTwiliosSignatureOverTheExactUrl() {
        Account account = newAccount(false, 100);
        Target target = account.destination(RECIPIENT);
        String path = "/webhook/twilio/status?destination=" + target.destinationId();
        String url = "http://localhost:" + port + path;
        String sid = "SM" + "a".repeat(32);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", account.sid());
        params.put("MessageSid", sid);
        params.put("MessageStatus", "delivered");
        params.put("To", RECIPIENT);

        int wrong = callback(path, params, TwilioSignature.sign("f".repeat(32), url, params));
        int otherUrl = callback(path, params, TwilioSignature.sign(account.token(), url + "&x=1", params));
        int unsigned = callback(path, params, null);
        int unknownDestination = callback(
                "/webhook/twilio/status?destination=" + UUID.randomUUID(),
                params,
                TwilioSignature.sign(account.token(), url, params));
        assertThat(receipts.of(sid)).isEmpty();
        int valid = callback(path, params, TwilioSignature.sign(account.token(), url, params));

        assertThat(List.of(wrong, otherUrl, unsigned, unknownDestination)).containsOnly(403);
        assertThat(valid).isEqualTo(204);
        assertThat(receipts.of(sid)).extracting(r -> r.status()).containsExactly(ReportedStatus.DELIVERED);
    }

    @Test
    void aStopWithABadSignatureChangesNothing() {
        Account account = newAccount(false, 100);
        Target target = account.destination(RECIPIENT);
        String path = "/webhook/twilio/inbound?destination=" + target.destinationId();
        Map<String, String> params = Map.of("From", RECIPIENT, "To", SENDER, "Body", "STOP");

        int refused =
                callback(path, params, TwilioSignature.sign(account.token(), "http://evil.example" + path, params));
        SendOutcome stillSent = sms.send(target, single(merchant, notice("info", "a", "b", Map.of())));

        assertThat(refused).isEqualTo(403);
        assertThat(stillSent).isInstanceOf(SendOutcome.Accepted.class);
    }

    @Test
    void numbersAreValidatedAndStoredInE164() {
        Map<String, String> settings = Map.of(
                TwilioSender.TO,
                "+1 (415) 555-2671",
                TwilioSender.FROM,
                SENDER,
                TwilioSender.ACCOUNT_SID,
                "AC" + "0".repeat(32));
        Map<String, String> secrets = Map.of(TwilioSender.AUTH_TOKEN, "1".repeat(32));

        assertThat(sms.validate(settings, secrets)).isEmpty();
        assertThat(sms.normalise(settings)).containsEntry(TwilioSender.TO, "+14155552671");
        for (String bad : List.of("4155552671", "+1 555", "+44 20 7946", "call me", "")) {
            Map<String, String> wrong = new HashMap<>(settings);
            wrong.put(TwilioSender.TO, bad);
            assertThat(sms.validate(wrong, secrets))
                    .extracting(FieldProblem::field)
                    .containsExactly("settings.to");
        }
        assertThat(sms.validate(
                        Map.of(TwilioSender.TO, RECIPIENT, TwilioSender.FROM, "nobody", TwilioSender.ACCOUNT_SID, "x"),
                        Map.of()))
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("settings.from", "settings.accountSid", "secrets.authToken");
    }

    @Test
    void theAuthTokenNeverReachesTheLog(CapturedOutput output) {
        Account account = newAccount(false, 100);

        SendOutcome outcome =
                sms.send(account.destination(RECIPIENT), single(merchant, notice("info", "logged", "b", Map.of())));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(output.getAll()).contains("/Messages.json");
        assertThat(output.getAll()).doesNotContain(account.token());
    }

    private int callback(String path, Map<String, String> params, String signature) {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String[] headers = signature == null ? new String[0] : new String[] {"X-Twilio-Signature", signature};
        return api.send(
                        "POST",
                        path,
                        "application/x-www-form-urlencoded",
                        body.getBytes(StandardCharsets.UTF_8),
                        headers)
                .status();
    }

    private record Account(
            String sid, String token, UUID destination, Api api, Destinations destinations, MerchantId merchant) {

        Target destination(String to) {
            return destination(to, Map.of());
        }

        /** The account's SMS destination, known to the destinations store so its callbacks verify. */
        Target destination(String to, Map<String, String> more) {
            Map<String, String> settings = new HashMap<>(more);
            settings.put(TwilioSender.TO, to);
            settings.put(TwilioSender.FROM, SENDER);
            settings.put(TwilioSender.ACCOUNT_SID, sid);
            Target target = new Target(destination, ChannelKind.SMS, settings, Map.of(TwilioSender.AUTH_TOKEN, token));
            destinations.put(merchant, target);
            return target;
        }

        void fate(String number, String fate, String errorCode) {
            Map<String, String> request = new HashMap<>(Map.of("number", number, "fate", fate));
            if (errorCode != null) {
                request.put("errorCode", errorCode);
            }
            api.post("/sandbox/twilio/sim/accounts/" + sid + "/fates", request);
        }

        JsonNode reply(String from, String body) {
            return api.post(
                            "/sandbox/twilio/sim/accounts/" + sid + "/replies",
                            Map.of("from", from, "to", SENDER, "body", body))
                    .json();
        }

        JsonNode view() {
            return api.get("/sandbox/twilio/sim/accounts/" + sid).json();
        }
    }

    private Account newAccount(boolean withInboundUrl, double messagesPerSecond) {
        UUID destination = UUID.randomUUID();
        Map<String, Object> request =
                new HashMap<>(Map.of("messagesPerSecond", messagesPerSecond, "burst", messagesPerSecond < 1 ? 1 : 10));
        if (withInboundUrl) {
            request.put(
                    "inboundUrl", "http://localhost:" + port + "/webhook/twilio/inbound?destination=" + destination);
        }
        JsonNode created = api.post("/sandbox/twilio/sim/accounts", request).json();
        return new Account(
                created.path("accountSid").asString(),
                created.path("authToken").asString(),
                destination,
                api,
                destinations,
                merchant);
    }
}
