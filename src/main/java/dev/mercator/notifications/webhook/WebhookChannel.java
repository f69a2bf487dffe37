package dev.mercator.notifications.webhook;

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
import dev.mercator.platform.http.PublicAddressGuard;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs alerts to a merchant's URL as JSON ({@link WebhookPayload}), signed per Standard Webhooks: {@code webhook-id}
 * ({@code msg_<deliveryId>}, the same on every retry so the receiver can deduplicate), {@code webhook-timestamp}
 * (seconds, fresh on each attempt) and {@code webhook-signature}. 2xx is accepted; 410 means the endpoint is gone for
 * good; 408, 429, 5xx and any other status are transient, 429 and 503 honouring {@code Retry-After}; a connection that
 * could not be made is transient, a read timeout unknown (retried, ADR 21). URLs are checked by {@link
 * PublicAddressGuard} when the destination is given and again on every connection.
 */
@Component
class WebhookChannel implements ChannelSender {

    static final String URL = "url";
    static final String SIGNING_SECRET = "signingSecret";
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);

    private final WebhookSettings settings;
    private final PacingSettings pacing;
    private final RestClient client;
    private final JsonMapper json;
    private final Clock clock;

    @Autowired
    WebhookChannel(
            WebhookSettings settings, OutboundHttp outbound, JsonMapper json, PacingSettings pacing, Clock clock) {
        this.settings = settings;
        this.pacing = pacing;
        this.client = outbound.guardedClient("webhook", settings.guard(), settings.connect(), settings.read());
        this.json = json;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBHOOK;
    }

    @Override
    public List<FieldProblem> validate(Map<String, String> destination, Map<String, String> secrets) {
        List<FieldProblem> problems = new ArrayList<>();
        String url = destination.get(URL);
        if (url == null || url.isBlank()) {
            problems.add(new FieldProblem("settings." + URL, "is required: the https URL to post alerts to"));
        } else {
            settings.guard().refusal(url).ifPresent(why -> problems.add(new FieldProblem("settings." + URL, why)));
        }
        String secret = secrets.get(SIGNING_SECRET);
        if (secret == null || secret.isBlank()) {
            problems.add(new FieldProblem(
                    "secrets." + SIGNING_SECRET, "is required: whsec_ and base64 of 24 to 64 random bytes"));
        } else if (WebhookSignature.key(secret).isEmpty()) {
            problems.add(new FieldProblem(
                    "secrets." + SIGNING_SECRET, "must be whsec_ followed by the base64 of 24 to 64 random bytes"));
        }
        return problems;
    }

    @Override
    public List<String> secretFields() {
        return List.of(SIGNING_SECRET);
    }

    @Override
    public boolean retriesUnknownOutcome() {
        // ADR 21: the same webhook-id on every retry lets the receiver drop the duplicate; a lost alert cannot be
        // found.
        return true;
    }

    /** One bucket per destination: a receiver's Retry-After holds that destination only. */
    @Override
    public Optional<String> rateBucket(Target target) {
        return Optional.of(bucketOf(target));
    }

    /** A merchant's receiver is not a vendor with a published limit: a steady rate it can be expected to take. */
    @Override
    public List<Pace> paces(Target target) {
        return List.of(Pace.of(bucketOf(target), pacing.webhookPerSecond(), 1, pacing.margin()));
    }

    /** The one place a destination's bucket is named: the hold a send returns and the bucket checked before one. */
    private static String bucketOf(Target target) {
        return "webhook:" + target.destinationId();
    }

    @Override
    public SendOutcome send(Target target, OutgoingMessage message) {
        String url = target.settings().getOrDefault(URL, "");
        Optional<byte[]> key = WebhookSignature.key(target.secrets().getOrDefault(SIGNING_SECRET, ""));
        if (key.isEmpty()) {
            return new SendOutcome.Permanent(
                    "invalid_destination", "the destination has no valid signing secret", true);
        }
        Optional<String> refused = settings.guard().refusal(url);
        if (refused.isPresent()) {
            return refusedAddress(refused.get());
        }
        Instant now = clock.instant();
        byte[] body = json.writeValueAsBytes(WebhookPayload.of(message, now));
        String id = "msg_" + message.deliveryId();
        long timestamp = now.getEpochSecond();
        try {
            return client.post()
                    .uri(URI.create(url.strip()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(key.get(), id, timestamp, body))
                    .body(body)
                    .exchange((request, response) -> answered(
                            target,
                            id,
                            response.getStatusCode().value(),
                            response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
        } catch (RestClientException failed) {
            SendOutcome outcome = failed(failed);
            log.info("Webhook delivery {} not accepted: {}", message.deliveryId(), outcome);
            return outcome;
        }
    }

    private SendOutcome answered(Target target, String id, int status, @Nullable String retryAfterHeader) {
        if (status >= 200 && status < 300) {
            return new SendOutcome.Accepted(id, false, Optional.empty());
        }
        if (status == 410) {
            return new SendOutcome.Permanent("gone", "the receiver answered 410 Gone: the endpoint was removed", true);
        }
        Duration retryAfter = retryAfter(retryAfterHeader);
        String errorClass = status == 429 ? "rate_limited" : status >= 500 ? "server_error" : "http_" + status;
        Optional<RateHold> hold = retryAfter == null
                ? Optional.empty()
                : Optional.of(new RateHold(bucketOf(target), clock.instant().plus(retryAfter)));
        return new SendOutcome.Transient(errorClass, "the receiver answered " + status, retryAfter, hold);
    }

    /** {@code Retry-After} as seconds or an HTTP date (RFC 9110), capped at a day; null when absent or unreadable. */
    @Nullable
    Duration retryAfter(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(
                        clock.instant(), ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    private static SendOutcome failed(RestClientException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PublicAddressGuard.RefusedAddress refused) {
                return refusedAddress(refused.reason());
            }
            if (cause instanceof ConnectException
                    || cause instanceof ConnectTimeoutException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return new SendOutcome.Transient(
                        "connect_failed",
                        "could not connect: " + cause.getClass().getSimpleName(),
                        null,
                        Optional.empty());
            }
            if (cause instanceof SSLException) {
                return new SendOutcome.Transient(
                        "tls_failed", "TLS failed: " + cause.getClass().getSimpleName(), null, Optional.empty());
            }
            if (cause instanceof SocketTimeoutException) {
                return new SendOutcome.Unknown("no answer within the read timeout: the receiver may have taken it");
            }
        }
        boolean io = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            io |= cause instanceof IOException;
        }
        return io
                ? new SendOutcome.Unknown("connection lost after the request was sent: "
                        + failure.getClass().getSimpleName())
                : new SendOutcome.Transient("http_error", failure.getClass().getSimpleName(), null, Optional.empty());
    }

    private static SendOutcome refusedAddress(String why) {
        return new SendOutcome.Permanent("address_refused", "the webhook URL " + why, true);
    }
}
