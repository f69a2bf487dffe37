package dev.mercator.sandbox.amazon;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * SP-API's response envelope: every response carries {@code x-amzn-RequestId}; successes carry the seller-app rate as
 * {@code x-amzn-RateLimit-Limit}; errors carry {@code x-amzn-ErrorType} and {@code {"errors":[{code,message,details}]}}
 * (429 and 403 without the rate header).
 */
final class SpApiResponses {

    static final String REQUEST_ID = "x-amzn-RequestId";
    static final String RATE_LIMIT = "x-amzn-RateLimit-Limit";
    static final String ERROR_TYPE = "x-amzn-ErrorType";

    private SpApiResponses() {}

    static ResponseEntity<Object> ok(double rate, Object body) {
        return status(HttpStatus.OK, rate, body);
    }

    static ResponseEntity<Object> status(HttpStatus status, double rate, Object body) {
        return ResponseEntity.status(status)
                .header(REQUEST_ID, UUID.randomUUID().toString())
                .header(RATE_LIMIT, Double.toString(rate))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    static ResponseEntity<Object> error(HttpStatus status, String errorType, String code, String message) {
        return error(status, errorType, code, message, "");
    }

    static ResponseEntity<Object> error(
            HttpStatus status, String errorType, String code, String message, String details) {
        return ResponseEntity.status(status)
                .header(REQUEST_ID, UUID.randomUUID().toString())
                .header(ERROR_TYPE, errorType)
                .contentType(MediaType.APPLICATION_JSON)
                .body(errors(code, message, details));
    }

    static Map<String, Object> errors(String code, String message, String details) {
        return Map.of("errors", List.of(Map.of("code", code, "message", message, "details", details)));
    }

    static ResponseEntity<Object> quotaExceeded() {
        return error(
                HttpStatus.TOO_MANY_REQUESTS,
                "QuotaExceeded",
                "QuotaExceeded",
                "You exceeded your quota for the requested resource.");
    }

    static ResponseEntity<Object> unauthorized(String details) {
        return error(
                HttpStatus.FORBIDDEN,
                "AccessDeniedException",
                "Unauthorized",
                "Access to requested resource is denied.",
                details);
    }

    static ResponseEntity<Object> invalidInput(String details) {
        return error(HttpStatus.BAD_REQUEST, "InvalidInput", "InvalidInput", "Invalid Input", details);
    }

    static ResponseEntity<Object> notFound(String message) {
        return error(HttpStatus.NOT_FOUND, "NotFound", "NOT_FOUND", message);
    }

    /** A request the simulator refuses before its handler runs; turned into the response by {@link SimAdvice}. */
    static final class Refusal extends RuntimeException {

        private final transient ResponseEntity<Object> response;

        Refusal(ResponseEntity<Object> response) {
            super(null, null, false, false);
            this.response = response;
        }

        ResponseEntity<Object> response() {
            return response;
        }
    }
}
