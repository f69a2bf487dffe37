package dev.mercator.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem details the same way for controllers, filters (which run outside Spring MVC) and the servlet
 * error page, so a client sees one shape whatever rejected its request.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(ProblemType type, String detail) {
        return problem(type, type.status(), detail);
    }

    public static ProblemDetail problem(ProblemType type, HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    /** Writes a problem straight to the servlet response, for code that runs before or outside Spring MVC. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body(problem, requestUri(request)));
    }

    /** The path the client asked for, also on the error dispatch (where the servlet API reports {@code /error}). */
    private static String requestUri(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original
                ? original
                : request.getRequestURI();
    }

    /**
     * The problem as the JSON text {@link #write} sends, for the container's error report, which must write through
     * Tomcat's own reporter rather than the servlet output stream. A null {@code instance} (no request target could be
     * parsed) leaves the member out instead of inventing one.
     */
    String json(ProblemDetail problem, @Nullable String instance) {
        return json.writeValueAsString(body(problem, instance));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
            throws IOException {
        write(request, response, problem(type, detail));
    }

    private static Map<String, Object> body(ProblemDetail problem, @Nullable String requestUri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        URI instance = problem.getInstance();
        String target = instance != null ? instance.toString() : requestUri;
        if (target != null) {
            body.put("instance", target);
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
