package dev.mercator.sandbox.discord;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import dev.mercator.sandbox.catalog.Json;
import dev.mercator.sandbox.limits.SimulatorBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
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
 * Discord: {@code POST /api/webhooks/{id}/{token}} (also {@code /api/v10/...}), as strict as Discord. Unknown webhook
 * 404 {@code 10015}, wrong token 401 {@code 50027}, then the webhook's bucket (every answer carries {@code
 * X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket}; over it, 429 with {@code retry_after} in float seconds and
 * {@code Retry-After}), then the channel's 30 messages a minute (429, scope {@code shared}), then the body ({@link
 * DiscordForm}; empty 50006, invalid JSON 50109). {@code ?wait=true} answers 200 with the message, otherwise 204.
 * Driven from outside through {@code /sandbox/discord/sim/webhooks}. Evidence: docs/providers/discord.md.
 */
@RestController
@ConditionalOnSandbox
@Validated
@RequestMapping(path = "/sandbox/" + DiscordSimulator.NAME)
class DiscordSimulator implements SimulatedProvider {

    static final String NAME = "discord";

    /** Discord's epoch, the first second of 2015, from which snowflakes count milliseconds. */
    private static final long DISCORD_EPOCH = 1_420_070_400_000L;

    private static final int CHANNEL_MESSAGES_PER_MINUTE = 30;

