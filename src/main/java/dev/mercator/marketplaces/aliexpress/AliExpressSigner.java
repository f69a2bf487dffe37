package dev.mercator.marketplaces.aliexpress;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AliExpress open-platform request signature: every parameter sent except {@code sign}, sorted by name in byte
 * order, concatenated as name + raw value (not URL-encoded) and, for path-style system APIs only, prefixed with the
 * API path. {@code sha256} is the upper-hex HMAC-SHA256 of that string keyed with the app secret; legacy {@code md5} is
 * the upper-hex MD5 of secret + string + secret.
 */
final class AliExpressSigner {

    /** The {@code sign_method} values the gateway accepts. */
    enum SignMethod {
        SHA256("sha256"),
        MD5("md5");

        private final String wire;

        SignMethod(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }

        static SignMethod of(String value) {
            for (SignMethod method : values()) {
                if (method.wire.equalsIgnoreCase(value.strip())) {
                    return method;
                }
            }
            throw new IllegalArgumentException("sign method must be sha256 or md5, not '" + value + "'");
        }
    }

    private AliExpressSigner() {}

    static String stringToSign(String apiPath, Map<String, String> params) {
        StringBuilder out = new StringBuilder(apiPath);
        // TreeMap's natural String order is UTF-16 code unit order, which is byte order for the ASCII names used.
        new TreeMap<>(params).forEach((name, value) -> {
            if (!"sign".equals(name)) {
                out.append(name).append(value);
            }
        });
        return out.toString();
    }

    /** The signature of a method-style ({@code /sync}) call. */
    static String sign(Map<String, String> params, String appSecret, SignMethod method) {
        return sign("", params, appSecret, method);
    }

    static String sign(String apiPath, Map<String, String> params, String appSecret, SignMethod method) {
        String text = stringToSign(apiPath, params);
        byte[] digest = switch (method) {
            case SHA256 -> hmacSha256(appSecret, text);
            case MD5 -> md5(appSecret + text + appSecret);
        };
        return HexFormat.of().withUpperCase().formatHex(digest);
    }

    private static byte[] hmacSha256(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
