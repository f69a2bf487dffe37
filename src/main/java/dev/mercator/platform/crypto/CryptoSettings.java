package dev.mercator.platform.crypto;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Encryption keys. Values are validated when the key ring is built (see {@link CryptoConfiguration}), not here, so a
 * malformed key is reported without Boot's binding report echoing its value.
 *
 * @param encryptionKey the current key, base64 of 32 random bytes; encrypts everything new. Unset outside prod means a
 *     development key kept in {@code devKeyFile}
 * @param previousKeys keys that were current before a rotation, comma-separated; used only to decrypt
 * @param devKeyFile where the development key is created and kept when no key is configured (never used in prod)
 */
@ConfigurationProperties("mercator.crypto")
record CryptoSettings(@Nullable String encryptionKey, List<String> previousKeys, String devKeyFile) {

    static final String DEFAULT_DEV_KEY_FILE = "./data/dev-encryption.key";

    CryptoSettings {
        encryptionKey = encryptionKey == null || encryptionKey.isBlank() ? null : encryptionKey.strip();
        previousKeys = previousKeys == null
                ? List.of()
                : previousKeys.stream()
                        .filter(k -> k != null && !k.isBlank())
                        .map(String::strip)
                        .toList();
        devKeyFile = devKeyFile == null || devKeyFile.isBlank() ? DEFAULT_DEV_KEY_FILE : devKeyFile.strip();
    }

    @Override
    public String toString() {
        // Records print every component; these are keys.
        return "CryptoSettings[encryptionKey=" + (encryptionKey == null ? "unset" : "set") + ", previousKeys="
                + previousKeys.size() + ", devKeyFile=" + devKeyFile + "]";
    }
}
