package dev.mercator.sandbox.amazon;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The server side of AWS Signature V4, written apart from the client's signer on purpose: a signer bug then shows up as
 * a refused request instead of being mirrored here. Handles what PA-API needs: an empty query and ASCII paths.
 */
final class SigV4Check {

    private static final Pattern AUTHORIZATION =
            Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");

    private SigV4Check() {}

    /** The parts of an {@code Authorization} header, or null if any is missing (an incomplete signature). */
    record Parsed(
            String accessKey,
            String date,
            String region,
            String service,
            List<String> signedHeaders,
            String signature) {}

    static @Nullable Parsed parse(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = AUTHORIZATION.matcher(authorization.strip());
        if (!m.matches()) {
            return null;
        }
        return new Parsed(
                m.group(1),
                m.group(2),
                m.group(3),
                m.group(4),
                List.of(m.group(5).split(";")),
                m.group(6));
    }

    /** The signature the request should carry, given the secret of the access key it claims. */
    static String expected(
            Parsed auth,
            String secret,
            String method,
            String path,
            Function<String, @Nullable String> header,
            String amzDate,
            byte[] body) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n').append(path).append("\n\n");
        List<String> names = new ArrayList<>(auth.signedHeaders());
        for (String name : names) {
            String value = header.apply(name);
            canonical
                    .append(name)
                    .append(':')
                    .append(value == null ? "" : value.strip().replaceAll(" +", " "))
                    .append('\n');
        }
        canonical.append('\n').append(String.join(";", names)).append('\n').append(hex(sha256(body)));
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        for (String part : new String[] {auth.region(), auth.service(), "aws4_request"}) {
            key = hmac(key, part);
        }
        return hex(hmac(key, toSign));
    }

    static boolean sameSignature(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
