package dev.mercator.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets for storage with AES-256-GCM, as {@code v1:<keyId>:<base64(nonce || ciphertext || tag)>}.
 *
 * <p>Every call takes <em>associated data</em> naming the secret's owner (for example merchant id and credential
 * name). It is authenticated but not stored, so a ciphertext copied to another row or merchant fails to decrypt
 * instead of handing one tenant's secret to another. Callers must build it unambiguously, from fixed-format parts.
 *
 * <p>Each encryption draws a fresh random 96-bit nonce. GCM breaks if a nonce repeats under one key; with random nonces
 * that stays negligible up to about 2^32 encryptions per key, far beyond what credential writes reach between rotations.
 */
@Component
public class SecretCipher {

    private static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(KeyRing keys) {
        this.keys = keys;
    }

    public String encrypt(String plaintext, String associatedData) {
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
    }

    public String encrypt(byte[] plaintext, String associatedData) {
        EncryptionKey key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(key.id(), associatedData));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + ":" + key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JDK", e);
        }
    }

    public String decryptToString(String ciphertext, String associatedData) {
        return new String(decrypt(ciphertext, associatedData), StandardCharsets.UTF_8);
    }

    /**
     * Decrypts what {@link #encrypt} made for the same associated data.
     *
     * @throws UndecryptableSecretException if the text is not one of ours, its key is not in the ring, or it fails
     *     authentication (altered, or encrypted for different associated data)
     */
    public byte[] decrypt(String ciphertext, String associatedData) {
        String keyId = keyIdOf(ciphertext);
        EncryptionKey key = keys.find(keyId)
                .orElseThrow(() -> new UndecryptableSecretException("Encrypted under key " + keyId
                        + ", which is neither MERCATOR_ENCRYPTION_KEY nor one of MERCATOR_ENCRYPTION_PREVIOUS_KEYS"));
        byte[] in;
        try {
            in = Base64.getDecoder().decode(ciphertext.substring(VERSION.length() + 1 + keyId.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new UndecryptableSecretException("Not an encrypted secret: the payload is not base64");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UndecryptableSecretException("Not an encrypted secret: too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(keyId, associatedData));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new UndecryptableSecretException(
                    "Secret failed authentication under key " + keyId + ": altered, or not stored for this owner");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JDK", e);
        }
    }

    /** The id of the key a ciphertext was encrypted under. */
    public static String keyIdOf(String ciphertext) {
        int first = ciphertext.indexOf(':');
        int second = first < 0 ? -1 : ciphertext.indexOf(':', first + 1);
        if (first < 0 || second < 0 || !VERSION.equals(ciphertext.substring(0, first))) {
            throw new UndecryptableSecretException("Not an encrypted secret: expected " + VERSION + ":<keyId>:<data>");
        }
        String keyId = ciphertext.substring(first + 1, second);
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new UndecryptableSecretException("Not an encrypted secret: malformed key id");
        }
        return keyId;
    }

    /** The key new secrets are encrypted under; rows under any other key are due for re-encryption. */
    public String currentKeyId() {
        return keys.current().id();
    }

    private static byte[] aad(String keyId, String associatedData) {
        // The header is authenticated too, so the version and key id cannot be swapped without detection.
        return (VERSION + ":" + keyId + ":" + associatedData).getBytes(StandardCharsets.UTF_8);
    }
}
