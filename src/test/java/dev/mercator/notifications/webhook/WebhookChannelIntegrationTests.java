package dev.mercator.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.OutgoingMessage;
import dev.mercator.notifications.channel.PacingSettings;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.PublicAddressGuard;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook channel over real HTTP to the sandbox's receiver, whose own Standard Webhooks verifier (written apart
 * from our signer) checks every signature.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookChannelIntegrationTests extends IntegrationTest {

    @Autowired
    WebhookChannel channel;

    @Autowired
    OutboundHttp outbound;

    @Autowired
    JsonMapper json;

    @Test
    void aSignedNoticeIsAcceptedAndVerifiesAtTheReceiver() {
        String bin = bin();
        String secret = secret();
        api.put("/sandbox/webhook-receiver/" + bin + "/secret", Map.of("signingSecret", secret));
        OutgoingMessage message = message(notice("Push failed", "SKU-1"));

        SendOutcome outcome = channel.send(target(bin, secret), message);

        assertThat(outcome)
                .isEqualTo(new SendOutcome.Accepted("msg_" + message.deliveryId(), false, java.util.Optional.empty()));
        JsonNode received = onlyRequest(bin);
        assertThat(received.get("signature").asString()).isEqualTo("valid");
        assertThat(received.get("answered").asInt()).isEqualTo(200);
        assertThat(received.get("headers").get("webhook-id").get(0).asString())
                .isEqualTo("msg_" + message.deliveryId());
        assertThat(received.get("headers").get("content-type").get(0).asString())
                .startsWith("application/json");
        JsonNode body = json.readTree(received.get("body").asString());
        assertThat(body.get("type").asString()).isEqualTo("alerts.notice");
        JsonNode notice = body.get("data").get("notices").get(0);
        assertThat(notice.get("type").asString()).isEqualTo("sync.push_failed");
        assertThat(notice.get("severity").asString()).isEqualTo("critical");
        assertThat(notice.get("subject").asString()).isEqualTo("SKU-1");
        assertThat(notice.get("message").asString()).isEqualTo("Push failed");
        assertThat(notice.get("details").get("channel").asString()).isEqualTo("amazon");
        assertThat(notice.get("occurredAt").asString()).isEqualTo("2026-12-03T10:15:30Z");
        assertThat(notice.get("link").asString()).startsWith("https://mercator.example/alerts/");
        assertThat(body.get("data").get("deliveryId").asString())
                .isEqualTo(message.deliveryId().toString());
    }

    @Test
    void aTamperedBodyFailsTheReceiversVerificationWhileTheSameRequestUntouchedPasses() {
        String bin = bin();
        String secret = secret();
        channel.send(target(bin, secret), message(notice("Stock is 5", "SKU-1")));
        JsonNode original = onlyRequest(bin);
        String replayBin = bin();
        api.put("/sandbox/webhook-receiver/" + replayBin + "/secret", Map.of("signingSecret", secret));

        Api.Response untouched =
                replay(replayBin, original, original.get("body").asString());
        Api.Response tampered =
                replay(replayBin, original, original.get("body").asString().replace("Stock is 5", "Stock is 0"));

        assertThat(untouched.status()).isEqualTo(200);
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(requests(replayBin))
                .extracting(r -> r.get("signature").asString())
                .containsExactly("valid", "invalid: no v1 signature matches");
    }

    @Test
    void aDigestCarriesEveryNotice() {
        String bin = bin();
        OutgoingMessage digest = new OutgoingMessage(
                UUID.randomUUID(),
                MerchantId.random(),
                List.of(notice("a", "SKU-A"), notice("b", "SKU-B"), notice("c", "SKU-C")),
                true,
                false,
                "https://mercator.example/unsubscribe/abc");

        assertThat(channel.send(target(bin, secret()), digest)).isInstanceOf(SendOutcome.Accepted.class);

        JsonNode body = json.readTree(onlyRequest(bin).get("body").asString());
        assertThat(body.get("type").asString()).isEqualTo("alerts.digest");
        assertThat(body.get("data")
                        .get("notices")
                        .valueStream()
                        .map(n -> n.get("subject").asString()))
                .containsExactly("SKU-A", "SKU-B", "SKU-C");
    }

    @Test
    void gone410IsPermanentAndTheDestinationGone() {
        String bin = bin();
        api.post("/sandbox/webhook-receiver/" + bin + "/faults", Map.of("count", 1, "status", 410));

        SendOutcome outcome = channel.send(target(bin, secret()), message(notice("x", "y")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Permanent.class, p -> {
            assertThat(p.errorClass()).isEqualTo("gone");
            assertThat(p.destinationGone()).isTrue();
        });
    }

    @Test
    void throttled429IsTransientWithTheReceiversRetryAfterAndAHold() {
        String bin = bin();
        Target target = target(bin, secret());
        api.post(
                "/sandbox/webhook-receiver/" + bin + "/faults",
                Map.of("count", 1, "status", 429, "retryAfterSeconds", 120));

        SendOutcome outcome = channel.send(target, message(notice("x", "y")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Transient.class, t -> {
            assertThat(t.errorClass()).isEqualTo("rate_limited");
            assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(120));
            assertThat(t.hold()).hasValueSatisfying(hold -> {
                assertThat(hold.bucket()).isEqualTo("webhook:" + target.destinationId());
                assertThat(hold.until()).isAfter(Instant.now().plusSeconds(100));
            });
        });
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDateAndCappedAtADay() {
        String inNinetySeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(90));

        assertThat(channel.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(channel.retryAfter(inNinetySeconds)).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(90));
        assertThat(channel.retryAfter("Wed, 21 Oct 2099 07:28:00 GMT")).isEqualTo(Duration.ofDays(1));
        assertThat(channel.retryAfter("-5")).isEqualTo(Duration.ZERO);
        assertThat(channel.retryAfter("soon")).isNull();
        assertThat(channel.retryAfter(null)).isNull();
    }

    @Test
    void aServerErrorIsTransientAndTheNextAttemptIsAccepted() {
        String bin = bin();
        api.post("/sandbox/webhook-receiver/" + bin + "/faults", Map.of("count", 1, "status", 500));
        OutgoingMessage message = message(notice("x", "y"));

        SendOutcome failed = channel.send(target(bin, secret()), message);
        SendOutcome retried = channel.send(target(bin, secret()), message);

        assertThat(failed)
                .isInstanceOfSatisfying(
                        SendOutcome.Transient.class,
                        t -> assertThat(t.errorClass()).isEqualTo("server_error"));
        assertThat(retried).isInstanceOf(SendOutcome.Accepted.class);
    }

    @Test
    void aStallPastTheReadTimeoutIsUnknownAndTheRetryCarriesTheSameWebhookId() {
        String bin = bin();
        WebhookChannel impatient = new WebhookChannel(
                new WebhookSettings("sandbox", Duration.ofSeconds(2), Duration.ofMillis(500)),
                outbound,
                json,
                PacingSettings.defaults(),
                Clock.systemUTC());
        api.post("/sandbox/webhook-receiver/" + bin + "/faults", Map.of("count", 1, "stallSeconds", 30));
        OutgoingMessage message = message(notice("x", "y"));

        SendOutcome stalled = impatient.send(target(bin, secret()), message);
        SendOutcome retried = impatient.send(target(bin, secret()), message);

        assertThat(stalled).isInstanceOf(SendOutcome.Unknown.class);
        assertThat(retried).isInstanceOf(SendOutcome.Accepted.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> requests(bin).size() == 2);
        assertThat(requests(bin))
                .extracting(r -> r.get("headers").get("webhook-id").get(0).asString())
                .containsOnly("msg_" + message.deliveryId());
        api.delete("/sandbox/webhook-receiver/" + bin); // releases the stalled request
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Target target = new Target(
                UUID.randomUUID(),
                ChannelKind.WEBHOOK,
                Map.of("url", "http://127.0.0.1:" + closed + "/hook"),
                Map.of("signingSecret", secret()));

        SendOutcome outcome = channel.send(target, message(notice("x", "y")));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.Transient.class,
                        t -> assertThat(t.errorClass()).isEqualTo("connect_failed"));
    }

    @Test
    void liveModeRefusesPrivateTargetsAtValidationAndAtSendTime() {
        WebhookChannel live = new WebhookChannel(
                new WebhookSettings("live", null, null), outbound, json, PacingSettings.defaults(), Clock.systemUTC());
        String bin = bin();
        for (String url : List.of(
                "http://localhost:" + port + "/sandbox/webhook-receiver/" + bin,
                "http://127.0.0.1:" + port + "/sandbox/webhook-receiver/" + bin,
                "http://[::1]:" + port + "/x",
                "http://169.254.169.254/latest/meta-data/",
                "http://[fd00:ec2::254]/latest",
                "http://10.0.0.5/hook",
                "http://192.168.1.1/hook",
                "http://[::ffff:127.0.0.1]/hook",
                "ftp://example.com/hook",
                "file:///etc/passwd")) {
            assertThat(live.validate(Map.of("url", url), Map.of("signingSecret", secret())))
                    .as(url)
                    .singleElement()
                    .satisfies(p -> assertThat(p.field()).isEqualTo("settings.url"));
        }

        SendOutcome outcome = live.send(target(bin, secret()), message(notice("x", "y")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Permanent.class, p -> {
            assertThat(p.errorClass()).isEqualTo("address_refused");
            assertThat(p.destinationGone()).isTrue();
        });
        assertThat(requests(bin)).isEmpty();
        assertThat(channel.validate(
                        Map.of("url", "http://localhost:" + port + "/sandbox/webhook-receiver/" + bin),
                        Map.of("signingSecret", secret())))
                .as("sandbox mode allows this server")
                .isEmpty();
    }

    @Test
    void theGuardedClientChecksTheAddressItConnectsTo() {
        // No pre-check here: the refusal comes from the connection's own DNS resolution (the pin).
        String url = "http://localhost:" + port + "/sandbox/webhook-receiver/" + bin();
        var live = outbound.guardedClient(
                "webhook-test", PublicAddressGuard.LIVE, Duration.ofSeconds(1), Duration.ofSeconds(2));
        var sandbox = outbound.guardedClient(
                "webhook-test", PublicAddressGuard.SANDBOX, Duration.ofSeconds(1), Duration.ofSeconds(2));

        assertThatThrownBy(() -> live.post().uri(url).body("{}").retrieve().toBodilessEntity())
                .isInstanceOf(RestClientException.class)
                .hasRootCauseInstanceOf(PublicAddressGuard.RefusedAddress.class);
        assertThat(sandbox.post()
                        .uri(url)
                        .body("{}")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void redirectsAreNotFollowed() {
        String bin = bin();
        api.post("/sandbox/webhook-receiver/" + bin + "/faults", Map.of("count", 1, "status", 307));

        SendOutcome outcome = channel.send(target(bin, secret()), message(notice("x", "y")));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.Transient.class,
                        t -> assertThat(t.errorClass()).isEqualTo("http_307"));
        assertThat(requests(bin)).hasSize(1);
    }

    @Test
    void theSigningSecretIsValidatedAndInNoLogLine(CapturedOutput output) {
        String bin = bin();
        String secret = secret();
        api.put("/sandbox/webhook-receiver/" + bin + "/secret", Map.of("signingSecret", secret));

        assertThat(channel.send(target(bin, secret), message(notice("x", "y"))))
                .isInstanceOf(SendOutcome.Accepted.class);

        assertThat(output.getAll()).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
        String url = "http://localhost:" + port + "/hook";
        for (String bad : List.of(
                "",
                "secret",
                "whsec_",
                "whsec_!!!notbase64",
                "whsec_" + Base64.getEncoder().encodeToString(new byte[8]))) {
            assertThat(channel.validate(Map.of("url", url), Map.of("signingSecret", bad)))
                    .as(bad)
                    .singleElement()
                    .satisfies(p -> assertThat(p.field()).isEqualTo("secrets.signingSecret"));
        }
        assertThat(channel.secretFields()).containsExactly("signingSecret");
        assertThat(channel.retriesUnknownOutcome()).isTrue();
    }

    private Api.Response replay(String bin, JsonNode original, String body) {
        List<String> headers = new ArrayList<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.add(name);
            headers.add(original.get("headers").get(name).get(0).asString());
        }
        return api.send(
                "POST",
                "/sandbox/webhook-receiver/" + bin,
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                headers.toArray(String[]::new));
    }

    private JsonNode onlyRequest(String bin) {
        List<JsonNode> requests = requests(bin);
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    private List<JsonNode> requests(String bin) {
        Api.Response response = api.get("/sandbox/webhook-receiver/" + bin + "/requests");
        assertThat(response.status()).isEqualTo(200);
        return response.json().valueStream().toList();
    }

    private Target target(String bin, String secret) {
        return new Target(
                UUID.randomUUID(),
                ChannelKind.WEBHOOK,
                Map.of("url", "http://localhost:" + port + "/sandbox/webhook-receiver/" + bin),
                Map.of("signingSecret", secret));
    }

    private static String bin() {
        return "bin-" + UUID.randomUUID();
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static OutgoingMessage message(Notice notice) {
        return new OutgoingMessage(
                UUID.randomUUID(),
                MerchantId.random(),
                List.of(notice),
                false,
                false,
                "https://mercator.example/unsubscribe/abc");
    }

    private static Notice notice(String message, String subject) {
        UUID alert = UUID.randomUUID();
        return new Notice(
                alert,
                "sync.push_failed",
                "critical",
                subject,
                message,
                Map.of("channel", "amazon"),
                Instant.parse("2026-12-03T10:15:30Z"),
                "https://mercator.example/alerts/" + alert);
    }
}
