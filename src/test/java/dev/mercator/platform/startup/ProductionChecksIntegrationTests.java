package dev.mercator.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.platform.settings.InvalidSettingsException;
import dev.mercator.platform.settings.SettingProblem;
import dev.mercator.support.Api;
import dev.mercator.support.PostgresSchema;
import dev.mercator.support.StandaloneApp;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * The prod profile refuses default, missing and weak secrets, naming each setting, all at once, before anything starts.
 * Every failing case starts from a configuration that passes and breaks one thing, so each test fails for its own
 * reason only.
 */
class ProductionChecksIntegrationTests {

    static final String ADMIN_TOKEN = random(32);
    static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString(randomBytes(32));
    static final String DB_PASSWORD = random(24);

    @TempDir
    Path dir;

    /** A prod configuration that passes the checks (its database is never reached by the failing cases). */
    private Map<String, String> prod() {
        Map<String, String> settings = StandaloneApp.settings();
        settings.put("spring.profiles.active", "prod");
        settings.put("mercator.admin-token", ADMIN_TOKEN);
        settings.put("mercator.crypto.encryption-key", ENCRYPTION_KEY);
        settings.put("mercator.crypto.dev-key-file", dir.resolve("dev.key").toString());
        settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/never-reached");
        settings.put("spring.datasource.password", DB_PASSWORD);
        return settings;
    }

    @Test
    void aMissingAdminTokenIsRefused() {
        assertRefused(Map.of("mercator.admin-token", ""), "mercator.admin-token", "MERCATOR_ADMIN_TOKEN", "is not set");
    }

    @Test
    void aShortAdminTokenIsRefused() {
        String token = random(31);

        assertRefused(
                Map.of("mercator.admin-token", token),
                "mercator.admin-token",
                "MERCATOR_ADMIN_TOKEN",
                "is 31 characters long; it must be at least 32 random characters",
                token);
    }

    @Test
    void placeholderAdminTokensAreRefused() {
        for (String token : List.of(
                "changeme-changeme-changeme-changeme",
                "CHANGE_ME_TO_A_LONG_RANDOM_VALUE_0123456789",
                "please-replace-me-with-something-strong",
                "example-token-abcdefghijklmnopqrstuvwxyz",
                "a".repeat(40),
                "abababababababababababababababababab")) {
            assertRefused(
                    Map.of("mercator.admin-token", token),
                    "mercator.admin-token",
                    "MERCATOR_ADMIN_TOKEN",
                    "looks like a placeholder",
                    token);
        }
    }

    @Test
    void aMissingEncryptionKeyIsRefusedAndNoDevelopmentKeyIsMade() {
        assertRefused(
                Map.of("mercator.crypto.encryption-key", ""),
                "mercator.crypto.encryption-key",
                "MERCATOR_ENCRYPTION_KEY",
                "is not set; the prod profile requires the base64 encoding of exactly 32 random bytes");

        assertThat(dir.resolve("dev.key")).doesNotExist();
    }

    @Test
    void malformedOrNonRandomEncryptionKeysAreRefused() {
        String shortKey = Base64.getEncoder().encodeToString(randomBytes(16));
        String zeros = Base64.getEncoder().encodeToString(new byte[32]);

        assertRefused(
                Map.of("mercator.crypto.encryption-key", "not base64!"),
                "mercator.crypto.encryption-key",
                "MERCATOR_ENCRYPTION_KEY",
                "is not valid base64");
        assertRefused(
                Map.of("mercator.crypto.encryption-key", shortKey),
                "mercator.crypto.encryption-key",
                "MERCATOR_ENCRYPTION_KEY",
                "decodes to 16 bytes instead of 32",
                shortKey);
        assertRefused(
                Map.of("mercator.crypto.encryption-key", zeros),
                "mercator.crypto.encryption-key",
                "MERCATOR_ENCRYPTION_KEY",
                "is not random",
                zeros);
        assertRefused(
                Map.of("mercator.crypto.previous-keys", ENCRYPTION_KEY + ",not-base64!"),
                "mercator.crypto.previous-keys",
                "MERCATOR_ENCRYPTION_PREVIOUS_KEYS",
                "entry 2 is not valid base64");
    }

    @Test
    void postgresWithoutAPasswordIsRefused() {
        assertRefused(
                Map.of("spring.datasource.password", ""),
                "spring.datasource.password",
                "MERCATOR_DB_PASSWORD",
                "is empty");
    }

    @Test
    void wellKnownDatabasePasswordsAreRefused() {
        for (String password : List.of("postgres", "Password", "changeme")) {
            assertRefused(
                    Map.of("spring.datasource.password", password),
                    "spring.datasource.password",
                    "MERCATOR_DB_PASSWORD",
                    "well-known default",
                    password);
        }
    }

