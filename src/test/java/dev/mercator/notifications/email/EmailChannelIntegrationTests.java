package dev.mercator.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.OutgoingMessage;
import dev.mercator.notifications.channel.PacingSettings;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/** The e-mail channel through Angus Mail over real SMTP to the sandbox's SMTP server, each error class included. */
@ExtendWith(OutputCaptureExtension.class)
class EmailChannelIntegrationTests extends IntegrationTest {

    @Autowired
    EmailChannel channel;

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void disarm() {
        api.delete("/sandbox/smtp/faults");
    }

    @Test
    void aMessageArrivesWithTextAndHtmlPartsEscapedLinksAbsoluteAndItsMessageIdReturned() {
        String to = address();
        OutgoingMessage message = message(false, notice("Push failed for <script>alert(1)</script>", "SKU-1"));

        SendOutcome outcome = channel.send(target(to), message);

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        String messageId = ((SendOutcome.Accepted) outcome).providerMessageId();
        assertThat(messageId).isEqualTo("<" + message.deliveryId() + "@mercator.example>");
        JsonNode mail = onlyMessageTo(to);
        assertThat(mail.get("messageId").asString()).isEqualTo(messageId);
        assertThat(mail.get("envelopeRecipients").get(0).asString()).isEqualTo(to);
        assertThat(mail.get("headers").valueStream().map(h -> h.get("name").asString()))
                .contains("Date", "From", "To", "Subject", "Auto-Submitted", "MIME-Version");
        assertThat(mail.get("envelopeFrom").asString()).isEqualTo("alerts@mercator.example");
        assertThat(mail.get("subject").asString()).isEqualTo("[Mercator] critical: SKU-1 (sync.push_failed)");
        assertThat(mail.get("text").asString())
                .contains("Push failed for <script>", "https://mercator.example/alerts/");
        String html = mail.get("html").asString();
        assertThat(html)
                .contains("Push failed for &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>")
                .contains("href=\"https://mercator.example/alerts/");
        assertThat(mail.get("listUnsubscribe").asString()).isEqualTo("<https://mercator.example/unsubscribe/abc>");
        assertThat(mail.get("listUnsubscribePost").asString()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(html).contains("href=\"https://mercator.example/unsubscribe/abc\"");
    }

    @Test
    void aTransactionalMessageHasNoUnsubscribeHeaders() {
        String to = address();

        assertThat(channel.send(target(to), message(true, notice("A test message", "test"))))
                .isInstanceOf(SendOutcome.Accepted.class);

        JsonNode mail = onlyMessageTo(to);
        assertThat(mail.get("listUnsubscribe").isNull()).isTrue();
        assertThat(mail.get("listUnsubscribePost").isNull()).isTrue();
        assertThat(mail.get("html").asString()).doesNotContain("Stop these alerts");
    }

    @Test
    void aDigestListsEveryNotice() {
        String to = address();
        OutgoingMessage digest = new OutgoingMessage(
                UUID.randomUUID(),
                MerchantId.random(),
                List.of(notice("first", "SKU-A"), notice("second", "SKU-B"), notice("third", "SKU-C")),
                true,
                false,
                "https://mercator.example/unsubscribe/abc");

        assertThat(channel.send(target(to), digest)).isInstanceOf(SendOutcome.Accepted.class);

        JsonNode mail = onlyMessageTo(to);
        assertThat(mail.get("subject").asString()).isEqualTo("[Mercator] 3 alerts");
        assertThat(mail.get("text").asString()).contains("SKU-A", "SKU-B", "SKU-C", "first", "second", "third");
        assertThat(mail.get("html").asString()).contains("SKU-A", "SKU-B", "SKU-C", "first", "second", "third");
    }

    @Test
    void theInboxCanBeEmptied() {
        String to = address();
        channel.send(target(to), message(false, notice("x", "SKU-1")));
        assertThat(messagesTo(to)).hasSize(1);

        assertThat(api.delete("/sandbox/smtp/messages").status()).isEqualTo(204);

        assertThat(messagesTo(to)).isEmpty();
    }

    @Test
    void aRetryOfTheSameDeliveryCarriesTheSameMessageId() {
        String to = address();
        OutgoingMessage message = message(false, notice("again", "SKU-1"));

        SendOutcome first = channel.send(target(to), message);
        SendOutcome second = channel.send(target(to), message);

        assertThat(first).isEqualTo(second);
        List<String> ids =
                messagesTo(to).stream().map(m -> m.get("messageId").asString()).toList();
        assertThat(ids).hasSize(2).containsOnly(((SendOutcome.Accepted) first).providerMessageId());
    }

    @Test
    void a4xxToTheRecipientIsTransient() {
        String to = address();
        api.post("/sandbox/smtp/faults/recipient", Map.of("address", to, "code", 452, "text", "4.2.2 Mailbox full"));

        SendOutcome outcome = channel.send(target(to), message(false, notice("x", "SKU-1")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Transient.class, t -> {
            assertThat(t.errorClass()).isEqualTo("smtp_4xx");
            assertThat(t.reason()).contains("452", "RCPT TO");
        });
        assertThat(messagesTo(to)).isEmpty();
    }

    @Test
    void a5xxToTheRecipientIsPermanentAndTheDestinationGone() {
        String to = address();
        api.post("/sandbox/smtp/faults/recipient", Map.of("address", to, "code", 550, "text", "5.1.1 No such user"));

        SendOutcome outcome = channel.send(target(to), message(false, notice("x", "SKU-1")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Permanent.class, p -> {
            assertThat(p.errorClass()).isEqualTo("smtp_recipient_refused");
            assertThat(p.destinationGone()).isTrue();
            assertThat(p.reason()).contains("550");
        });
    }

    @Test
    void a4xxToTheMessageIsTransientAnd5xxPermanentWithTheDestinationKept() {
        String to = address();
        api.post("/sandbox/smtp/faults/messages", Map.of("count", 1, "code", 451, "text", "4.3.0 Local error"));
        SendOutcome busy = channel.send(target(to), message(false, notice("x", "SKU-1")));
        api.post("/sandbox/smtp/faults/messages", Map.of("count", 1, "code", 554, "text", "5.7.1 Rejected"));
        SendOutcome rejected = channel.send(target(to), message(false, notice("x", "SKU-1")));

        assertThat(busy)
                .isInstanceOfSatisfying(
                        SendOutcome.Transient.class,
                        t -> assertThat(t.errorClass()).isEqualTo("smtp_4xx"));
        assertThat(rejected).isInstanceOfSatisfying(SendOutcome.Permanent.class, p -> {
            assertThat(p.errorClass()).isEqualTo("smtp_5xx");
            assertThat(p.destinationGone()).isFalse();
        });
        assertThat(messagesTo(to)).isEmpty();
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        EmailChannel live = new EmailChannel(
                live("127.0.0.1", closed, null, null, Duration.ofSeconds(5)),
                environment,
                PacingSettings.defaults(),
                meters);

        SendOutcome outcome = live.send(target(address()), message(false, notice("x", "SKU-1")));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.Transient.class,
                        t -> assertThat(t.errorClass()).isEqualTo("connect_failed"));
    }

    @Test
    void noReplyToTheEndOfDataIsUnknownAndTheRetryCarriesTheSameMessageId() {
        String to = address();
        EmailChannel impatient =
                new EmailChannel(sandbox(Duration.ofMillis(500)), environment, PacingSettings.defaults(), meters);
        OutgoingMessage message = message(false, notice("stalled", "SKU-1"));
        api.post("/sandbox/smtp/faults/stall", Map.of("count", 1, "seconds", 30));

        SendOutcome stalled = impatient.send(target(to), message);
        api.delete("/sandbox/smtp/faults"); // releases the held reply: the relay did take the message
        SendOutcome retried = impatient.send(target(to), message);

        assertThat(stalled).isInstanceOf(SendOutcome.Unknown.class);
        assertThat(retried).isInstanceOf(SendOutcome.Accepted.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesTo(to).size() == 2);
        assertThat(messagesTo(to))
                .extracting(m -> m.get("messageId").asString())
                .containsOnly(((SendOutcome.Accepted) retried).providerMessageId());
    }

    @Test
    void aTemplateThatFailsToRenderFallsBackToPlainTextAndIsCounted() {
        String to = address();
        double before = fallbacks();
        EmailChannel broken = new EmailChannel(
                sandbox(Duration.ofSeconds(5)),
                environment,
                PacingSettings.defaults(),
                new EmailComposer("broken", meters));

        SendOutcome outcome = broken.send(target(to), message(false, notice("still delivered", "SKU-9")));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        JsonNode mail = onlyMessageTo(to);
        assertThat(mail.get("html").isNull()).isTrue();
        assertThat(mail.get("text").asString()).contains("still delivered", "SKU-9");
        assertThat(fallbacks()).isEqualTo(before + 1);
    }

    @Test
    void liveModeRequiringStarttlsRefusesARelayThatDoesNotOfferIt() {
        String to = address();
        EmailSettings live = new EmailSettings(
                "live", "127.0.0.1", sandboxPort(), null, null, null, true, null, Duration.ofSeconds(5), null);

        SendOutcome outcome = new EmailChannel(live, environment, PacingSettings.defaults(), meters)
                .send(target(to), message(false, notice("x", "y")));

        assertThat(outcome).isInstanceOf(SendOutcome.Transient.class);
        assertThat(messagesTo(to)).isEmpty();
    }

    @Test
    void theSmtpPasswordIsInNoLogLine(CapturedOutput output) {
        String to = address();
        String password = "smtp-pw-" + UUID.randomUUID();
        EmailChannel withLogin = new EmailChannel(
                live("127.0.0.1", sandboxPort(), "mercator", password, Duration.ofSeconds(5)),
                environment,
                PacingSettings.defaults(),
                meters);

        SendOutcome outcome = withLogin.send(target(to), message(false, notice("x", "SKU-1")));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(onlyMessageTo(to).get("authenticatedAs").asString())
                .as("the client logged in, so the password crossed the wire")
                .isEqualTo("mercator");
        String plain = Base64.getEncoder().encodeToString(("\0mercator\0" + password).getBytes(StandardCharsets.UTF_8));
        String login = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
        assertThat(output.getAll())
                .doesNotContain(password)
                .doesNotContain(plain)
                .doesNotContain(login);
        assertThat(live("h", 1, "u", password, Duration.ofSeconds(1)).toString())
                .doesNotContain(password);
    }

    @Test
    void anAddressIsValidatedStrictly() {
        assertThat(channel.validate(Map.of("to", "merchant@shop.example"), Map.of()))
                .isEmpty();
        for (String bad : List.of(
                "",
                "not an address",
                "merchant@",
                "merchant@localhost",
                "a@b.example, c@d.example",
                "Merchant <merchant@shop.example>",
                "merchant@shop..example",
                "merchant@shop.example.")) {
            assertThat(channel.validate(Map.of("to", bad), Map.of()))
                    .as(bad)
                    .singleElement()
                    .satisfies(problem -> assertThat(problem.field()).isEqualTo("settings.to"));
        }
        assertThat(channel.validate(Map.of(), Map.of()))
                .extracting(p -> p.field())
                .containsExactly("settings.to");
        assertThat(channel.secretFields()).isEmpty();
        assertThat(channel.retriesUnknownOutcome()).isTrue();
    }

    private EmailSettings sandbox(Duration readTimeout) {
        return new EmailSettings(
                "sandbox", null, null, null, null, null, null, Duration.ofSeconds(2), readTimeout, null);
    }

    private static EmailSettings live(String host, int port, String username, String password, Duration readTimeout) {
        // STARTTLS not required: the sandbox's server offers none, and these tests are about other things.
        return new EmailSettings(
                "live", host, port, username, password, null, false, Duration.ofSeconds(2), readTimeout, null);
    }

    private int sandboxPort() {
        return environment.getRequiredProperty(EmailChannel.SANDBOX_PORT, Integer.class);
    }

    private double fallbacks() {
        var counter = meters.find(EmailComposer.FALLBACKS).counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode onlyMessageTo(String to) {
        List<JsonNode> messages = messagesTo(to);
        assertThat(messages).hasSize(1);
        return messages.getFirst();
    }

    private List<JsonNode> messagesTo(String to) {
        Api.Response inbox = api.get("/sandbox/smtp/messages?to=" + to);
        assertThat(inbox.status()).isEqualTo(200);
        return inbox.json().get("messages").valueStream().toList();
    }

    private static String address() {
        return "merchant-" + UUID.randomUUID() + "@shop.example";
    }

    private static Target target(String to) {
        return new Target(UUID.randomUUID(), ChannelKind.EMAIL, Map.of("to", to), Map.of());
    }

    private static OutgoingMessage message(boolean transactional, Notice notice) {
        return new OutgoingMessage(
                UUID.randomUUID(),
                MerchantId.random(),
                List.of(notice),
                false,
                transactional,
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
                Map.of("channel", "amazon", "attempts", "5"),
                Instant.parse("2026-12-03T10:15:30Z"),
                "https://mercator.example/alerts/" + alert);
    }
}
