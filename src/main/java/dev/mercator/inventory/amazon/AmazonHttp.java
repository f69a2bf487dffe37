package dev.mercator.inventory.amazon;

import dev.mercator.platform.http.OutboundFailure;
import dev.mercator.platform.http.OutboundHttp;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client of the Amazon adapter (timeouts, masked logging and metrics as {@code provider=amazon} from
 * {@link OutboundHttp}). Exchanges never throw for an HTTP status: every status comes back as a {@link Reply} for the
 * caller to classify; only a call that got no answer at all (timeout, refused connection) becomes a transient failure.
 */
@Component
class AmazonHttp {

    private final RestClient rest;
    private final JsonMapper json;

    AmazonHttp(OutboundHttp outbound, AmazonSettings settings, JsonMapper json) {
        this.rest = outbound.client(settings);
        this.json = json;
    }

    RestClient rest() {
        return rest;
    }

    /** One answer: its status and body, parsed leniently (an HTML outage page parses as a missing node). */
    // Never compared or hashed: it carries the exact bytes Amazon answered from the transport to the caller.
    @SuppressWarnings("ArrayRecordComponent")
    record Reply(int status, byte[] raw, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The first SP-API error, as {@code code: message (details)}, or the status alone. */
        String problem() {
            JsonNode first = body.path("errors").path(0);
            if (first.isMissingNode()) {
                return "HTTP " + status;
            }
            String details = first.path("details").asString("");
            return first.path("code").asString("") + ": "
                    + first.path("message").asString("") + (details.isBlank() ? "" : " (" + details + ")");
        }

        String errorCode() {
            return body.path("errors").path(0).path("code").asString("");
        }
    }

    Reply exchange(RestClient.RequestHeadersSpec<?> request) {
        try {
            Reply reply = request.exchange(
                    (sent, response) -> {
                        byte[] raw = response.getBody().readAllBytes();
                        return new Reply(response.getStatusCode().value(), raw, parse(raw));
                    },
                    true);
            if (reply == null) {
                throw AmazonFailure.transientFailure("no reply", true);
            }
            return reply;
        } catch (RestClientException failure) {
            throw AmazonFailure.transientFailure(OutboundFailure.of(failure).reason(), true);
        }
    }

    JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException notJson) {
            return json.missingNode();
        }
    }

    /** A string field's value; empty for a missing field, JSON null or a non-string. */
    static String text(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    JsonMapper json() {
        return json;
    }
}
