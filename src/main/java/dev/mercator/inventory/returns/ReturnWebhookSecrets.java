package dev.mercator.inventory.returns;

import dev.mercator.merchants.MerchantCredentials;
import dev.mercator.platform.MerchantId;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Each merchant's secret for the returns webhook, kept in the credential vault like every other secret (encrypted,
 * bound to the merchant). A delivery is signed {@code sha256=<hex HMAC-SHA256 of the raw body>}.
 */
@Component
class ReturnWebhookSecrets {

    static final String VAULT_NAME = "returns-webhook";
    static final String PREFIX = "sha256=";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MerchantCredentials vault;

    ReturnWebhookSecrets(MerchantCredentials vault) {
        this.vault = vault;
    }

    /** Replaces the merchant's secret with a new random one and returns it: the only time it is shown. */
    String issue(MerchantId merchant) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "rwh_" + HexFormat.of().formatHex(bytes);
        vault.store(merchant, VAULT_NAME, Map.of("secret", secret));
        return secret;
    }

    /** Whether the header is the body's signature under the merchant's secret; false if the merchant has none. */
    boolean verify(MerchantId merchant, byte[] body, @Nullable String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        Optional<String> secret = vault.find(merchant, VAULT_NAME).map(fields -> fields.getOrDefault("secret", ""));
        if (secret.isEmpty() || secret.get().isEmpty()) {
            return false;
        }
        byte[] presented;
        try {
            presented =
                    HexFormat.of().parseHex(header.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body, secret.get()), presented);
    }

    static String sign(byte[] body, String secret) {
        return PREFIX + HexFormat.of().formatHex(hmac(body, secret));
    }

    private static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
