package dev.mercator.sandbox.vision;

import dev.mercator.sandbox.catalog.Json;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's error body, {@code {"error":{"message","type","param","code"}}} (all four always present). */
final class OpenAiErrors {

    private OpenAiErrors() {}

    static ResponseEntity<String> error(
            HttpStatus status, String message, String type, @Nullable String param, @Nullable String code) {
        ObjectNode error = Json.object().put("message", message).put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        ObjectNode body = Json.object();
        body.set("error", error);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(body));
    }

    static ResponseEntity<String> invalid(String message, @Nullable String param, @Nullable String code) {
        return error(HttpStatus.BAD_REQUEST, message, "invalid_request_error", param, code);
    }

    /** OpenAI's 429 for the requests-per-minute limit, with its {@code x-ratelimit-*} headers and a retry-after. */
    static ResponseEntity<String> rateLimited(String model, long limit, long retryAfterSeconds) {
        ResponseEntity<String> body = error(
                HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit reached for " + model + " in organization org-sandbox on requests per min (RPM): Limit "
                        + limit + ", Used " + limit + ", Requested 1. Please try again in " + retryAfterSeconds
                        + "s. Visit https://platform.openai.com/account/rate-limits to learn more.",
                "requests",
                "requests",
                "rate_limit_exceeded");
        return ResponseEntity.status(body.getStatusCode())
                .contentType(MediaType.APPLICATION_JSON)
                .header("retry-after", String.valueOf(retryAfterSeconds))
                .header("x-ratelimit-limit-requests", String.valueOf(limit))
                .header("x-ratelimit-remaining-requests", "0")
                .header("x-ratelimit-reset-requests", retryAfterSeconds + "s")
                .body(body.getBody());
    }
}