    private final Clock clock;
    private final Map<String, SimulatedWebhook> webhooks = new ConcurrentHashMap<>();
    private final Map<String, Bucket> channels = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    DiscordSimulator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @PostMapping(path = {"/api/webhooks/{id}/{token}", "/api/v{version}/webhooks/{id}/{token}"})
    ResponseEntity<String> execute(
            @PathVariable String id,
            @PathVariable String token,
            @RequestParam(required = false) @Nullable String wait,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
            @RequestBody(required = false) @Nullable String body) {
        SimulatedWebhook webhook = webhooks.get(id);
        if (webhook == null) {
            return error(HttpStatus.NOT_FOUND, 10015, "Unknown Webhook", null);
        }
        webhook.requests.incrementAndGet();
        if (!webhook.token.equals(token)) {
            return error(HttpStatus.UNAUTHORIZED, 50027, "Invalid Webhook Token", null);
        }
        ConsumptionProbe probe = webhook.bucket.tryConsumeAndReturnRemaining(1);
        HttpHeaders limits = limitHeaders(webhook, probe.getRemainingTokens());
        if (!probe.isConsumed()) {
            webhook.throttled.incrementAndGet();
            return throttled(limits, probe.getNanosToWaitForRefill() / 1e9, "user");
        }
        Bucket channel = channels.computeIfAbsent(
                webhook.channelId,
                c -> SimulatorBuckets.full(CHANNEL_MESSAGES_PER_MINUTE / 60.0, CHANNEL_MESSAGES_PER_MINUTE, clock));
        ConsumptionProbe channelProbe = channel.tryConsumeAndReturnRemaining(1);
        if (!channelProbe.isConsumed()) {
            webhook.throttled.incrementAndGet();
            return throttled(limits, channelProbe.getNanosToWaitForRefill() / 1e9, "shared");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_JSON_VALUE)) {
            return error(HttpStatus.BAD_REQUEST, 50006, "Cannot send an empty message", limits);
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (RuntimeException invalid) {
            return error(HttpStatus.BAD_REQUEST, 50109, "The request body contains invalid JSON.", limits);
        }
        if (message == null || !message.isObject()) {
            return error(HttpStatus.BAD_REQUEST, 50109, "The request body contains invalid JSON.", limits);
        }
        ObjectNode problems = DiscordForm.check(message);
        if (!problems.isEmpty()) {
            ObjectNode refusal = Json.object().put("code", 50035).put("message", "Invalid Form Body");
            refusal.set("errors", problems);
            return ResponseEntity.badRequest()
                    .headers(limits)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Json.write(refusal));
        }
        boolean hasContent = message.path("content").isString()
                && !message.path("content").asString().isBlank();
        boolean hasEmbeds =
                message.path("embeds").isArray() && !message.path("embeds").isEmpty();
        if (!hasContent && !hasEmbeds) {
            return error(HttpStatus.BAD_REQUEST, 50006, "Cannot send an empty message", limits);
        }
        ObjectNode posted = posted(webhook, message);
        webhook.messages.add(posted);
        if ("true".equalsIgnoreCase(wait)) {
            return ResponseEntity.ok()
                    .headers(limits)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Json.write(posted));
        }
        return ResponseEntity.noContent().headers(limits).build();
    }

    private ObjectNode posted(SimulatedWebhook webhook, JsonNode message) {
        Instant now = clock.instant();
        String id = Long.toString(((now.toEpochMilli() - DISCORD_EPOCH) << 22) | (sequence.incrementAndGet() & 0xFFF));
        ObjectNode posted = Json.object();
        posted.put("id", id);
        posted.put("type", 0);
        posted.put("content", message.path("content").asString(""));
        posted.put("channel_id", webhook.channelId);
        posted.putObject("author").put("bot", true).put("id", webhook.id).put("username", "Mercator");
        posted.putArray("attachments");
        posted.set("embeds", message.path("embeds").isArray() ? message.get("embeds") : Json.MAPPER.createArrayNode());
        posted.putArray("mentions");
        posted.putArray("mention_roles");
        posted.put("pinned", false);
        // allowed_mentions {parse: []} keeps @everyone inert; without it Discord would ping.
        boolean everyone = message.path("content").asString("").contains("@everyone")
                && !message.path("allowed_mentions").has("parse");
        posted.put("mention_everyone", everyone);
        posted.put("tts", false);
        posted.put("timestamp", now.toString());
        posted.putNull("edited_timestamp");
        posted.put("flags", 0);
        posted.putArray("components");
        posted.put("webhook_id", webhook.id);
        return posted;
    }

    private HttpHeaders limitHeaders(SimulatedWebhook webhook, long remaining) {
        double resetAfter =
                webhook.bucket.estimateAbilityToConsume(webhook.limit).getNanosToWaitForRefill() / 1e9;
        double reset = clock.millis() / 1000.0 + resetAfter;
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-RateLimit-Limit", Integer.toString(webhook.limit));
        headers.set("X-RateLimit-Remaining", Long.toString(Math.max(0, remaining)));
        headers.set("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", reset));
        headers.set("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", resetAfter));
        headers.set("X-RateLimit-Bucket", webhook.bucketHash());
        return headers;
    }

    private static ResponseEntity<String> throttled(HttpHeaders limits, double retryAfter, String scope) {
        double seconds = Math.max(0.001, retryAfter);
        ObjectNode body = Json.object()
                .put("message", "You are being rate limited.")
                .put("retry_after", Math.round(seconds * 1000) / 1000.0)
                .put("global", false);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .headers(limits)
                .header(HttpHeaders.RETRY_AFTER, Long.toString((long) Math.ceil(seconds)))
                .header("X-RateLimit-Scope", scope)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(body));
    }

    private static ResponseEntity<String> error(
            HttpStatus status, int code, String message, @Nullable HttpHeaders headers) {
        return ResponseEntity.status(status)
                .headers(headers == null ? new HttpHeaders() : headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(Json.object().put("message", message).put("code", code)));
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        ObjectNode body = Json.object()
                .put("message", "You are being rate limited.")
                .put("retry_after", (double) retryAfterSeconds)
                .put("global", true);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .header("X-RateLimit-Global", "true")
                .header("X-RateLimit-Scope", "global")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(body));
    }

    @Override
    public ResponseEntity<String> badRequest() {
        ObjectNode refusal = Json.object().put("code", 50035).put("message", "Invalid Form Body");
        refusal.putObject("errors")
                .putObject("content")
                .putArray("_errors")
                .addObject()
                .put("code", "BASE_TYPE_MAX_LENGTH")
                .put("message", "Must be 2000 or fewer in length.");
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(refusal));
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(
                        Json.object().put("message", status.getReasonPhrase()).put("code", 0)));
    }

    /**
     * A webhook to create; fields left out take Discord's usual values.
     *
     * @param limit posts per window on the webhook's bucket (Discord: 5)
     * @param windowSeconds the bucket's window (Discord: 2 s)
     */
    record NewWebhook(
            @Nullable @Pattern(regexp = "\\d{17,20}") String channelId,
            @Nullable @Min(1) @Max(1000) Integer limit,
            @Nullable @DecimalMin("0.1") @DecimalMax("3600") Double windowSeconds) {}

    @PostMapping(path = "/sim/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(@RequestBody @jakarta.validation.Valid NewWebhook request) {
        String id = snowflake();
        byte[] secret = new byte[51];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String channel = request.channelId() == null ? snowflake() : request.channelId();
        SimulatedWebhook webhook = new SimulatedWebhook(
                id,
                token,
                channel,
                request.limit() == null ? 5 : request.limit(),
                request.windowSeconds() == null ? 2.0 : request.windowSeconds(),
                clock);
        webhooks.put(id, webhook);
        ObjectNode created = Json.object()
                .put("id", id)
                .put("token", token)
                // No URL field: request logging masks "token" but would print a URL that carries it.
                .put("channel_id", channel);
        return ResponseEntity.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(created));
    }

    @GetMapping(path = "/sim/webhooks/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> webhook(@PathVariable String id) {
        SimulatedWebhook webhook = webhooks.get(id);
        if (webhook == null) {
            return error(HttpStatus.NOT_FOUND, 10015, "Unknown Webhook", null);
        }
        ObjectNode view = Json.object()
                .put("id", id)
                .put("channel_id", webhook.channelId)
                .put("requests", webhook.requests.get())
                .put("throttled", webhook.throttled.get());
        view.putArray("messages").addAll(List.copyOf(webhook.messages));
        return ResponseEntity.ok(Json.write(view));
    }

    @DeleteMapping("/sim/webhooks/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        return webhooks.remove(id) == null
                ? ResponseEntity.notFound().build()
                : ResponseEntity.noContent().build();
    }

    private String snowflake() {
        return Long.toString(((clock.millis() - DISCORD_EPOCH) << 22) | (sequence.incrementAndGet() & 0x3FFFFF));
    }
}
