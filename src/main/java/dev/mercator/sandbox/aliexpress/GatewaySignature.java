package dev.mercator.sandbox.aliexpress;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code /sync} gateway's signature, recomputed on its side: every parameter of the call but {@code sign}, query
 * string and form body together, sorted by name, as name + raw value; {@code sha256} the upper-hex HMAC-SHA256 keyed
 * with the app secret, {@code md5} the upper-hex MD5 of secret + text + secret. Kept apart from the client's signer on
 * purpose: the simulator must not trust the code it is there to check.
 */
final class GatewaySignature {

    private GatewaySignature() {}

    /** The expected {@code sign}, or empty for a {@code sign_method} the gateway does not know. */
    static Optional<String> expected(Map<String, String> params, String secret) {
        String text = content(params);
        return switch (params.getOrDefault("sign_method", "").toLowerCase(Locale.ROOT)) {
            case "sha256" -> Optional.of(sha256(secret, text));
            case "md5" -> Optional.of(md5(secret + text + secret));
            default -> Optional.empty();
        };
    }

    /** Compares in constant time, as a signature check should. */
    static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    static String md5(String text) {
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String content(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            if (!"sign".equals(name)) {
                out.append(name).append(value);
            }
        });
        return out.toString();
    }

    private static String sha256(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
