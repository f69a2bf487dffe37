package dev.mercator.notifications.channel;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import org.jspecify.annotations.Nullable;

/**
 * Classes a call that ended without an HTTP answer, for every HTTP channel alike. What matters is whether the request
 * may have reached the provider: a refused or timed-out connection means it did not (send again: transient), a read
 * timeout or a connection lost after the request was written means it may have (unknown: whether to send again is the
 * channel's policy, ADR 21).
 */
public final class CallFailures {

    private static final int MAX_CAUSES = 16;

    private CallFailures() {}

    /** The outcome of a call that threw instead of answering. */
    public static SendOutcome classify(Exception failure) {
        @Nullable Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException
                    || cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnresolvedAddressException) {
                return new SendOutcome.Transient(
                        "connect_failed",
                        "could not connect (" + cause.getClass().getSimpleName() + ")",
                        null,
                        java.util.Optional.empty());
            }
            if (cause instanceof HttpTimeoutException) {
                return new SendOutcome.Unknown("no answer within the read timeout");
            }
        }
        if (hasCause(failure, IOException.class)) {
            return new SendOutcome.Unknown("connection lost after the request was sent ("
                    + failure.getClass().getSimpleName() + ")");
        }
        throw new IllegalStateException("not a transport failure", failure);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        @Nullable Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
