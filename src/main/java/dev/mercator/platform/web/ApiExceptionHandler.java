package dev.mercator.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem with a stable type. Client errors say what was
 * wrong; server errors say nothing about internals and are logged with the request id instead.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> on(ApiProblem problem) {
        ProblemDetail body = ProblemResponses.problem(problem.type(), problem.getMessage());
        problem.properties().forEach(body::setProperty);
        HttpHeaders headers = new HttpHeaders();
        // A problem that says when to come back says it in the header too, where HTTP clients and Shopify look.
        if (problem.properties().get("retryAfterSeconds") instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        return respond(body, headers);
    }

    @ExceptionHandler(BodySizeLimitFilter.BodyTooLargeException.class)
    ResponseEntity<Object> on(BodySizeLimitFilter.BodyTooLargeException tooLarge) {
        return respond(
                ProblemResponses.problem(ProblemType.PAYLOAD_TOO_LARGE, BodySizeLimitFilter.describe(tooLarge.limit())),
                closing());
    }

    /**
     * The firewall checks a header only when something reads it, which may be content negotiation inside MVC. Rethrown
     * so that it reaches Spring Security's {@code RequestRejectedHandler} (a 400 {@code request-rejected}) instead of
     * the catch-all below (a 500); answering here would read the same header again to pick a media type.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> on(RequestRejectedException rejected) {
        throw rejected;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> on(ConstraintViolationException invalid) {
        List<Map<String, String>> errors = invalid.getConstraintViolations().stream()
                .map(v -> Map.of("field", leaf(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        ProblemDetail body = ProblemResponses.problem(ProblemType.VALIDATION, "The request has invalid fields");
        body.setProperty("errors", errors);
        return respond(body, new HttpHeaders());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> on(MethodArgumentTypeMismatchException mismatch) {
        ProblemDetail body = ProblemResponses.problem(
                ProblemType.VALIDATION, "Parameter '" + mismatch.getName() + "' has the wrong type");
        body.setProperty("errors", List.of(Map.of("field", mismatch.getName(), "message", "wrong type")));
        return respond(body, new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception unexpected) {
        if (rootCause(unexpected) instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            return on(tooLarge);
        }
        log.error("Unhandled error", unexpected);
        return respond(
                ProblemResponses.problem(
                        ProblemType.INTERNAL, "An unexpected error occurred; quote the requestId when reporting it"),
                new HttpHeaders());
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException invalid, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::describe)
                .toList();
        ProblemDetail body = ProblemResponses.problem(ProblemType.VALIDATION, "The request has invalid fields");
        body.setProperty("errors", errors);
        return respond(body, headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException invalid, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = invalid.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field",
                                result.getMethodParameter().getParameterName() == null
                                        ? "parameter"
                                        : result.getMethodParameter().getParameterName(),
                                "message",
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        ProblemDetail body = ProblemResponses.problem(ProblemType.VALIDATION, "The request has invalid parameters");
        body.setProperty("errors", errors);
        return respond(body, headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException unreadable,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        if (rootCause(unreadable) instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            return on(tooLarge);
        }
        // The parser's message can echo the body; keep it out of the response and say only what kind of error it was.
        return respond(
                ProblemResponses.problem(
                        ProblemType.MALFORMED_BODY, "The request body is not valid JSON of the expected shape"),
                headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemType type = ProblemType.forStatus(status.value());
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null
                ? problem.getDetail()
                : type.title();
        return respond(ProblemResponses.problem(type, status, detail), headers);
    }

    private static ResponseEntity<Object> respond(ProblemDetail body, HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(body.getStatus()).headers(copy).body(body);
    }

    private static HttpHeaders closing() {
        HttpHeaders headers = new HttpHeaders();
        headers.setConnection("close");
        return headers;
    }

    private static Map<String, String> describe(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    // Identity on purpose: a throwable that is its own cause ends the chain.
    @SuppressWarnings("ReferenceEquality")
    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof BodySizeLimitFilter.BodyTooLargeException) {
                return cause;
            }
        }
        return cause;
    }
}
