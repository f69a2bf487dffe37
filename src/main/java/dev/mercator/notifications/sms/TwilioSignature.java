package dev.mercator.notifications.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}), as its helper libraries' {@code RequestValidator} computes
 * it: Base64 of HMAC-SHA1, keyed with the account's auth token, over the full URL Twilio called (scheme, host, path
 * and query, exactly) followed by every POST parameter sorted by name, each name immediately followed by its value.
 */
final class TwilioSignature {

    private TwilioSignature() {}

    static String sign(String authToken, String url, Map<String, String> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", missing);
        }
    }

    /** Whether {@code signature} is Twilio's for this request; compared in constant time. */
    static boolean valid(String authToken, String url, Map<String, String> parameters, @Nullable String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = sign(authToken, url, parameters).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
