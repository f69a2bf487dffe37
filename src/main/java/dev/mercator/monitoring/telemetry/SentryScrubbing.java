package dev.mercator.monitoring.telemetry;

import io.sentry.Hint;
import io.sentry.SentryBaseEvent;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryTransaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The last word before anything goes to Sentry (only ever active with {@code MERCATOR_SENTRY_DSN}): strips what could
 * identify a person or carry a secret. {@code send-default-pii=false} alone is not enough: Sentry then still sends
 * request headers it does not know to be secret, such as {@code X-Api-Key} and {@code X-Admin-Token}. What is kept is
 * the error, its stack trace, and the request's method and URL without query string.
 */
@Component
class SentryScrubbing implements SentryOptions.BeforeSendCallback, SentryOptions.BeforeSendTransactionCallback {

    @Override
    public SentryEvent execute(SentryEvent event, Hint hint) {
        return scrub(event);
    }

    @Override
    public SentryTransaction execute(SentryTransaction transaction, Hint hint) {
        return scrub(transaction);
    }

    static <T extends SentryBaseEvent> T scrub(T event) {
        event.setUser(null);
        // Breadcrumbs hold earlier log lines and calls, which can name merchants or echo payloads.
        event.setBreadcrumbs(null);
        Request request = event.getRequest();
        if (request != null) {
            Request kept = new Request();
            kept.setMethod(request.getMethod());
            kept.setUrl(withoutQuery(request.getUrl()));
            event.setRequest(kept);
        }
        return event;
    }

    private static @Nullable String withoutQuery(@Nullable String url) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
