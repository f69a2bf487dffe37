package dev.mercator.sandbox.heartbeat;

import dev.mercator.platform.http.heartbeat.HeartbeatSettings;
import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Heartbeat's API as the provider serves it: {@code GET /v1/ping} with {@code Authorization: Bearer <token>}, answered
 * with {@code {"pong":true,"at":"<instant>"}}. Errors are {@code {"error":{"code":..,"message":..}}}; a throttled call
 * gets 429 with {@code Retry-After} and {@code X-RateLimit-*} headers. The token accepted is the one the client is
 * configured with, so sandbox and client always agree.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + HeartbeatSettings.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class HeartbeatSimulator implements SimulatedProvider {

    static final int RATE_LIMIT = 60;

    private final HeartbeatSettings settings;
    private final Clock clock;

    HeartbeatSimulator(HeartbeatSettings settings) {
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    record Pong(boolean pong, Instant at) {}

    @GetMapping("/v1/ping")
    ResponseEntity<?> ping(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth) {
        if (!authorized(auth)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"heartbeat\", error=\"invalid_token\"")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(error("unauthorized", "Missing or invalid bearer token"));
        }
        return ResponseEntity.ok()
                .header("X-RateLimit-Limit", Integer.toString(RATE_LIMIT))
                .body(new Pong(true, clock.instant()));
    }

    @Override
    public String name() {
        return HeartbeatSettings.NAME;
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .header("X-RateLimit-Limit", Integer.toString(RATE_LIMIT))
                .header("X-RateLimit-Remaining", "0")
                .header(
                        "X-RateLimit-Reset",
                        Long.toString(
                                clock.instant().plusSeconds(retryAfterSeconds).getEpochSecond()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(error("rate_limited", "Too many requests; retry after " + retryAfterSeconds + " s"));
    }

    @Override
    public ResponseEntity<String> badRequest() {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(error("bad_request", "The request is not valid"));
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        String code = status == HttpStatus.SERVICE_UNAVAILABLE ? "unavailable" : "internal_error";
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(error(code, "Heartbeat could not handle the request; try again later"));
    }

    private boolean authorized(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // Constant-time, like the real provider would: timing must not tell how much of a guessed token was right.
        return MessageDigest.isEqual(
                settings.token().getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String code, String message) {
        // Fixed texts only, so no escaping is needed.
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }
}
