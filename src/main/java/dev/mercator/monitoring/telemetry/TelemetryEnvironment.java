package dev.mercator.monitoring.telemetry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Mercator's few telemetry switches into the properties of the libraries that act on them, before logging
 * starts:
 *
 * <ul>
 *   <li>{@code mercator.log.format} ({@code MERCATOR_LOG_FORMAT}): {@code text} (the default) or {@code json}, which
 *       writes console and file logs as ECS JSON, one object per line, and leaves out the start-up banner;
 *   <li>{@code mercator.tracing.otlp-endpoint} ({@code MERCATOR_OTLP_ENDPOINT}): exports traces over OTLP; Boot
 *       creates an exporter whenever its endpoint property exists at all, even empty, so it is only set when given;
 *   <li>{@code mercator.sentry.dsn} ({@code MERCATOR_SENTRY_DSN}): Sentry's auto-configuration likewise activates on
 *       the mere presence of {@code sentry.dsn}, so without a DSN Sentry is not configured at all.
 * </ul>
 *
 * The derived properties are defaults: anything set explicitly under the libraries' own names still wins.
 */
public final class TelemetryEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "mercatorTelemetry";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new LinkedHashMap<>();
        if (jsonLogs(environment.getProperty("mercator.log.format"))) {
            derived.put("logging.structured.format.console", "ecs");
            derived.put("logging.structured.format.file", "ecs");
            // Log collectors read stdout line by line as JSON; the ASCII-art banner would be the one line that is not.
            derived.put("spring.main.banner-mode", "off");
        }
        String otlpEndpoint = given(environment.getProperty("mercator.tracing.otlp-endpoint"));
        if (otlpEndpoint != null) {
            if (!(otlpEndpoint.startsWith("http://") || otlpEndpoint.startsWith("https://"))) {
                throw new IllegalStateException("MERCATOR_OTLP_ENDPOINT (mercator.tracing.otlp-endpoint) must be an"
                        + " http(s) URL such as http://collector:4318/v1/traces");
            }
            derived.put("management.opentelemetry.tracing.export.otlp.endpoint", otlpEndpoint);
        }
        String sentryDsn = given(environment.getProperty("mercator.sentry.dsn"));
        if (sentryDsn != null) {
            derived.put("sentry.dsn", sentryDsn);
        }
        if (!derived.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, derived));
        }
    }

    private static boolean jsonLogs(@Nullable String format) {
        String value = given(format);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default ->
                throw new IllegalStateException("MERCATOR_LOG_FORMAT (mercator.log.format) must be one of text|json,"
                        + " was '" + printable(value) + "'");
        };
    }

    private static @Nullable String given(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The rejected value is echoed to help the operator; short and without control characters, as it is logged. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }

    /** After application.yml and profiles are loaded, so the switches can be set there too; before logging starts. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
