package dev.mercator.marketplaces.source;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a vendor call and turns every way it can fail into a {@link SourceFailure}: no answer (timeout, refused or reset
 * connection) and 5xx are transient, 429 is rate-limited with the vendor's {@code Retry-After} when it sends one, and
 * other 4xx are permanent. Bodies are read whatever the status, since vendors put their error codes there.
 */
public final class VendorCalls {

    public static final JsonMapper JSON = JsonMapper.builder()
            // Prices must keep their decimal digits exactly as the vendor wrote them.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Bodies above this are refused rather than parsed: a runaway response must not exhaust the heap. */
    static final int MAX_BODY = 32 * 1024 * 1024;

    private VendorCalls() {}

    /** A vendor's answer: status, headers and the body as text. */
    public record Reply(int status, HttpHeaders headers, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public @Nullable Duration retryAfter() {
            return VendorCalls.retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER));
        }

        /** The body as JSON, or a missing node when it is not JSON (an HTML error page, say). */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JacksonException e) {
                return JSON.missingNode();
            }
        }
    }

    public static Reply exchange(Marketplace marketplace, RestClient.RequestHeadersSpec<?> request)
            throws SourceFailure {
        try {
            Reply reply = request.exchange(
                    (req, response) -> new Reply(
                            response.getStatusCode().value(), response.getHeaders(), read(response.getBody())),
                    true);
            if (reply == null) {
                throw new SourceFailure(marketplace, Kind.TRANSIENT, "no reply", (Duration) null);
            }
            return reply;
        } catch (RestClientException e) {
            throw new SourceFailure(
                    marketplace, Kind.TRANSIENT, "call failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The failure for a non-2xx reply, by status alone; adapters that know the vendor's error codes check those first.
     */
    public static SourceFailure byStatus(Marketplace marketplace, Reply reply, String detail) {
        int status = reply.status();
        if (status == 429) {
            return new SourceFailure(marketplace, Kind.RATE_LIMITED, "throttled: " + detail, reply.retryAfter());
        }
        if (status >= 500 || status == 408) {
            return new SourceFailure(marketplace, Kind.TRANSIENT, "HTTP " + status + ": " + detail, (Duration) null);
        }
        return new SourceFailure(marketplace, Kind.PERMANENT, "HTTP " + status + ": " + detail, (Duration) null);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    public static @Nullable Duration retryAfter(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** A text field, or null when absent, null or empty. */
    public static @Nullable String text(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String value = node.isValueNode() ? node.asString() : node.toString();
        return value.isEmpty() ? null : value;
    }

    private static String read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IOException("response body larger than " + MAX_BODY + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
