package dev.mercator.notifications.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks' symmetric signature: {@code v1,} and the base64 of HMAC-SHA256, keyed with the secret's bytes (the
 * base64 after {@code whsec_}), over {@code webhook-id "." webhook-timestamp "." body}.
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";
    /** The specification recommends secrets of 24 to 64 random bytes. */
    static final int MIN_BYTES = 24;

    static final int MAX_BYTES = 64;

    private WebhookSignature() {}

    /** The key of a secret in {@code whsec_<base64>} form, or empty when it is not one of 24 to 64 bytes. */
    static Optional<byte[]> key(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            return key.length >= MIN_BYTES && key.length <= MAX_BYTES ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    static String sign(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", impossible);
        }
    }
}
