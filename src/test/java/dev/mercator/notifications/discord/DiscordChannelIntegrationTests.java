package dev.mercator.notifications.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.notifications.ChannelIntegrationTest;
import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.FieldProblem;
import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.RateHold;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.MerchantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class DiscordChannelIntegrationTests extends ChannelIntegrationTest {

    private static final MerchantId MERCHANT = new MerchantId(UUID.randomUUID());

    @Autowired
    DiscordSender discord;

    @Test
    void anAlertIsPostedAsAnEmbedAndAcceptedWithTheMessageId() {
        Webhook webhook = newWebhook(5, 2.0);
        Notice notice = notice("critical", "SKU-1 on Amazon", "Push failed @everyone", Map.of("sku", "SKU-1"));

        SendOutcome outcome = discord.send(webhook.target(), single(MERCHANT, notice));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        JsonNode posted = messages(webhook).get(0);
        assertThat(((SendOutcome.Accepted) outcome).providerMessageId())
                .isEqualTo(posted.path("id").asString());
        JsonNode embed = posted.path("embeds").get(0);
        assertThat(embed.path("title").asString()).isEqualTo("SKU-1 on Amazon");
        assertThat(embed.path("description").asString()).isEqualTo("Push failed @everyone");
        assertThat(embed.path("color").asInt()).isEqualTo(0xE74C3C);
        assertThat(embed.path("url").asString()).isEqualTo("https://mercator.example/alerts/1");
        assertThat(embed.path("fields").get(0).path("value").asString()).isEqualTo("SKU-1");
        assertThat(posted.path("mention_everyone").asBoolean()).isFalse();
        assertThat(discord.retriesUnknownOutcome()).isTrue();
    }

    @Test
    void aDigestOverTenAlertsAndDiscordsSizeLimitsIsCutToFitAndSaysSo() {
        Webhook webhook = newWebhook(5, 2.0);
        List<Notice> notices = IntStream.range(0, 15)
                .mapToObj(i -> notice("warning", "Alert " + i, "x".repeat(3000), Map.of("detail", "y".repeat(900))))
                .toList();

        SendOutcome outcome = discord.send(webhook.target(), digest(MERCHANT, notices));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        JsonNode posted = messages(webhook).get(0);
        assertThat(posted.path("embeds").size()).isEqualTo(10);
        assertThat(posted.path("content").asString()).contains("15 alerts").contains("first 10");
    }

    @Test
    void aSpentBucketHoldsTheWebhookUntilItsResetAndA429IsTransientWithItsRetryAfter() {
        Webhook webhook = newWebhook(1, 30.0);
        Instant before = Instant.now();

        SendOutcome first = discord.send(webhook.target(), single(MERCHANT, notice("info", "a", "b", Map.of())));
        SendOutcome second = discord.send(webhook.target(), single(MERCHANT, notice("info", "a", "b", Map.of())));

        assertThat(first).isInstanceOf(SendOutcome.Accepted.class);
        RateHold hold = first.hold().orElseThrow();
        assertThat(hold.bucket()).isEqualTo("discord:webhook:" + webhook.id());
        assertThat(hold.until()).isAfter(before.plusSeconds(25));
        assertThat(second).isInstanceOfSatisfying(SendOutcome.Transient.class, refused -> {
            assertThat(refused.errorClass()).isEqualTo("rate_limited");
            assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31));
            assertThat(refused.hold().orElseThrow().bucket()).isEqualTo("discord:webhook:" + webhook.id());
        });
    }

    @Test
    void retryAfterIsReadAsFloatSecondsAndAGlobal429HoldsEveryWebhook() throws Exception {
        DiscordWebhookUrl webhook = new DiscordWebhookUrl("123456789012345678", "t".repeat(68));
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-RateLimit-Scope", "user");

        SendOutcome local = discord.classify(
                webhook,
                429,
                headers,
                "{\"message\":\"You are being rate limited.\",\"retry_after\":0.412,\"global\":false}");
        SendOutcome global = discord.classify(
                webhook,
                429,
                new HttpHeaders(),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":true}");

        assertThat(((SendOutcome.Transient) local).retryAfter()).isEqualTo(Duration.ofMillis(412));
        assertThat(local.hold().orElseThrow().bucket()).isEqualTo("discord:webhook:123456789012345678");
        assertThat(((SendOutcome.Transient) global).retryAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(global.hold().orElseThrow().bucket()).isEqualTo(DiscordSender.GLOBAL_BUCKET);
    }

    @Test
    void aDeletedWebhookOrAWrongTokenMeansTheDestinationIsGone() {
        Webhook deleted = newWebhook(5, 2.0);
        admin.delete("/sandbox/discord/sim/webhooks/" + deleted.id());
        Webhook other = newWebhook(5, 2.0);
        Target wrongToken = target(
                ChannelKind.DISCORD,
                Map.of(),
                Map.of(
                        DiscordSender.WEBHOOK_URL,
                        "https://discord.com/api/webhooks/" + other.id() + "/" + "W".repeat(68)));

        SendOutcome unknown = discord.send(deleted.target(), single(MERCHANT, notice("info", "a", "b", Map.of())));
        SendOutcome unauthorised = discord.send(wrongToken, single(MERCHANT, notice("info", "a", "b", Map.of())));

        assertThat(unknown).isInstanceOfSatisfying(SendOutcome.Permanent.class, gone -> {
            assertThat(gone.destinationGone()).isTrue();
            assertThat(gone.reason()).contains("10015");
        });
        assertThat(unauthorised).isInstanceOfSatisfying(SendOutcome.Permanent.class, gone -> {
            assertThat(gone.destinationGone()).isTrue();
            assertThat(gone.reason()).contains("50027");
        });
    }

    @Test
    void discordsErrorsAreClassedBadRequestPermanentServerErrorTransientTimeoutUnknown() {
        Webhook webhook = newWebhook(50, 2.0);

        admin.post("/api/admin/sandbox/discord/faults", Map.of("badRequestRate", 1.0, "times", 1));
        SendOutcome invalid = discord.send(webhook.target(), single(MERCHANT, notice("info", "a", "b", Map.of())));
        admin.post("/api/admin/sandbox/discord/faults", Map.of("errorRate", 1.0, "times", 1));
        SendOutcome failing = discord.send(webhook.target(), single(MERCHANT, notice("info", "a", "b", Map.of())));
        admin.post("/api/admin/sandbox/discord/faults", Map.of("outage", true, "times", 1));
        SendOutcome down = discord.send(webhook.target(), single(MERCHANT, notice("info", "a", "b", Map.of())));
        admin.post("/api/admin/sandbox/discord/faults", Map.of("latencyMs", 1500, "times", 1));
        SendOutcome slow = discord.send(webhook.target(), single(MERCHANT, notice("info", "a", "b", Map.of())));

        assertThat(invalid)
                .isInstanceOfSatisfying(
                        SendOutcome.Permanent.class,
                        p -> assertThat(p.destinationGone()).isFalse());
        assertThat(failing)
                .isInstanceOfSatisfying(
                        SendOutcome.Transient.class,
                        t -> assertThat(t.errorClass()).isEqualTo("server_error"));
        assertThat(down).isInstanceOf(SendOutcome.Transient.class);
        assertThat(slow).isInstanceOf(SendOutcome.Unknown.class);
    }

    @Test
    void onlyDiscordWebhookUrlsAreAccepted() {
        assertThat(discord.validate(
                        Map.of(),
                        Map.of(
                                DiscordSender.WEBHOOK_URL,
                                "https://canary.discord.com/api/v10/webhooks/123456789012345678/" + "a".repeat(68))))
                .isEmpty();
        List<String> refused = new ArrayList<>();
        for (String url : List.of(
                "https://evil.example/api/webhooks/123456789012345678/" + "a".repeat(68),
                "http://discord.com/api/webhooks/123456789012345678/" + "a".repeat(68),
                "https://discord.com/channels/123456789012345678/123456789012345678",
                "https://discord.com.evil.example/api/webhooks/123456789012345678/" + "a".repeat(68),
                "not a url")) {
            List<FieldProblem> problems = discord.validate(Map.of(), Map.of(DiscordSender.WEBHOOK_URL, url));
            assertThat(problems).extracting(FieldProblem::field).containsExactly("secrets.webhookUrl");
            refused.add(url);
        }
        assertThat(refused).hasSize(5);
        assertThat(discord.validate(Map.of(), Map.of()))
                .extracting(FieldProblem::field)
                .containsExactly("secrets.webhookUrl");
    }

    @Test
    void theWebhookTokenNeverReachesTheLog(CapturedOutput output) {
        Webhook webhook = newWebhook(5, 2.0);

        discord.send(webhook.target(), single(MERCHANT, notice("info", "logged", "b", Map.of())));

        assertThat(output.getAll()).contains("/api/webhooks/" + webhook.id() + "/XXX");
        assertThat(output.getAll()).doesNotContain(webhook.token());
    }

    private record Webhook(String id, String token, String url) {
        Target target() {
            return new Target(UUID.randomUUID(), ChannelKind.DISCORD, Map.of(), Map.of(DiscordSender.WEBHOOK_URL, url));
        }
    }

    private Webhook newWebhook(int limit, double windowSeconds) {
        JsonNode created = api.post(
                        "/sandbox/discord/sim/webhooks", Map.of("limit", limit, "windowSeconds", windowSeconds))
                .json();
        String id = created.path("id").asString();
        String token = created.path("token").asString();
        return new Webhook(id, token, "https://discord.com/api/webhooks/" + id + "/" + token);
    }

    private JsonNode messages(Webhook webhook) {
        return api.get("/sandbox/discord/sim/webhooks/" + webhook.id()).json().path("messages");
    }
}
