package dev.mercator.sandbox.telegram;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import dev.mercator.sandbox.catalog.FormBody;
import dev.mercator.sandbox.catalog.Json;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram's Bot API {@code POST /bot<token>/sendMessage}, with a JSON or a form body, answering as Telegram does:
 * {@code {"ok":true,"result":<Message>}} or {@code {"ok":false,"error_code":..,"description":..}}: 401 Unauthorized for
 * an unknown token; 400 "chat not found", "message text is empty", "message is too long" (over 4096 characters after
 * the markup is parsed), "can't parse entities" ({@link TelegramHtml}); 403 "bot was blocked by the user" (or "kicked
 * from the group chat"); 429 "Too Many Requests: retry after N" with {@code parameters.retry_after} in whole seconds
 * when the chat's, the group's or the bot's limit is spent. Driven through {@code /sandbox/telegram/sim/bots}.
 * Evidence: docs/providers/telegram.md.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + TelegramSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class TelegramSimulator implements SimulatedProvider {

    static final String NAME = "telegram";
    static final int MAX_TEXT = 4096;

    private final Clock clock;
    private final Map<Long, SimulatedBot> bots = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    TelegramSimulator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @PostMapping("/bot{token}/sendMessage")
    ResponseEntity<String> sendMessage(
            @PathVariable String token,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
            @RequestParam MultiValueMap<String, String> query,
            @RequestBody(required = false) @Nullable String body) {
        SimulatedBot bot = botOf(token);
        if (bot == null) {
            return error(HttpStatus.UNAUTHORIZED, "Unauthorized", null);
        }
        bot.requests.incrementAndGet();
        Map<String, String> params;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_JSON_VALUE)) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(body == null ? "" : body);
            } catch (RuntimeException invalid) {
                return error(HttpStatus.BAD_REQUEST, "Bad Request: can't parse JSON object", null);
            }
            if (json == null || !json.isObject()) {
                return error(HttpStatus.BAD_REQUEST, "Bad Request: can't parse JSON object", null);
            }
            params = new java.util.HashMap<>();
            json.properties()
                    .forEach(entry -> params.put(
                            entry.getKey(),
                            entry.getValue().isString()
                                    ? entry.getValue().asString()
                                    : entry.getValue().toString()));
        } else {
            params = FormBody.parse(query, body).toSingleValueMap();
        }
        String chatId = params.getOrDefault("chat_id", "").strip();
        if (chatId.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "Bad Request: chat_id is empty", null);
        }
        String text = params.getOrDefault("text", "");
        if (text.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "Bad Request: message text is empty", null);
        }
        SimulatedBot.Chat chat = chatOf(bot, chatId);
        if (chat == null) {
            return error(HttpStatus.BAD_REQUEST, "Bad Request: chat not found", null);
        }
        if (chat.blocked) {
            return error(
                    HttpStatus.FORBIDDEN,
                    chat.isGroup()
                            ? "Forbidden: bot was kicked from the group chat"
                            : "Forbidden: bot was blocked by the user",
                    null);
        }
        String parseMode = params.get("parse_mode");
        String visible = text;
        if (parseMode != null && !parseMode.isBlank()) {
            if (!parseMode.equalsIgnoreCase("HTML")) {
                if (!parseMode.equalsIgnoreCase("MarkdownV2") && !parseMode.equalsIgnoreCase("Markdown")) {
                    return error(HttpStatus.BAD_REQUEST, "Bad Request: unsupported parse_mode", null);
                }
            } else {
                TelegramHtml.Parsed parsed = TelegramHtml.parse(text);
                if (parsed.error() != null) {
                    return error(HttpStatus.BAD_REQUEST, parsed.error(), null);
                }
                visible = parsed.text();
            }
        }
        if (visible.length() > MAX_TEXT) {
            return error(HttpStatus.BAD_REQUEST, "Bad Request: message is too long", null);
        }
        ConsumptionProbe chatProbe = chat.bucket.tryConsumeAndReturnRemaining(1);
        if (!chatProbe.isConsumed()) {
            bot.throttled.incrementAndGet();
            return tooMany(chatProbe.getNanosToWaitForRefill());
        }
        ConsumptionProbe botProbe = bot.bucket.tryConsumeAndReturnRemaining(1);
        if (!botProbe.isConsumed()) {
            bot.throttled.incrementAndGet();
            return tooMany(botProbe.getNanosToWaitForRefill());
        }
        ObjectNode message = Json.object();
        message.put("message_id", chat.nextMessageId.incrementAndGet());
        message.putObject("from")
                .put("id", bot.id)
                .put("is_bot", true)
                .put("first_name", "Mercator")
                .put("username", "mercator_" + bot.id + "_bot");
        ObjectNode chatView = message.putObject("chat").put("id", chat.id).put("type", chat.type);
        chatView.put(chat.isGroup() ? "title" : "first_name", chat.title);
        message.put("date", clock.instant().getEpochSecond());
        message.put("text", visible);
        bot.messages.add(message.deepCopy()
                .put("parse_mode", parseMode == null ? "" : parseMode)
                .put("raw", text)
                .put("received_at", clock.instant().toString()));
        ObjectNode answer = Json.object().put("ok", true);
        answer.set("result", message);
        return ResponseEntity.ok(Json.write(answer));
    }

    private @Nullable SimulatedBot botOf(String token) {
        int colon = token.indexOf(':');
        if (colon < 1) {
            return null;
        }
        try {
            SimulatedBot bot = bots.get(Long.parseLong(token.substring(0, colon)));
            return bot != null && bot.token.equals(token) ? bot : null;
        } catch (NumberFormatException notABot) {
            return null;
        }
    }

    private static SimulatedBot.@Nullable Chat chatOf(SimulatedBot bot, String chatId) {
        if (chatId.startsWith("@")) {
            return bot.chats.values().stream()
                    .filter(chat -> chatId.equalsIgnoreCase("@" + chat.title))
                    .findFirst()
                    .orElse(null);
        }
        try {
            return bot.chats.get(Long.parseLong(chatId));
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }

    private static ResponseEntity<String> tooMany(long nanosToWait) {
        return throttledFor(Math.max(1, (long) Math.ceil(nanosToWait / 1e9)));
    }

    private static ResponseEntity<String> throttledFor(long seconds) {
        ObjectNode parameters = Json.object().put("retry_after", seconds);
        return error(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests: retry after " + seconds, parameters);
    }

    private static ResponseEntity<String> error(
            HttpStatus status, String description, @Nullable ObjectNode parameters) {
        ObjectNode body =
                Json.object().put("ok", false).put("error_code", status.value()).put("description", description);
        if (parameters != null) {
            body.set("parameters", parameters);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(body));
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        return throttledFor(Math.max(1, retryAfterSeconds));
    }

    @Override
    public ResponseEntity<String> badRequest() {
        return error(HttpStatus.BAD_REQUEST, "Bad Request: message text is empty", null);
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        return error(
                status, status == HttpStatus.INTERNAL_SERVER_ERROR ? "Internal Server Error" : "Bad Gateway", null);
    }

    /** A bot to register; its per-chat limit defaults to Telegram's one message a second with bursts of 3. */
    record NewBot(
            @Nullable @DecimalMin("0.001") @DecimalMax("1000")
            Double chatPerSecond,

            @Nullable @Min(1) @Max(1000) Integer chatBurst) {}

    /** A chat that knows the bot: private (a user who started it, positive id) or a group (negative id). */
    record NewChat(
            @NotNull Long id,

            @Nullable @Pattern(regexp = "private|group|supergroup|channel")
            String type,

            @Nullable @Pattern(regexp = "[A-Za-z0-9_ ]{1,64}")
            String title) {}

    @PostMapping("/sim/bots")
    ResponseEntity<String> createBot(@RequestBody @Valid NewBot request) {
        long id = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        StringBuilder secret = new StringBuilder();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        for (int i = 0; i < 35; i++) {
            secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String token = id + ":" + secret;
        bots.put(
                id,
                new SimulatedBot(
                        id,
                        token,
                        request.chatPerSecond() == null ? 1.0 : request.chatPerSecond(),
                        request.chatBurst() == null ? 3 : request.chatBurst(),
                        clock));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Json.write(Json.object().put("id", id).put("token", token)));
    }

    @PostMapping("/sim/bots/{botId}/chats")
    ResponseEntity<String> addChat(@PathVariable long botId, @RequestBody @Valid NewChat request) {
        SimulatedBot bot = bots.get(botId);
        if (bot == null) {
            return ResponseEntity.notFound().build();
        }
        String type = request.type() == null ? (request.id() < 0 ? "group" : "private") : request.type();
        SimulatedBot.Chat chat =
                bot.addChat(request.id(), type, request.title() == null ? "chat" + request.id() : request.title());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Json.write(Json.object().put("id", chat.id).put("type", chat.type)));
    }

    @PostMapping("/sim/bots/{botId}/chats/{chatId}/block")
    ResponseEntity<Void> block(@PathVariable long botId, @PathVariable long chatId) {
        SimulatedBot bot = bots.get(botId);
        SimulatedBot.Chat chat = bot == null ? null : bot.chats.get(chatId);
        if (chat == null) {
            return ResponseEntity.notFound().build();
        }
        chat.blocked = true;
        return ResponseEntity.noContent().build();
    }

    /** Revokes the bot's token, as /revoke in BotFather does: every call with it answers 401 from now on. */
    @DeleteMapping("/sim/bots/{botId}")
    ResponseEntity<Void> revoke(@PathVariable long botId) {
        return bots.remove(botId) == null
                ? ResponseEntity.notFound().build()
                : ResponseEntity.noContent().build();
    }

    @GetMapping("/sim/bots/{botId}/messages")
    ResponseEntity<String> messages(@PathVariable long botId) {
        SimulatedBot bot = bots.get(botId);
        if (bot == null) {
            return ResponseEntity.notFound().build();
        }
        ObjectNode view = Json.object().put("requests", bot.requests.get()).put("throttled", bot.throttled.get());
        view.putArray("messages").addAll(List.copyOf(bot.messages));
        return ResponseEntity.ok(Json.write(view));
    }
}
