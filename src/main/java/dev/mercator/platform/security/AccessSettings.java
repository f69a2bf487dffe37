package dev.mercator.platform.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call what.
 *
 * @param adminToken the token admin endpoints require; none configured keeps them closed (outside the demo run)
 * @param demo the sandbox demo run, which creates a demo merchant and, when no admin token is configured, a random one
 */
@ConfigurationProperties("mercator")
public record AccessSettings(@Nullable String adminToken, Demo demo) {

    public AccessSettings {
        adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
        demo = demo == null ? new Demo(false) : demo;
    }

    public record Demo(boolean enabled) {}
}
