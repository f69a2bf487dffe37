package dev.mercator.inventory.shopify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Shopify's webhook signature: base64 of HMAC-SHA256 over the raw body with the shop's webhook secret. Checked on the
 * raw bytes, before anything is parsed, in constant time, against every secret valid now (two during a rotation).
 */
final class WebhookSignature {

    private WebhookSignature() {}

    static String sign(byte[] body, String secret) {
        return Base64.getEncoder().encodeToString(hmac(body, secret));
    }

    static boolean verify(byte[] body, @Nullable String header, List<String> secrets) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        boolean valid = false;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                // No early exit: every secret is checked so timing does not tell which one matched.
                valid |= MessageDigest.isEqual(hmac(body, secret), presented);
            }
        }
        return valid;
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
