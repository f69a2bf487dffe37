package dev.mercator.support;

import dev.mercator.MercatorApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the whole application outside the Spring test context cache, for tests about start-up itself (settings that
 * must stop it, several runs over one database with different keys). Settings go in as command-line arguments, which
 * take precedence over application.yml and its environment-variable defaults, as an operator's would.
 */
public final class StandaloneApp {

    private StandaloneApp() {}

    /** Settings for a quick, self-contained run: random port, private in-memory H2, no demo. */
    public static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.main.banner-mode", "off");
        settings.put("spring.datasource.url", h2("standalone-" + UUID.randomUUID()));
        settings.put("mercator.demo.enabled", "false");
        settings.put("mercator.admin-token", IntegrationTest.ADMIN_TOKEN);
        settings.put("mercator.crypto.encryption-key", IntegrationTest.ENCRYPTION_KEY);
        settings.put("mercator.crypto.previous-keys", "");
        // Nothing listens for OTLP metrics in tests; without this each context close warns that publishing failed.
        settings.put("management.otlp.metrics.export.enabled", "false");
        // Logging is configured once per JVM: a prod-profile start would otherwise switch every later suite to JSON.
        settings.put("mercator.log.format", "text");
        return settings;
    }

    /** A named in-memory H2 database that outlives the contexts using it (until the JVM exits). */
    public static String h2(String name) {
        return "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    public static ConfigurableApplicationContext start(Map<String, String> settings) {
        return new SpringApplicationBuilder(MercatorApplication.class).run(arguments(settings));
    }

    /** Starts with these settings and returns why start-up failed; fails the test if it started. */
    public static Throwable failure(Map<String, String> settings) {
        try (ConfigurableApplicationContext started = start(settings)) {
            throw new AssertionError("expected start-up to fail, but it started: " + started.getId());
        } catch (RuntimeException expected) {
            return expected;
        }
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static String[] arguments(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }
}
