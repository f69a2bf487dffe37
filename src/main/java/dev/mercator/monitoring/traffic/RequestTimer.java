package dev.mercator.monitoring.traffic;

import dev.mercator.platform.web.HttpSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every request: feeds the traffic summary and logs at WARN any request slower than {@code
 * mercator.http.slow-request-threshold}. It runs just inside the request-id filter, so the slow-request line carries
 * the request id, and outside security and rate limiting, so rejected requests are timed and counted too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestTimer extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestTimer.class);
    private static final int MAX_LOGGED_PATH = 200;

    /**
     * Operational traffic left out of the summary: probes and scrapes, the monitoring endpoints themselves (polling the
     * summary would otherwise inflate it), and the simulated providers, which stand in for remote systems.
     */
    private static final List<String> NOT_SUMMARISED = List.of("/actuator", "/api/monitoring", "/health", "/sandbox");

    private final TrafficWindow traffic;
    private final HttpSettings settings;

    RequestTimer(TrafficWindow traffic, HttpSettings settings) {
        this.traffic = traffic;
        this.settings = settings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            long nanos = System.nanoTime() - started;
            // An exception escaping the chain becomes a 500 once the container handles it; the response does not say
            // so yet.
            int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
            String path = request.getRequestURI();
            if (summarised(path)) {
                traffic.record(status, nanos);
            }
            if (nanos > settings.slowRequestThreshold().toNanos()) {
                log.warn(
                        "Slow request: {} {} answered {} in {} ms",
                        request.getMethod(),
                        route(request, path),
                        status,
                        nanos / 1_000_000);
            }
        }
    }

    static boolean summarised(String path) {
        for (String prefix : NOT_SUMMARISED) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        return true;
    }

    /** The matched route ({@code /api/admin/merchants/{id}}), which groups alike requests; the path when none matched. */
    private static String route(HttpServletRequest request, String path) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        // "/**" is the static-resource catch-all, which says nothing about the request.
        if (pattern instanceof String route && !route.equals("/**")) {
            return route;
        }
        return path.length() > MAX_LOGGED_PATH ? path.substring(0, MAX_LOGGED_PATH) + "…" : path;
    }
}
