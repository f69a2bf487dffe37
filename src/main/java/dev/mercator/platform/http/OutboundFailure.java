package dev.mercator.platform.http;

import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClientResponseException;

/**
 * Why a call to a provider failed, in words fit for a health report or a log line: {@code throttled}, {@code HTTP
 * 503}, {@code timeout}, {@code unreachable (ConnectException)}. Never carries response bodies, which may echo secrets.
 *
 * @param outcome the metric outcome of the call
 * @param reason short and stable, suitable for a health report
 * @param retryAfter the provider's {@code Retry-After} when it throttled, as sent
 */
public record OutboundFailure(
        OutboundOutcome outcome, String reason, @Nullable String retryAfter) {

    private static final int MAX_CAUSES = 16;

    public static OutboundFailure of(Throwable failure) {
        OutboundOutcome outcome = OutboundOutcome.of(failure);
        @Nullable Throwable cause = failure;
        @Nullable Throwable io = null;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof RestClientResponseException response) {
                int status = response.getStatusCode().value();
                if (status == 429) {
                    HttpHeaders headers = response.getResponseHeaders();
                    return new OutboundFailure(
                            outcome, "throttled", headers == null ? null : headers.getFirst(HttpHeaders.RETRY_AFTER));
                }
                return new OutboundFailure(outcome, "HTTP " + status, null);
            }
            if (io == null && cause instanceof IOException) {
                io = cause;
            }
        }
        if (outcome == OutboundOutcome.TIMEOUT) {
            return new OutboundFailure(outcome, "timeout", null);
        }
        if (io != null) {
            return new OutboundFailure(outcome, "unreachable (" + io.getClass().getSimpleName() + ")", null);
        }
        return new OutboundFailure(
                outcome, "unexpected reply (" + failure.getClass().getSimpleName() + ")", null);
    }
}
