package dev.mercator.sandbox.catalog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials the marketplace simulators accept. Each simulator knows one default account, the one Mercator's
 * adapters use in sandbox mode when nothing is configured, and accepts any number of further accounts whose secret is
 * derived from their id with {@link #secretFor}: tests mint fresh accounts (with their own rate limits and tokens)
 * without registering them anywhere, while a made-up secret is still refused like a wrong one at the vendor.
 */
public final class SandboxAccounts {

    /** Provider name to the id and secret of its default sandbox account; not secrets, they open only the sandbox. */
    public static final Map<String, String[]> DEFAULTS = Map.of(
            "amazon-creators", new String[] {"creators-sandbox-client", "crs-sandbox-secret-5b1e9d"},
            "paapi", new String[] {"AKIASANDBOXPAAPI0001", "paapi-sandbox-secret-7c2f4a"},
            "aliexpress", new String[] {"501234", "ae-sandbox-secret-3d8b6e"},
            "ebay", new String[] {"Mercator-Sandbox-PRD-a1b2c3d4", "PRD-ebay-sandbox-secret-9e7d"});

    private SandboxAccounts() {}

    /** The secret a simulator expects for an account id of one provider. */
    public static String secretFor(String provider, String id) {
        String[] known = DEFAULTS.get(provider);
        if (known != null && known[0].equals(id)) {
            return known[1];
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(
                    new SecretKeySpec(("mercator-sandbox:" + provider).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sbx-" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether {@code secret} is the secret of {@code id}, compared in constant time as a real vendor would. */
    public static boolean accepts(String provider, String id, String secret) {
        if (id.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(
                secretFor(provider, id).getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }
}
