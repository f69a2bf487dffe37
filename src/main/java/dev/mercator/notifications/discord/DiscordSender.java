package dev.mercator.notifications.discord;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Discord destinations: execute-webhook with {@code ?wait=true}, so the answer carries the message id (proof it was
 * posted) and every answer carries the webhook's bucket headers. A spent bucket ({@code X-RateLimit-Remaining: 0}) or a
 * 429 becomes a {@link RateHold} on {@code discord:webhook:<id>} (or {@code discord:global} when Discord says the
 * limit is global), so the ledger sends nothing more to it before Discord's reset: Discord bans clients that keep
 * hitting 429s. 401 and 404 mean the webhook was deleted or its token regenerated: the destination is gone.
 */
@Component
class DiscordSender implements ChannelSender {

    static final String WEBHOOK_URL = "webhookUrl";
    static final String GLOBAL_BUCKET = "discord:global";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;
    private final Clock clock;
    private final PacingSettings pacing;

    DiscordSender(OutboundHttp http, DiscordSettings settings, PacingSettings pacing, Clock clock) {
        this.client = http.client(settings);
        this.pacing = pacing;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.DISCORD;
    }

    @Override
    public List<FieldProblem> validate(Map<String, String> settings, Map<String, String> secrets) {
        String url = secrets.get(WEBHOOK_URL);
        if (url == null || url.isBlank()) {
            return List.of(new FieldProblem("secrets." + WEBHOOK_URL, "is required"));
        }
        if (DiscordWebhookUrl.parse(url).isEmpty()) {
            return List.of(new FieldProblem(
                    "secrets." + WEBHOOK_URL,
                    "must be a Discord webhook URL, https://discord.com/api/webhooks/<id>/<token>"));
        }
        return List.of();
    }

    @Override
    public List<String> secretFields() {
        return List.of(WEBHOOK_URL);
    }

    /** The webhook's own bucket, as its holds name it. */
    @Override
    public Optional<String> rateBucket(Target target) {
        return DiscordWebhookUrl.parse(target.secrets().getOrDefault(WEBHOOK_URL, ""))
                .map(DiscordSender::bucketOf);
    }

    /**
     * The webhook's channel allows 30 messages a minute, which no header announces (the webhook's own 5 per 2 s
     * bucket is read from the headers), and the installation's global 50 a second, whose 429 holds {@code
     * discord:global}: checked here, so a global hold stops every webhook's sends. Webhooks posting into one channel
     * share its 30 a minute; Mercator cannot see which channel a webhook posts to without another call, so each is
     * paced alone and a shared 429 holds the webhook that earned it.
     */
    @Override
    public List<Pace> paces(Target target) {
        return DiscordWebhookUrl.parse(target.secrets().getOrDefault(WEBHOOK_URL, ""))
                .map(webhook -> List.of(
                        Pace.of(bucketOf(webhook), pacing.discordWebhookPerMinute(), 60, pacing.margin()),
                        Pace.of(GLOBAL_BUCKET, pacing.discordGlobalPerSecond(), 1, pacing.margin())))
                .orElse(List.of());
    }

