package dev.mercator.dealscout.recognition;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * How long a 429 asks us to wait: {@code retry-after-ms} (sent by OpenAI and honoured by its own SDKs), else {@code
 * retry-after} in seconds or as an HTTP date, else {@code x-ratelimit-reset-requests} ({@code 1s}, {@code 6m0s},
 * {@code 20ms}: the time until the request limit resets). None of them: null, and the caller backs off.
 */
final class RetryAfter {

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RetryAfter() {}

    static @Nullable Duration of(HttpHeaders headers) {
        String millis = headers.getFirst("retry-after-ms");
        if (millis != null) {
            try {
                return positive(Duration.ofMillis((long) Double.parseDouble(millis.strip())));
            } catch (NumberFormatException ignored) {
                // fall through to the next header
            }
        }
        String after = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (after != null) {
            try {
                return positive(Duration.ofSeconds(Long.parseLong(after.strip())));
            } catch (NumberFormatException notSeconds) {
                try {
                    return positive(Duration.between(
                            ZonedDateTime.now(),
                            ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)));
                } catch (DateTimeParseException ignored) {
                    // fall through
                }
            }
        }
        String reset = headers.getFirst("x-ratelimit-reset-requests");
        return reset == null ? null : goDuration(reset.strip());
    }

    /** A Go-style duration as OpenAI writes its reset headers: {@code 1m30.5s}, {@code 250ms}. */
    static @Nullable Duration goDuration(String text) {
        Matcher parts = GO_DURATION.matcher(text);
        long nanos = 0;
        int end = 0;
        while (parts.find()) {
            if (parts.start() != end) {
                return null;
            }
            end = parts.end();
            double value = Double.parseDouble(parts.group(1));
            nanos += (long)
                    switch (parts.group(2)) {
                        case "h" -> value * 3_600e9;
                        case "m" -> value * 60e9;
                        case "s" -> value * 1e9;
                        default -> value * 1e6;
                    };
        }
        return end == 0 || end != text.length() ? null : positive(Duration.ofNanos(nanos));
    }

    private static @Nullable Duration positive(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
