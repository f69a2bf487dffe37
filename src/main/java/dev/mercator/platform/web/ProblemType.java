package dev.mercator.platform.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable problem types Mercator answers with. Clients switch on {@link #uri()}, so a constant's URI never changes
 * once released; add new ones instead.
 */
public enum ProblemType {
    VALIDATION("validation-failed", HttpStatus.BAD_REQUEST, "Request validation failed"),
    MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body"),
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
    /** Well-formed HTTP that the URL and header policy refuses (Spring Security's firewall), before any controller. */
    REQUEST_REJECTED("request-rejected", HttpStatus.BAD_REQUEST, "Request rejected"),
    /** Not valid HTTP/1.1: the servlet container refused the request line, target or headers before any filter. */
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed HTTP request"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    ADMIN_DISABLED("admin-disabled", HttpStatus.FORBIDDEN, "Admin endpoints are closed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    /** The request line and headers together exceed what the server accepts (RFC 6585). */
    HEADERS_TOO_LARGE(
            "headers-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request header fields too large"),
    /** A precondition the sender must meet failed: eBay's notifications answer a bad signature with 412. */
    PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    UPSTREAM_FAILURE("upstream-failure", HttpStatus.BAD_GATEWAY, "Upstream provider failed"),
    NOT_IMPLEMENTED("not-implemented", HttpStatus.NOT_IMPLEMENTED, "Not implemented"),
    HTTP_VERSION_NOT_SUPPORTED(
            "http-version-not-supported", HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "HTTP version not supported"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");

    private static final String BASE = "urn:mercator:problem:";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.value() == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
