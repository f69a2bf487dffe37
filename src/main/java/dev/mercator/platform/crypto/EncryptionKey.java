package dev.mercator.platform.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.IntStream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An AES-256 key and its id. The id is the first 8 hex characters of the SHA-256 of the key bytes: stored with each
 * ciphertext so decryption picks the right key, and reproducible by an operator ({@code base64 -d | sha256sum}) to tell
 * which configured key is which. 32 bits of a hash say nothing useful about a 256-bit random key.
 */
public final class EncryptionKey {

    /** The form every key setting takes, quoted in start-up errors. */
    public static final String EXPECTED_FORM =
            "the base64 encoding of exactly 32 random bytes (generate one with: openssl rand -base64 32)";

    private static final int KEY_BYTES = 32;

    private final String id;
    private final SecretKey secret;

    private EncryptionKey(byte[] bytes) {
        this.id = idOf(bytes);
        this.secret = new SecretKeySpec(bytes, "AES");
    }

    /** Parses a configured key; the exception's message never contains the value. */
    public static EncryptionKey parse(String base64) {
        return new EncryptionKey(decode(base64));
    }

    private static byte[] decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // Deliberately not chained: the decoder's message can quote the offending characters of a secret.
            throw new IllegalArgumentException("is not valid base64; it must be " + EXPECTED_FORM);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "decodes to " + bytes.length + " bytes instead of 32; it must be " + EXPECTED_FORM);
        }
        return bytes;
    }

    static String idOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    public String id() {
        return id;
    }

    SecretKey secret() {
        return secret;
    }

    /** How many different byte values the key has: a random key has about 30, a typed placeholder far fewer. */
    public int distinctBytes() {
        byte[] bytes = secret.getEncoded();
        return (int)
                IntStream.range(0, bytes.length).map(i -> bytes[i]).distinct().count();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptionKey key
                && MessageDigest.isEqual(secret.getEncoded(), key.secret.getEncoded());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "EncryptionKey[id=" + id + "]";
    }
}
