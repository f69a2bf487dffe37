package dev.mercator.platform.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.client.RestClientResponseException;

/**
 * How one call to a provider ended, as tagged on {@code mercator.outbound.requests}. The tag values are read by
 * dashboards and alerts, so they never change.
 */
public enum OutboundOutcome {
    /** 1xx, 2xx and 3xx: the provider answered and did not refuse. */
    SUCCESS("success"),
    /** 4xx other than 429: the request was wrong (or its credentials were). */
    CLIENT_ERROR("client_error"),
    /** 429: the provider's rate limit. */
    THROTTLED("throttled"),
    /** 5xx. */
    SERVER_ERROR("server_error"),
    /** No answer within the connect or read timeout. */
    TIMEOUT("timeout"),
    /** The exchange failed without an HTTP status: refused or reset connection, unknown host, broken stream. */
    IO_ERROR("io_error");

    private static final int MAX_CAUSES = 16;

    private final String tag;

    OutboundOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public static OutboundOutcome of(int status) {
        if (status == 429) {
            return THROTTLED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        return status >= 400 ? CLIENT_ERROR : SUCCESS;
    }

    /**
     * Classifies a failed call, whether seen raw by an interceptor (an {@link IOException}) or wrapped by {@code
     * RestClient} (a {@code ResourceAccessException} or a status exception).
     */
    public static OutboundOutcome of(Throwable failure) {
        @Nullable Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof RestClientResponseException response) {
                return of(response.getStatusCode().value());
            }
            // HttpConnectTimeoutException is an HttpTimeoutException, so connect timeouts land here too.
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
        }
        return IO_ERROR;
    }
}