    @Override
    public SendOutcome send(Target target, OutgoingMessage message) {
        Optional<DiscordWebhookUrl> parsed =
                DiscordWebhookUrl.parse(target.secrets().getOrDefault(WEBHOOK_URL, ""));
        if (parsed.isEmpty()) {
            return new SendOutcome.Permanent(
                    "invalid_destination", "the stored webhook URL is not a Discord one", true);
        }
        DiscordWebhookUrl webhook = parsed.get();
        String body = DiscordMessages.body(message);
        try {
            return client.post()
                    .uri(webhook.executePath() + "?wait=true")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> classify(
                            webhook,
                            response.getStatusCode().value(),
                            response.getHeaders(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException failed) {
            return CallFailures.classify(failed);
        }
    }

    SendOutcome classify(DiscordWebhookUrl webhook, int status, HttpHeaders headers, String body) throws IOException {
        String bucket = bucketOf(webhook);
        if (status >= 200 && status < 300) {
            JsonNode message = parse(body);
            JsonNode id = message == null ? null : message.get("id");
            if (id == null || !id.isString() || id.asString().isBlank()) {
                // wait=true answers the message; anything else is not the Discord API.
                return new SendOutcome.Unknown("HTTP " + status + " without the message");
            }
            return new SendOutcome.Accepted(id.asString(), false, spentBucket(bucket, headers));
        }
        if (status == 429) {
            JsonNode refusal = parse(body);
            Duration wait = retryAfter(refusal, headers);
            boolean global = (refusal != null && refusal.path("global").asBoolean(false))
                    || "true".equalsIgnoreCase(headers.getFirst("X-RateLimit-Global"))
                    || "global".equalsIgnoreCase(headers.getFirst("X-RateLimit-Scope"));
            RateHold hold = new RateHold(
                    global ? GLOBAL_BUCKET : bucket, clock.instant().plus(wait));
            return new SendOutcome.Transient(
                    "rate_limited",
                    "Discord rate limit" + (global ? " (global)" : "") + "; retry after " + wait.toMillis() + " ms",
                    wait,
                    Optional.of(hold));
        }
        if (status == 401 || status == 404) {
            return new SendOutcome.Permanent(
                    "destination_gone",
                    "Discord answered " + status + " " + errorOf(body) + ": the webhook was deleted or its token reset",
                    true);
        }
        if (status >= 500) {
            return new SendOutcome.Transient(
                    "server_error", "Discord answered " + status, null, spentBucket(bucket, headers));
        }
        return new SendOutcome.Permanent("rejected", "Discord answered " + status + " " + errorOf(body), false);
    }

    /** The one place the webhook's bucket is named: the hold a send returns and the bucket checked before one. */
    private static String bucketOf(DiscordWebhookUrl webhook) {
        return "discord:webhook:" + webhook.id();
    }

    /** A hold until the bucket resets when Discord said none is left, so the next send does not earn a 429. */
    private Optional<RateHold> spentBucket(String bucket, HttpHeaders headers) {
        if (!"0".equals(headers.getFirst("X-RateLimit-Remaining"))) {
            return Optional.empty();
        }
        Double resetAfter = seconds(headers.getFirst("X-RateLimit-Reset-After"));
        if (resetAfter == null) {
            return Optional.empty();
        }
        Instant until = clock.instant().plus(fromSeconds(resetAfter));
        return Optional.of(new RateHold(bucket, until));
    }

    /** {@code retry_after} in the body is seconds as a float ({@code 0.412}); the header is whole seconds. */
    private static Duration retryAfter(@Nullable JsonNode refusal, HttpHeaders headers) {
        Double seconds = refusal != null && refusal.path("retry_after").isNumber()
                ? Double.valueOf(refusal.path("retry_after").asDouble())
                : seconds(headers.getFirst("X-RateLimit-Reset-After"));
        if (seconds == null) {
            seconds = seconds(headers.getFirst(HttpHeaders.RETRY_AFTER));
        }
        return fromSeconds(seconds == null ? 1.0 : seconds);
    }

    private static Duration fromSeconds(double seconds) {
        return Duration.ofNanos((long) Math.ceil(Math.max(0, seconds) * 1e9));
    }

    private static @Nullable Double seconds(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            return Double.isFinite(parsed) ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** Discord's error code and message ({@code 10015 Unknown Webhook}), never the body, which might echo input. */
    private static String errorOf(String body) {
        JsonNode error = parse(body);
        if (error == null || !error.isObject()) {
            return "";
        }
        return "(" + error.path("code").asString("") + " "
                + DiscordMessages.cut(error.path("message").asString(""), 100) + ")";
    }

    @Override
    public boolean retriesUnknownOutcome() {
        // A duplicate Discord post is a nuisance; a lost critical alert is worse (ADR 21).
        return true;
    }
}
