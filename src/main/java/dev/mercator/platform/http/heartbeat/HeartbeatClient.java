package dev.mercator.platform.http.heartbeat;

import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.platform.http.ProviderMode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Adapter to the heartbeat API: {@code GET /v1/ping} with a bearer token, answered by the provider's clock. */
@Component
class HeartbeatClient {

    private final RestClient rest;
    private final HeartbeatSettings settings;
    private final ProviderMode mode;
    private final boolean available;

    HeartbeatClient(OutboundHttp outbound, ProviderEndpoints endpoints, HeartbeatSettings settings) {
        this.rest = outbound.client(settings);
        this.settings = settings;
        this.mode = endpoints.mode(settings);
        this.available = endpoints.available(settings);
    }

    /**
     * The provider's clock, proving it is reachable and accepts our token.
     *
     * @throws RestClientException on any failure: an error status, a timeout, an unreachable host, an odd reply
     */
    Instant ping() {
        PingReply reply = rest.get()
                .uri("/v1/ping")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.token())
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(PingReply.class);
        if (reply == null || !reply.pong() || reply.at() == null) {
            throw new RestClientException("heartbeat answered without a pong");
        }
        return reply.at();
    }

    ProviderMode mode() {
        return mode;
    }

    /** False in sandbox mode with the sandbox disabled: there is nothing to call. */
    boolean available() {
        return available;
    }

    /** The provider's wire format; it stays in this adapter. */
    record PingReply(boolean pong, @Nullable Instant at) {}
}
