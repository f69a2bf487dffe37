package dev.mercator.platform.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Times every call to one provider as {@code mercator.outbound.requests{provider, outcome}}. The monitoring summary
 * reads exactly this name and these tags. All outcomes are registered up front so that a rate of zero is visible as
 * zero rather than as a missing series.
 */
final class OutboundMetrics implements ClientHttpRequestInterceptor {

    static final String METER = "mercator.outbound.requests";

    private final MeterRegistry registry;
    private final Map<OutboundOutcome, Timer> timers = new EnumMap<>(OutboundOutcome.class);

    OutboundMetrics(String provider, MeterRegistry registry) {
        this.registry = registry;
        for (OutboundOutcome outcome : OutboundOutcome.values()) {
            timers.put(
                    outcome,
                    Timer.builder(METER)
                            .description("Calls to external providers, by provider and outcome")
                            .tag("provider", provider)
                            .tag("outcome", outcome.tag())
                            .register(registry));
        }
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        Timer.Sample sample = Timer.start(registry);
        try {
            ClientHttpResponse response = execution.execute(request, body);
            sample.stop(timer(OutboundOutcome.of(response.getStatusCode().value())));
            return response;
        } catch (IOException | RuntimeException failure) {
            sample.stop(timer(OutboundOutcome.of(failure)));
            throw failure;
        }
    }

    private Timer timer(OutboundOutcome outcome) {
        Timer timer = timers.get(outcome);
        if (timer == null) {
            throw new IllegalStateException("every outcome has a timer, registered in the constructor");
        }
        return timer;
    }
}
