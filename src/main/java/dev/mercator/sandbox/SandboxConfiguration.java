package dev.mercator.sandbox;

import java.util.Random;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts fault injection in front of every simulator. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
class SandboxConfiguration implements WebMvcConfigurer {

    private final FaultInjection faultInjection;

    SandboxConfiguration(SimulatedProviders providers, SandboxFaults faults, SandboxSettings settings) {
        // java.util.Random rather than a faster generator: requests roll the dice concurrently and Random is
        // thread-safe; a seed makes a run with partial rates replayable.
        Random dice = settings.seed() == null ? new Random() : new Random(settings.seed());
        this.faultInjection = new FaultInjection(providers, faults, dice);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(faultInjection).addPathPatterns("/sandbox/**");
    }
}
