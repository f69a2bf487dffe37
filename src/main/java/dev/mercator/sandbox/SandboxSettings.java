package dev.mercator.sandbox;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sandbox.
 *
 * @param enabled whether the simulators and their admin endpoints exist at all (see {@link ConditionalOnSandbox})
 * @param seed seeds the dice of fault injection, so that a run with partial error or throttle rates can be replayed;
 *     unset, each run differs
 */
@ConfigurationProperties("mercator.sandbox")
record SandboxSettings(@Nullable Boolean enabled, @Nullable Long seed) {

    SandboxSettings {
        enabled = enabled == null || enabled;
    }
}
