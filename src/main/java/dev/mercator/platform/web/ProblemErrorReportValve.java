package dev.mercator.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's last word on an error, in place of its HTML {@link ErrorReportValve}: a problem detail in the same shape as
 * {@link ProblemResponses}. It speaks for requests Tomcat refuses before any filter or servlet runs (a request line,
 * target, header or HTTP version it cannot accept, a URI it cannot decode, {@code CONNECT}), and for an error
 * ({@code sendError} or an exception) that nothing else answered. Errors inside the application reach
 * {@code ProblemErrorController} through the error page first and are left alone here, as their body is already
 * written. As in Tomcat, a status set with {@code setStatus} alone is the application's deliberate answer and is not
 * reported, and a response already committed when the error came is cut off, not appended to.
 *
 * <p>Such requests never passed {@link RequestIdFilter}, so they have no request id and the problem carries none; one
 * that did (an error the error page could not answer) carries the id the filter gave it. The detail is fixed per kind
 * of failure and never quotes Tomcat's message, which repeats the offending bytes.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    private static final String HEADER_TOO_LARGE = "Request header is too large";

    private final Supplier<ProblemResponses> problems;

    /** Looked up on first use: the valve is built with the web server, before the application's beans exist. */
    ProblemErrorReportValve(Supplier<ProblemResponses> problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        // The same guards as Tomcat's own report: an error status, nothing written, not yet reported, I/O still
        // allowed.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == 400 && throwable != null && HEADER_TOO_LARGE.equals(throwable.getMessage())) {
            // Tomcat answers 400 for this; RFC 6585 has the precise status, which tells a client what to shorten.
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
            response.setStatus(status);
        }
        ProblemType type = typeFor(status);
        ProblemDetail problem =
                ProblemResponses.problem(type, HttpStatusCode.valueOf(status), detail(status, response, throwable));
        if (request.getAttribute(RequestIdFilter.MDC_KEY) instanceof String requestId) {
            problem.setProperty("requestId", requestId);
        }
        try {
            String body = problems.get().json(problem, instance(request));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
            }
        } catch (IOException | IllegalStateException notWritable) {
            // The client went away or the response was committed under us: there is no one left to tell.
            container.getLogger().debug("Could not write the problem for status " + status, notWritable);
        }
    }

    private static ProblemType typeFor(int status) {
        return switch (status) {
            case 400 -> ProblemType.MALFORMED_REQUEST;
            case 431 -> ProblemType.HEADERS_TOO_LARGE;
            case 501 -> ProblemType.NOT_IMPLEMENTED;
            case 505 -> ProblemType.HTTP_VERSION_NOT_SUPPORTED;
            default -> ProblemType.forStatus(status);
        };
    }

    private static String detail(int status, Response response, @Nullable Throwable throwable) {
        return switch (status) {
            case 431 -> "The request line and headers are larger than this server accepts";
            case 400 -> {
                yield response.getMessage() != null && response.getMessage().contains("URI")
                        ? "The request target is not a valid URI here (malformed percent-encoding, or an encoded '/' or"
                                + " '\\')"
                        : "The request is not valid HTTP/1.1 (request line, target or headers) and was refused before"
                                + " reaching the API";
            }
            case 501 -> "This server does not implement the request method";
            case 505 -> "This server speaks HTTP/1.1 and HTTP/1.0 only";
            default ->
                status >= 500
                        ? "An unexpected error occurred"
                        : ProblemType.forStatus(status).title();
        };
    }

    /** The path when Tomcat got as far as parsing one; a refused request line has none. */
    private static @Nullable String instance(Request request) {
        String uri = request.getRequestURI();
        return uri == null || uri.isEmpty() ? null : uri;
    }
}
