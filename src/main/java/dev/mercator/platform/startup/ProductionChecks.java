package dev.mercator.platform.startup;

import dev.mercator.platform.crypto.EncryptionKey;
import dev.mercator.platform.settings.InvalidSettingsException;
import dev.mercator.platform.settings.SettingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the {@code prod} profile with a default, missing or weak secret, and reports every such problem in
 * one go. It runs as an environment post-processor, after the configuration files are read and before any bean exists,
 * so nothing (database migrations, schedulers, the HTTP port) has started when it refuses.
 *
 * <p>H2 in prod is refused too: it is a single-process database, and several instances on one file or one instance
 * without backups is not what "prod" should mean by accident. A one-box installation may opt in with {@code
 * MERCATOR_PROD_ALLOW_H2=true}; start-up then logs a warning instead (see docs/adr/0007-prod-start-up-checks.md).
 */
class ProductionChecks implements EnvironmentPostProcessor, Ordered {

    static final int MIN_ADMIN_TOKEN_LENGTH = 32;
    // Words people type when a template says "put your secret here"; none of them turns up in a random token.
    private static final List<String> PLACEHOLDERS = List.of(
            "changeme",
            "change-me",
            "change_me",
            "replaceme",
            "replace-me",
            "replace_me",
            "placeholder",
            "example",
            "secret",
            "password",
            "default");
    private static final List<String> DEFAULT_DB_PASSWORDS = List.of("postgres", "password", "mercator", "sa", "admin");

    private final Log log;

    ProductionChecks(DeferredLogFactory logs) {
        this.log = logs.getLog(ProductionChecks.class);
    }

    @Override
    public int getOrder() {
        // After the configuration files and profiles are loaded (ConfigDataEnvironmentPostProcessor).
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles("prod")) {
            return;
        }
        List<SettingProblem> problems = new ArrayList<>();
        checkAdminToken(environment.getProperty("mercator.admin-token"), problems);
        checkEncryptionKeys(
                environment.getProperty("mercator.crypto.encryption-key"),
                environment.getProperty("mercator.crypto.previous-keys"),
                problems);
        checkDatabase(environment, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private static void checkAdminToken(@Nullable String token, List<SettingProblem> problems) {
        String setting = "mercator.admin-token";
        String variable = "MERCATOR_ADMIN_TOKEN";
        String expected = "at least " + MIN_ADMIN_TOKEN_LENGTH
                + " random characters (generate one with: openssl rand -base64 32)";
        if (token == null || token.isBlank()) {
            problems.add(new SettingProblem(setting, variable, "is not set; the prod profile requires " + expected));
        } else if (token.strip().length() < MIN_ADMIN_TOKEN_LENGTH) {
            problems.add(new SettingProblem(
                    setting, variable, "is " + token.strip().length() + " characters long; it must be " + expected));
        } else if (isPlaceholder(token) || distinctCharacters(token) < 10) {
            problems.add(new SettingProblem(
                    setting, variable, "looks like a placeholder, not a random value; it must be " + expected));
        }
    }

    private static void checkEncryptionKeys(
            @Nullable String current, @Nullable String previous, List<SettingProblem> problems) {
        String setting = "mercator.crypto.encryption-key";
        String variable = "MERCATOR_ENCRYPTION_KEY";
        if (current == null || current.isBlank()) {
            problems.add(new SettingProblem(
                    setting,
                    variable,
                    "is not set; the prod profile requires " + EncryptionKey.EXPECTED_FORM
                            + " and never uses a development key file"));
        } else {
            checkKey(current, setting, variable, "", problems);
        }
        if (previous != null && !previous.isBlank()) {
            String[] keys = previous.split(",");
            for (int i = 0; i < keys.length; i++) {
                if (!keys[i].isBlank()) {
                    String entry = keys.length == 1 ? "" : "entry " + (i + 1) + " ";
                    checkKey(
                            keys[i],
                            "mercator.crypto.previous-keys",
                            "MERCATOR_ENCRYPTION_PREVIOUS_KEYS",
                            entry,
                            problems);
                }
            }
        }
    }

    private static void checkKey(
            String value, String setting, String variable, String entry, List<SettingProblem> problems) {
        EncryptionKey key;
        try {
            key = EncryptionKey.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(new SettingProblem(setting, variable, entry + e.getMessage()));
            return;
        }
        // A random key has about 30 different byte values; "AAAA...=" (all zeros) or a typed phrase has far fewer.
        if (key.distinctBytes() < 16) {
            problems.add(new SettingProblem(
                    setting,
                    variable,
                    entry + "is not random (too few different bytes); it must be " + EncryptionKey.EXPECTED_FORM));
        }
    }

    private void checkDatabase(ConfigurableEnvironment environment, List<SettingProblem> problems) {
        String url = environment.getProperty("spring.datasource.url", "");
        String password = environment.getProperty("spring.datasource.password", "");
        if (url.startsWith("jdbc:postgresql:")) {
            if (password.isBlank()) {
                problems.add(new SettingProblem(
                        "spring.datasource.password",
                        "MERCATOR_DB_PASSWORD",
                        "is empty; the prod profile requires the PostgreSQL password of MERCATOR_DB_USER"));
            } else if (DEFAULT_DB_PASSWORDS.contains(password.strip().toLowerCase(Locale.ROOT))
                    || isPlaceholder(password)) {
                problems.add(new SettingProblem(
                        "spring.datasource.password",
                        "MERCATOR_DB_PASSWORD",
                        "is a well-known default or placeholder; use the database user's real password"));
            }
            return;
        }
        Boolean allowH2 = allowH2(environment, problems);
        if (!url.startsWith("jdbc:h2:")) {
            problems.add(new SettingProblem(
                    "spring.datasource.url",
                    "MERCATOR_DB_URL",
                    "is not a PostgreSQL JDBC URL; it must look like jdbc:postgresql://db:5432/mercator"));
        } else if (Boolean.TRUE.equals(allowH2)) {
            log.warn("The prod profile runs on an embedded H2 database because MERCATOR_PROD_ALLOW_H2=true: run a"
                    + " single instance only and back up its data directory");
        } else if (Boolean.FALSE.equals(allowH2)) {
            problems.add(new SettingProblem(
                    "spring.datasource.url",
                    "MERCATOR_DB_URL",
                    "is an embedded H2 database (the default when MERCATOR_DB_URL is unset); the prod profile"
                            + " requires PostgreSQL, e.g. jdbc:postgresql://db:5432/mercator, or"
                            + " MERCATOR_PROD_ALLOW_H2=true for a deliberate single-instance installation"));
        }
    }

    private static @Nullable Boolean allowH2(ConfigurableEnvironment environment, List<SettingProblem> problems) {
        try {
            return environment.getProperty("mercator.prod.allow-h2", Boolean.class, false);
        } catch (RuntimeException e) {
            problems.add(
                    new SettingProblem("mercator.prod.allow-h2", "MERCATOR_PROD_ALLOW_H2", "must be true or false"));
            return null;
        }
    }

    private static boolean isPlaceholder(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        return PLACEHOLDERS.stream().anyMatch(lower::contains);
    }

    private static long distinctCharacters(String secret) {
        return secret.chars().distinct().count();
    }
}
