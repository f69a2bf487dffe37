package dev.mercator.sandbox;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A simulated external provider. An implementation is a {@link ConditionalOnSandbox} bean that serves the provider's
 * API under {@code /sandbox/<name>/**} with the real paths, authentication and payloads, and tells the fault injection
 * how this provider looks when it throttles or fails, so that clients are tested against the provider's real error
 * shapes rather than generic ones.
 */
public interface SimulatedProvider {

    /** The provider's name: its path segment under {@code /sandbox} and its key under {@code mercator.providers}. */
    String name();

    /** The provider's own 429: its rate-limit headers (including {@code Retry-After}) and its error body. */
    ResponseEntity<String> throttled(long retryAfterSeconds);

    /**
     * The provider refusing a request as invalid (a parameter out of range, say), as it really answers that: its status
     * (a 400 for most) and its own error body, so clients are tested on classing it as permanent.
     */
    ResponseEntity<String> badRequest();

    /** The provider's own error response for {@code status}, a 500 or a 503. */
    ResponseEntity<String> serverError(HttpStatus status);

    /**
     * The provider down, as clients see it: by default the HTML 503 that a load balancer in front of a dead API answers
     * with (AWS ELB, CloudFront, nginx all do), closing the connection. Chosen over a refused connection because it is
     * what public APIs actually show during outages, and because it checks that clients cope with an error body that
     * is not the provider's JSON.
     */
    default ResponseEntity<String> outage() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.TEXT_HTML)
                .body("""
                        <html>
                        <head><title>503 Service Temporarily Unavailable</title></head>
                        <body><center><h1>503 Service Temporarily Unavailable</h1></center></body>
                        </html>
                        """);
    }
}
