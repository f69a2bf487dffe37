package dev.mercator.platform.crypto;

/**
 * A stored secret cannot be decrypted: it was encrypted under a key no longer in the key ring, it was altered, or it
 * was moved to another owner than the one it was encrypted for. The message says which, never the secret or its
 * ciphertext.
 */
public class UndecryptableSecretException extends RuntimeException {

    public UndecryptableSecretException(String message) {
        super(message);
    }
}
