package dev.mercator.notifications.telegram;

import dev.mercator.notifications.channel.CallFailures;
import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.ChannelSender;
import dev.mercator.notifications.channel.FieldProblem;
import dev.mercator.notifications.channel.OutgoingMessage;
import dev.mercator.notifications.channel.Pace;
import dev.mercator.notifications.channel.PacingSettings;
import dev.mercator.notifications.channel.RateHold;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.http.OutboundHttp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telegram destinations: the Bot API's {@code sendMessage} to one chat, in HTML mode with every value escaped. A 429
 * carries {@code parameters.retry_after}: the chat's bucket ({@code telegram:chat:<bot>:<chat>}) is held that long.
 * The bot blocked by the user, removed from the group, a chat that does not exist or a revoked token (401) cannot
 * come right by retrying: the destination is gone.
 */
@Component
class TelegramSender implements ChannelSender {

    static final String BOT_TOKEN = "botToken";
    static final String CHAT_ID = "chatId";

    private static final Pattern TOKEN = Pattern.compile("(\\d{5,20}):[A-Za-z0-9_-]{35}");
    private static final Pattern CHAT = Pattern.compile("-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;
    private final Clock clock;
    private final PacingSettings pacing;

    TelegramSender(OutboundHttp http, TelegramSettings settings, PacingSettings pacing, Clock clock) {
        this.client = http.client(settings);
        this.pacing = pacing;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.TELEGRAM;
    }

    @Override
    public List<FieldProblem> validate(Map<String, String> settings, Map<String, String> secrets) {
        List<FieldProblem> problems = new ArrayList<>();
        String chat = settings.get(CHAT_ID);
        if (chat == null || !CHAT.matcher(chat.strip()).matches()) {
            problems.add(new FieldProblem(
                    "settings." + CHAT_ID, "must be a numeric chat id (-100… for groups) or a @channelusername"));
        }
        String token = secrets.get(BOT_TOKEN);
        if (token == null || !TOKEN.matcher(token.strip()).matches()) {
            problems.add(new FieldProblem(
                    "secrets." + BOT_TOKEN, "must be a bot token as BotFather gives it, <bot id>:<35 characters>"));
        }
        return problems;
    }

    @Override
    public Map<String, String> normalise(Map<String, String> settings) {
        Map<String, String> normalised = new java.util.HashMap<>(settings);
        normalised.computeIfPresent(CHAT_ID, (key, chat) -> chat.strip());
        return Map.copyOf(normalised);
    }

    @Override
    public List<String> secretFields() {
        return List.of(BOT_TOKEN);
    }

    /** The chat's bucket, as its holds name it (per bot and chat: Telegram limits each chat). */
    @Override
    public Optional<String> rateBucket(Target target) {
        var matcher = TOKEN.matcher(target.secrets().getOrDefault(BOT_TOKEN, "").strip());
        String chat = target.settings().getOrDefault(CHAT_ID, "").strip();
        return matcher.matches() && !chat.isEmpty() ? Optional.of(bucketOf(matcher.group(1), chat)) : Optional.empty();
    }

    /**
     * Telegram's published limits, which it enforces with 429s and no warning: about one message a second to a chat,
     * 20 a minute to a group or channel (ids below zero, or an {@code @channel} name), about 30 a second from a bot.
     */
    @Override
    public List<Pace> paces(Target target) {
        var matcher = TOKEN.matcher(target.secrets().getOrDefault(BOT_TOKEN, "").strip());
        String chat = target.settings().getOrDefault(CHAT_ID, "").strip();
        if (!matcher.matches() || chat.isEmpty()) {
            return List.of();
        }
        boolean group = chat.startsWith("-") || chat.startsWith("@");
        Pace perChat = group
                ? Pace.of(bucketOf(matcher.group(1), chat), pacing.telegramGroupPerMinute(), 60, pacing.margin())
                : Pace.of(bucketOf(matcher.group(1), chat), pacing.telegramChatPerSecond(), 1, pacing.margin());
        return List.of(
                perChat,
                Pace.of("telegram:bot:" + matcher.group(1), pacing.telegramBotPerSecond(), 1, pacing.margin()));
    }

    /** The one place a chat's bucket is named: the hold a send returns and the bucket checked before one. */
    private static String bucketOf(String bot, String chat) {
        return "telegram:chat:" + bot + ":" + chat.toLowerCase(Locale.ROOT);
    }

    @Override
    public SendOutcome send(Target target, OutgoingMessage message) {
        String token = target.secrets().getOrDefault(BOT_TOKEN, "").strip();
        String chat = target.settings().getOrDefault(CHAT_ID, "").strip();
        var matcher = TOKEN.matcher(token);
        if (!matcher.matches() || chat.isEmpty()) {
            return new SendOutcome.Permanent(
                    "invalid_destination", "the stored bot token or chat id is malformed", true);
        }
        String bucket = bucketOf(matcher.group(1), chat);
        var body = JSON.createObjectNode()
                .put("chat_id", chat)
                .put("text", TelegramText.html(message))
                .put("parse_mode", "HTML");
        body.putObject("link_preview_options").put("is_disabled", true);
        try {
            return client.post()
                    // Written into the path rather than expanded as a variable, which would encode its colon.
                    .uri("/bot" + token + "/sendMessage")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsString(body))
                    .exchange((request, response) -> classify(
                            bucket,
                            response.getStatusCode().value(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException failed) {
            return CallFailures.classify(failed);
        }
    }

    SendOutcome classify(String bucket, int status, String body) {
        JsonNode answer = parse(body);
        String description = answer == null ? "" : answer.path("description").asString("");
        if (status == 200 && answer != null && answer.path("ok").asBoolean(false)) {
            JsonNode id = answer.path("result").path("message_id");
            if (!id.isIntegralNumber()) {
                return new SendOutcome.Unknown("HTTP 200 without a message id");
            }
            return new SendOutcome.Accepted(id.asString(), false, Optional.empty());
        }
        if (status == 429) {
            JsonNode seconds = answer == null ? null : answer.path("parameters").path("retry_after");
            Duration wait =
                    Duration.ofSeconds(seconds != null && seconds.isNumber() ? Math.max(1, seconds.asLong()) : 1);
            return new SendOutcome.Transient(
                    "rate_limited",
                    "Telegram: " + brief(description),
                    wait,
                    Optional.of(new RateHold(bucket, clock.instant().plus(wait))));
        }
        if (status == 401 || status == 403 || (status == 400 && isGone(description))) {
            return new SendOutcome.Permanent("destination_gone", "Telegram: " + brief(description), true);
        }
        if (status >= 500) {
            return new SendOutcome.Transient("server_error", "Telegram answered " + status, null, Optional.empty());
        }
        return new SendOutcome.Permanent("rejected", "Telegram answered " + status + ": " + brief(description), false);
    }

    /** The chat no longer exists for this bot, as opposed to a message Telegram could not take. */
    private static boolean isGone(String description) {
        String lower = description.toLowerCase(Locale.ROOT);
        return lower.contains("chat not found")
                || lower.contains("group chat was upgraded")
                || lower.contains("bot was kicked")
                || lower.contains("user is deactivated");
    }

    private static String brief(String description) {
        return description.length() <= 200 ? description : description.substring(0, 200);
    }

    private static @Nullable JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    @Override
    public boolean retriesUnknownOutcome() {
        // A duplicate chat message is a nuisance; a lost critical alert is worse (ADR 21).
        return true;
    }
}
