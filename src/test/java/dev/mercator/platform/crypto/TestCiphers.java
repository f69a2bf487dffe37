package dev.mercator.platform.crypto;

import java.util.List;

/** Ciphers with chosen keys, for tests elsewhere that need ciphertexts from outside the running key ring. */
public final class TestCiphers {

    private TestCiphers() {}

    public static SecretCipher withKey(String base64Key) {
        return new SecretCipher(new KeyRing(EncryptionKey.parse(base64Key), List.of()));
    }
}
