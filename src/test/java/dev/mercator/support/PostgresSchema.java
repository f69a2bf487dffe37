package dev.mercator.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test context at PostgreSQL, in a schema private to this test JVM. */
public final class PostgresSchema implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SCHEMA =
            "mercator_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static volatile boolean cleanupRegistered;

    public static String baseUrl() {
        String url = System.getenv("MERCATOR_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MERCATOR_TEST_POSTGRES_URL is not set");
        }
        return url;
    }

    /** The JDBC URL of this JVM's schema. */
    public static String url() {
        String base = baseUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    /**
     * Environment variables that put a separately started Mercator process ({@link ServiceProcess}) on PostgreSQL, in a
     * schema of its own derived from this JVM's, migrated by Flyway at start-up.
     */
    public static Map<String, String> processEnvironment(String suffix) {
        String schema = SCHEMA + "_" + suffix;
        String base = baseUrl();
        return Map.of(
                "MERCATOR_DB_URL",
                base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "MERCATOR_DB_USER",
                user(),
                "SPRING_FLYWAY_SCHEMAS",
                schema,
                "SPRING_FLYWAY_DEFAULT_SCHEMA",
                schema);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        registerCleanup();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "postgres-suite",
                        Map.of(
                                "spring.datasource.url", url(),
                                "spring.datasource.username", user(),
                                "spring.datasource.password", password(),
                                "spring.flyway.schemas", SCHEMA,
                                "spring.flyway.default-schema", SCHEMA)));
    }

    static String user() {
        String user = System.getenv("MERCATOR_TEST_POSTGRES_USER");
        return user == null ? "postgres" : user;
    }

    static String password() {
        String password = System.getenv("MERCATOR_TEST_POSTGRES_PASSWORD");
        return password == null ? "" : password;
    }

    private static synchronized void registerCleanup() {
        if (cleanupRegistered) {
            return;
        }
        cleanupRegistered = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection connection = DriverManager.getConnection(baseUrl(), user(), password());
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
            } catch (SQLException ignored) {
                // Best effort: a leftover schema in a test database harms nothing.
            }
        }));
    }
}
