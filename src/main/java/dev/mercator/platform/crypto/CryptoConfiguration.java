package dev.mercator.platform.crypto;

import dev.mercator.platform.settings.InvalidSettingsException;
import dev.mercator.platform.settings.SettingProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Builds the key ring from settings. Any malformed key stops start-up, naming the setting and the expected form: a
 * service that started with a bad key would fail later, on the first secret it reads, far from the cause.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    static final String KEY_SETTING = "mercator.crypto.encryption-key";
    static final String KEY_VARIABLE = "MERCATOR_ENCRYPTION_KEY";
    static final String PREVIOUS_SETTING = "mercator.crypto.previous-keys";
    static final String PREVIOUS_VARIABLE = "MERCATOR_ENCRYPTION_PREVIOUS_KEYS";

    @Bean
    KeyRing keyRing(CryptoSettings settings, Environment environment) {
        return load(settings, environment.matchesProfiles("prod"));
    }

    static KeyRing load(CryptoSettings settings, boolean production) {
        List<SettingProblem> problems = new ArrayList<>();
        EncryptionKey current = null;
        if (settings.encryptionKey() != null) {
            current = parse(settings.encryptionKey(), KEY_SETTING, KEY_VARIABLE, "", problems);
        } else if (production) {
            // The prod start-up checks report this earlier, with everything else; this keeps the ring safe on its own.
            problems.add(new SettingProblem(
                    KEY_SETTING,
                    KEY_VARIABLE,
                    "is not set; the prod profile requires " + EncryptionKey.EXPECTED_FORM
                            + " and never uses a development key file"));
        }
        List<EncryptionKey> previous = new ArrayList<>();
        for (int i = 0; i < settings.previousKeys().size(); i++) {
            String entry = settings.previousKeys().size() == 1 ? "" : "entry " + (i + 1) + " ";
            EncryptionKey key =
                    parse(settings.previousKeys().get(i), PREVIOUS_SETTING, PREVIOUS_VARIABLE, entry, problems);
            if (key != null) {
                previous.add(key);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        if (current == null) {
            current = DevelopmentKeyFile.loadOrCreate(Path.of(settings.devKeyFile()));
        }
        try {
            return new KeyRing(current, previous);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(
                    new SettingProblem(PREVIOUS_SETTING, PREVIOUS_VARIABLE, String.valueOf(e.getMessage())));
        }
    }

    private static @Nullable EncryptionKey parse(
            String value, String setting, String variable, String entry, List<SettingProblem> problems) {
        try {
            return EncryptionKey.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(new SettingProblem(setting, variable, entry + e.getMessage()));
            return null;
        }
    }
}
