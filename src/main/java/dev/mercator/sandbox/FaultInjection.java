package dev.mercator.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies a provider's faults to every request under {@code /sandbox/<provider>/**} before its simulator sees it:
 * first the latency, then an outage, a throttle, a bad request or a server error, each answered the way that provider
 * answers them.
 * The dice are injected, so a test can load them, and are only rolled for rates strictly between 0 and 1 to matter:
 * a rate of 1 always fires and a rate of 0 never does.
 */
class FaultInjection implements HandlerInterceptor {

    private static final String PREFIX = "/sandbox/";

    private final SimulatedProviders providers;
    private final SandboxFaults faults;
    private final RandomGenerator dice;

    FaultInjection(SimulatedProviders providers, SandboxFaults faults, RandomGenerator dice) {
        this.providers = providers;
        this.faults = faults;
        this.dice = dice;
    }

    /** What to do with one request, given the provider's faults. */
    enum Fault {
        NONE,
        OUTAGE,
        THROTTLE,
        BAD_REQUEST,
        SERVER_ERROR
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Optional<SimulatedProvider> provider = providerOf(request).flatMap(providers::find);
        if (provider.isEmpty()) {
            return true;
        }
        SimulatedProvider simulator = provider.get();
        Faults current = faults.of(simulator.name());
        if (current.latencyMs() > 0) {
            pause(current.latencyMs());
        }
        Fault fault = pick(current, dice);
        if (fault != Fault.NONE && !faults.spend(simulator.name())) {
            // The faults ran out (times) since they were read: this request passes.
            fault = Fault.NONE;
        }
        ResponseEntity<String> injected = switch (fault) {
            case NONE -> null;
            case OUTAGE -> simulator.outage();
            case THROTTLE -> simulator.throttled(current.retryAfterSeconds());
            case BAD_REQUEST -> simulator.badRequest();
            case SERVER_ERROR ->
                simulator.serverError(
                        dice.nextBoolean() ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.SERVICE_UNAVAILABLE);
        };
        if (injected == null) {
            return true;
        }
        write(injected, response);
        return false;
    }

    /**
     * An outage beats everything; a throttle is decided before the request would reach the provider's code, and a bad
     * request (the provider's validation) before the provider could fail inside.
     */
    static Fault pick(Faults faults, RandomGenerator dice) {
        if (faults.outage()) {
            return Fault.OUTAGE;
        }
        if (fires(faults.throttleRate(), dice)) {
            return Fault.THROTTLE;
        }
        if (fires(faults.badRequestRate(), dice)) {
            return Fault.BAD_REQUEST;
        }
        if (fires(faults.errorRate(), dice)) {
            return Fault.SERVER_ERROR;
        }
        return Fault.NONE;
    }

    private static boolean fires(double rate, RandomGenerator dice) {
        // nextDouble() is in [0, 1): a rate of 1 always fires, and a rate of 0 never rolls at all.
        return rate > 0 && dice.nextDouble() < rate;
    }

    static Optional<String> providerOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        if (path.contains("/_sim/")) {
            // A simulator's test controls (markets, notifications to send) are not the vendor's API: never faulted.
            return Optional.empty();
        }
        int end = path.indexOf('/', PREFIX.length());
        return Optional.of(end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(ResponseEntity<String> injected, HttpServletResponse response) throws IOException {
        response.setStatus(injected.getStatusCode().value());
        injected.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        @Nullable String body = injected.getBody();
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
