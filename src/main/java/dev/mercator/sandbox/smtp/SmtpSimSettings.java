package dev.mercator.sandbox.smtp;

import dev.mercator.sandbox.ConditionalOnSandbox;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sandbox's SMTP server.
 *
 * @param port where it listens, on loopback only; 0 (the default) takes a free port, so several application contexts
 *     in one JVM (tests) never collide. The port bound is published as {@code mercator.sandbox.smtp.local-port}.
 */
@ConfigurationProperties("mercator.sandbox.smtp")
@ConditionalOnSandbox
record SmtpSimSettings(@Nullable Integer port) {

    SmtpSimSettings {
        port = port == null ? 0 : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "mercator.sandbox.smtp.port (MERCATOR_SANDBOX_SMTP_PORT) must be 0 (any free port) or a TCP port");
        }
    }

    int portOrAny() {
        return port == null ? 0 : port;
    }
}
