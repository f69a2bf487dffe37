package dev.mercator.notifications.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.notifications.ChannelIntegrationTest;
import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.FieldProblem;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.MerchantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class TelegramChannelIntegrationTests extends ChannelIntegrationTest {

    private static final MerchantId MERCHANT = new MerchantId(UUID.randomUUID());

    @Autowired
    TelegramSender telegram;

    @Test
    void anAlertIsSentAsEscapedHtmlAndAcceptedWithTheMessageId() {
        Bot bot = newBot(1.0, 3);
        long chat = bot.chat(4242);

        SendOutcome outcome = telegram.send(
                bot.target(chat),
                single(MERCHANT, notice("warning", "<SKU-1> & co", "stock <b>0</b>", Map.of("sku", "<x>"))));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.Accepted.class,
                        accepted -> assertThat(accepted.providerMessageId()).isEqualTo("1"));
        JsonNode received = bot.messages().get(0);
        assertThat(received.path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(received.path("text").asString())
                .contains("<SKU-1> & co")
                .contains("stock <b>0</b>")
                .contains("sku: <x>");
        assertThat(telegram.retriesUnknownOutcome()).isTrue();
    }

    @Test
    void aDigestTooLongForOneMessageIsCutAndSaysHowManyAreLeftOut() {
        Bot bot = newBot(1.0, 3);
        long chat = bot.chat(4243);
        var notices = IntStream.range(0, 40)
                .mapToObj(i -> notice("info", "Alert " + i + " " + "s".repeat(90), "m".repeat(300), Map.of()))
                .toList();

        SendOutcome outcome = telegram.send(bot.target(chat), digest(MERCHANT, notices));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        String text = bot.messages().get(0).path("text").asString();
        assertThat(text).startsWith("40 alerts").contains("more in Mercator");
        assertThat(text.length()).isLessThanOrEqualTo(4096);
    }

    @Test
    void a429IsTransientWithItsRetryAfterAndHoldsTheChat() {
        Bot bot = newBot(0.02, 1);
        long chat = bot.chat(4244);
        Instant before = Instant.now();

        SendOutcome first = telegram.send(bot.target(chat), single(MERCHANT, notice("info", "a", "b", Map.of())));
        SendOutcome second = telegram.send(bot.target(chat), single(MERCHANT, notice("info", "a", "b", Map.of())));

        assertThat(first).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(second).isInstanceOfSatisfying(SendOutcome.Transient.class, refused -> {
            assertThat(refused.errorClass()).isEqualTo("rate_limited");
            assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(50));
            assertThat(refused.hold().orElseThrow().bucket()).isEqualTo("telegram:chat:" + bot.id() + ":" + chat);
            assertThat(refused.hold().orElseThrow().until()).isAfter(before.plusSeconds(39));
        });
    }

    @Test
    void aBlockedBotAMissingChatAndARevokedTokenMeanTheDestinationIsGone() {
        Bot bot = newBot(1.0, 3);
        long blocked = bot.chat(4245);
        api.post("/sandbox/telegram/sim/bots/" + bot.id() + "/chats/" + blocked + "/block", Map.of());
        Bot revoked = newBot(1.0, 3);
        long chat = revoked.chat(4246);
        api.delete("/sandbox/telegram/sim/bots/" + revoked.id());

        SendOutcome toBlocked =
                telegram.send(bot.target(blocked), single(MERCHANT, notice("info", "a", "b", Map.of())));
        SendOutcome toNowhere = telegram.send(bot.target(999), single(MERCHANT, notice("info", "a", "b", Map.of())));
        SendOutcome withRevoked =
                telegram.send(revoked.target(chat), single(MERCHANT, notice("info", "a", "b", Map.of())));

        assertThat(toBlocked).isInstanceOfSatisfying(SendOutcome.Permanent.class, gone -> {
            assertThat(gone.destinationGone()).isTrue();
            assertThat(gone.reason()).contains("bot was blocked by the user");
        });
        assertThat(toNowhere).isInstanceOfSatisfying(SendOutcome.Permanent.class, gone -> {
            assertThat(gone.destinationGone()).isTrue();
            assertThat(gone.reason()).contains("chat not found");
        });
        assertThat(withRevoked)
                .isInstanceOfSatisfying(
                        SendOutcome.Permanent.class,
                        gone -> assertThat(gone.destinationGone()).isTrue());
    }

    @Test
    void telegramsErrorsAreClassedServerErrorTransientBadRequestPermanentTimeoutUnknown() {
        Bot bot = newBot(100, 100);
        long chat = bot.chat(4247);

        admin.post("/api/admin/sandbox/telegram/faults", Map.of("errorRate", 1.0, "times", 1));
        SendOutcome failing = telegram.send(bot.target(chat), single(MERCHANT, notice("info", "a", "b", Map.of())));
        admin.post("/api/admin/sandbox/telegram/faults", Map.of("badRequestRate", 1.0, "times", 1));
        SendOutcome invalid = telegram.send(bot.target(chat), single(MERCHANT, notice("info", "a", "b", Map.of())));
        admin.post("/api/admin/sandbox/telegram/faults", Map.of("latencyMs", 1500, "times", 1));
        SendOutcome slow = telegram.send(bot.target(chat), single(MERCHANT, notice("info", "a", "b", Map.of())));

        assertThat(failing)
                .isInstanceOfSatisfying(
                        SendOutcome.Transient.class,
                        t -> assertThat(t.errorClass()).isEqualTo("server_error"));
        assertThat(invalid)
                .isInstanceOfSatisfying(
                        SendOutcome.Permanent.class,
                        p -> assertThat(p.destinationGone()).isFalse());
        assertThat(slow).isInstanceOf(SendOutcome.Unknown.class);
    }

    @Test
    void aTokenNotAsBotFatherGivesItOrAChatIdThatIsNoneIsRefused() {
        assertThat(telegram.validate(
                        Map.of(TelegramSender.CHAT_ID, "-1001234567890"),
                        Map.of(TelegramSender.BOT_TOKEN, "123456789:" + "A".repeat(35))))
                .isEmpty();
        assertThat(telegram.validate(
                        Map.of(TelegramSender.CHAT_ID, "my chat"), Map.of(TelegramSender.BOT_TOKEN, "123456789:short")))
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("settings.chatId", "secrets.botToken");
    }

    @Test
    void theBotTokenNeverReachesTheLog(CapturedOutput output) {
        Bot bot = newBot(1.0, 3);
        long chat = bot.chat(4248);

        telegram.send(bot.target(chat), single(MERCHANT, notice("info", "logged", "b", Map.of())));

        assertThat(output.getAll()).contains("/bot" + bot.id() + ":XXX/sendMessage");
        assertThat(output.getAll())
                .doesNotContain(bot.token().substring(bot.token().indexOf(':') + 1));
    }

    private record Bot(long id, String token, ChannelIntegrationTest test, dev.mercator.support.Api api) {

        long chat(long chatId) {
            api.post("/sandbox/telegram/sim/bots/" + id + "/chats", Map.of("id", chatId));
            return chatId;
        }

        Target target(long chat) {
            return new Target(
                    UUID.randomUUID(),
                    ChannelKind.TELEGRAM,
                    Map.of(TelegramSender.CHAT_ID, Long.toString(chat)),
                    Map.of(TelegramSender.BOT_TOKEN, token));
        }

        List<JsonNode> messages() {
            JsonNode list = api.get("/sandbox/telegram/sim/bots/" + id + "/messages")
                    .json()
                    .path("messages");
            return list.valueStream().toList();
        }
    }

    private Bot newBot(double chatPerSecond, int chatBurst) {
        JsonNode created = api.post(
                        "/sandbox/telegram/sim/bots", Map.of("chatPerSecond", chatPerSecond, "chatBurst", chatBurst))
                .json();
        return new Bot(created.path("id").asLong(), created.path("token").asString(), this, api);
    }
}
