package dev.mercator.dealscout.recognition;

import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.platform.http.ProviderMode;
import dev.mercator.platform.ratelimit.SharedRateLimiter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link ItemRecognition} bean: always present, so callers never check for it; the chat-completions adapter
 * when {@code mercator.dealscout.recognition.enabled}, otherwise one that answers empty without calling anyone.
 */
@Configuration(proxyBeanMethods = false)
class RecognitionConfiguration {

    @Bean
    ItemRecognition itemRecognition(
            RecognitionSettings settings,
            VisionProviderSettings provider,
            OutboundHttp http,
            ProviderEndpoints endpoints,
            SharedRateLimiter pace,
            MeterRegistry meters) {
        if (!settings.enabled()) {
            return new DisabledRecognition();
        }
        boolean live = endpoints.mode(provider) == ProviderMode.LIVE;
        CircuitBreaker breaker = CircuitBreaker.of(
                VisionProviderSettings.NAME,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.breakerFailures())
                        .minimumNumberOfCalls(settings.breakerFailures())
                        .failureRateThreshold(100)
                        .waitDurationInOpenState(settings.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build());
        return new ChatCompletionsRecognition(
                // Without bodies in the logs: they carry the merchant's photos.
                http.clientWithoutBodies(provider),
                settings,
                provider.keyFor(live),
                pace,
                new RecognitionMetrics(meters),
                breaker);
    }
}