    @Test
    void embeddedH2IsRefusedUnlessExplicitlyAllowed() {
        assertRefused(
                Map.of("spring.datasource.url", StandaloneApp.h2("prod-" + UUID.randomUUID())),
                "spring.datasource.url",
                "MERCATOR_DB_URL",
                "is an embedded H2 database");
        assertRefused(
                Map.of("spring.datasource.url", "jdbc:mysql://db/mercator"),
                "spring.datasource.url",
                "MERCATOR_DB_URL",
                "is not a PostgreSQL JDBC URL");
        assertRefused(
                Map.of(
                        "spring.datasource.url",
                        StandaloneApp.h2("prod-" + UUID.randomUUID()),
                        "mercator.prod.allow-h2",
                        "maybe"),
                "mercator.prod.allow-h2",
                "MERCATOR_PROD_ALLOW_H2",
                "must be true or false");
    }

    @Test
    void everyProblemIsReportedAtOnceBeforeAnythingStarts() throws SQLException {
        String database = "prod-" + UUID.randomUUID();
        Map<String, String> settings = prod();
        settings.put("mercator.admin-token", "changeme");
        settings.put("mercator.crypto.encryption-key", "");
        settings.put("spring.datasource.url", StandaloneApp.h2(database));

        InvalidSettingsException refused = refusal(settings);

        assertThat(refused.problems())
                .extracting(SettingProblem::environmentVariable)
                .containsExactly("MERCATOR_ADMIN_TOKEN", "MERCATOR_ENCRYPTION_KEY", "MERCATOR_DB_URL");
        assertThat(refused.getMessage()).startsWith("Mercator cannot start: 3 settings need attention:");
        // Refused before the database was touched: no migration has run.
        try (Connection connection = DriverManager.getConnection(StandaloneApp.h2(database), "sa", "");
                var tables = connection.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            assertThat(tables.next()).isFalse();
        }
    }

    @Test
    void otherProfilesAreNotChecked() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("default");

        new ProductionChecks(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

        environment.setActiveProfiles("prod");
        assertThatThrownBy(() -> new ProductionChecks(new DeferredLogs())
                        .postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(InvalidSettingsException.class);
    }

    @Test
    void prodStartsOnH2WhenExplicitlyAllowed() {
        Map<String, String> settings = prod();
        settings.put("spring.datasource.url", StandaloneApp.h2("prod-" + UUID.randomUUID()));
        settings.put("mercator.prod.allow-h2", "true");

        try (ConfigurableApplicationContext app = StandaloneApp.start(settings)) {
            assertServing(app);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "MERCATOR_TEST_POSTGRES_URL", matches = ".+")
    void prodStartsWithStrongSecretsOnPostgres() throws SQLException {
        String schema =
                "mercator_prod_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String base = PostgresSchema.baseUrl();
        String user = System.getenv().getOrDefault("MERCATOR_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("MERCATOR_TEST_POSTGRES_PASSWORD", "");
        Map<String, String> settings = prod();
        settings.put("spring.datasource.url", base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        settings.put("spring.datasource.username", user);
        // A test server with trust authentication ignores the password, but prod still demands one.
        settings.put("spring.datasource.password", password.isBlank() ? DB_PASSWORD : password);
        settings.put("spring.flyway.schemas", schema);
        settings.put("spring.flyway.default-schema", schema);
        try (ConfigurableApplicationContext app = StandaloneApp.start(settings)) {
            assertServing(app);
        } finally {
            try (Connection connection = DriverManager.getConnection(base, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static void assertServing(ConfigurableApplicationContext app) {
        assertThat(app.getEnvironment().getActiveProfiles()).containsExactly("prod");
        Api api = new Api(StandaloneApp.port(app));
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.asAdmin(ADMIN_TOKEN).get("/api/admin/merchants").status())
                .isEqualTo(200);
    }

    private void assertRefused(
            Map<String, String> change, String setting, String variable, String problem, String... secrets) {
        Map<String, String> settings = prod();
        settings.putAll(change);

        InvalidSettingsException refused = refusal(settings);

        assertThat(refused.problems()).as("%s", change).singleElement().satisfies(p -> {
            assertThat(p.setting()).isEqualTo(setting);
            assertThat(p.environmentVariable()).isEqualTo(variable);
            assertThat(p.problem()).contains(problem);
        });
        for (String secret : secrets) {
            assertThat(refused.getMessage()).doesNotContain(secret);
        }
    }

    private static InvalidSettingsException refusal(Map<String, String> settings) {
        Throwable failure = StandaloneApp.failure(settings);
        assertThat(failure).isInstanceOf(InvalidSettingsException.class);
        return (InvalidSettingsException) failure;
    }

    private static String random(int length) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(randomBytes(length))
                .substring(0, length);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
