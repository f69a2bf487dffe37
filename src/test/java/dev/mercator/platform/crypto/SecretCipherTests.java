package dev.mercator.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTests {

    static final String K1 = randomKey();
    static final String K2 = randomKey();

    private final SecretCipher underK1 = cipher(K1);

    @Test
    void decryptsWhatItEncrypted() {
        String sealed = underK1.encrypt("shpat_0123456789", "merchant-a:shopify");

        assertThat(underK1.decryptToString(sealed, "merchant-a:shopify")).isEqualTo("shpat_0123456789");
    }

    @Test
    void ciphertextIsVersionedTaggedWithKeyIdAndHidesThePlaintext() throws Exception {
        String sealed = underK1.encrypt("shpat_0123456789", "owner");

        String expectedId = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Base64.getDecoder().decode(K1)))
                .substring(0, 8);
        assertThat(sealed).matches("v1:" + expectedId + ":[A-Za-z0-9+/]+=*");
        assertThat(SecretCipher.keyIdOf(sealed)).isEqualTo(expectedId).isEqualTo(underK1.currentKeyId());
        assertThat(sealed).doesNotContain("shpat");
        byte[] payload = Base64.getDecoder().decode(sealed.substring(12));
        // 12-byte nonce + ciphertext as long as the plaintext + 16-byte tag.
        assertThat(payload).hasSize(12 + "shpat_0123456789".length() + 16);
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        String first = underK1.encrypt("same", "owner");
        String second = underK1.encrypt("same", "owner");

        assertThat(first).isNotEqualTo(second);
        byte[] nonce1 = Base64.getDecoder().decode(first.substring(12));
        byte[] nonce2 = Base64.getDecoder().decode(second.substring(12));
        assertThat(java.util.Arrays.copyOf(nonce1, 12)).isNotEqualTo(java.util.Arrays.copyOf(nonce2, 12));
    }

    @Test
    void anyAlteredByteFailsAuthentication() {
        String sealed = underK1.encrypt("secret value", "owner");
        byte[] payload = Base64.getDecoder().decode(sealed.substring(12));

        for (int i = 0; i < payload.length; i++) {
            byte[] altered = payload.clone();
            altered[i] ^= 0x01;
            String tampered = sealed.substring(0, 12) + Base64.getEncoder().encodeToString(altered);
            assertThatThrownBy(() -> underK1.decrypt(tampered, "owner"))
                    .as("byte %d altered", i)
                    .isInstanceOf(UndecryptableSecretException.class)
                    .hasMessageContaining("failed authentication");
        }
    }

    @Test
    void ciphertextIsBoundToItsOwner() {
        String sealed = underK1.encrypt("secret value", "merchant_credentials:a:shopify");

        assertThatThrownBy(() -> underK1.decrypt(sealed, "merchant_credentials:b:shopify"))
                .isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("not stored for this owner");
        assertThatThrownBy(() -> underK1.decrypt(sealed, "merchant_credentials:a:amazon"))
                .isInstanceOf(UndecryptableSecretException.class);
    }

    @Test
    void previousKeysDecryptButOnlyTheCurrentKeyEncrypts() {
        String underOld = underK1.encrypt("old secret", "owner");
        SecretCipher rotated = new SecretCipher(new KeyRing(EncryptionKey.parse(K2), List.of(EncryptionKey.parse(K1))));

        assertThat(rotated.decryptToString(underOld, "owner")).isEqualTo("old secret");
        String fresh = rotated.encrypt("new secret", "owner");
        assertThat(SecretCipher.keyIdOf(fresh))
                .isEqualTo(EncryptionKey.parse(K2).id())
                .isNotEqualTo(SecretCipher.keyIdOf(underOld));
    }

    @Test
    void aKeyNotInTheRingIsNamedNotGuessed() {
        String underOld = underK1.encrypt("old secret", "owner");

        assertThatThrownBy(() -> cipher(K2).decrypt(underOld, "owner"))
                .isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining(EncryptionKey.parse(K1).id())
                .hasMessageContaining("MERCATOR_ENCRYPTION_PREVIOUS_KEYS");
    }

    @Test
    void aSwappedKeyIdDoesNotDecrypt() {
        SecretCipher both = new SecretCipher(new KeyRing(EncryptionKey.parse(K2), List.of(EncryptionKey.parse(K1))));
        String sealed = both.encrypt("secret", "owner");
        String relabelled = "v1:" + EncryptionKey.parse(K1).id() + sealed.substring(11);

        assertThatThrownBy(() -> both.decrypt(relabelled, "owner")).isInstanceOf(UndecryptableSecretException.class);
    }

    @Test
    void textThatIsNoCiphertextIsRejected() {
        for (String junk : List.of("", "plain", "v2:0011aabb:AAAA", "v1:xyz:AAAA", "v1:0011aabb", "v1:0011aabb:!!")) {
            assertThatThrownBy(() -> underK1.decrypt(junk, "owner"))
                    .as(junk)
                    .isInstanceOf(UndecryptableSecretException.class);
        }
        String id = underK1.currentKeyId();
        assertThatThrownBy(() -> underK1.decrypt("v1:" + id + ":AAAA", "owner"))
                .isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void keysNeverShowInToString() {
        EncryptionKey key = EncryptionKey.parse(K1);
        KeyRing ring = new KeyRing(key, List.of(EncryptionKey.parse(K2)));

        assertThat(key.toString() + ring).doesNotContain(K1).doesNotContain(K2).contains(key.id());
        assertThat(new CryptoSettings(K1, List.of(K2), "x").toString())
                .doesNotContain(K1)
                .doesNotContain(K2);
    }

    @Test
    void theSameKeyListedAgainAsPreviousIsOneKey() {
        KeyRing ring = new KeyRing(EncryptionKey.parse(K1), List.of(EncryptionKey.parse(K1)));
        assertThat(ring.ids()).containsExactly(EncryptionKey.parse(K1).id());
    }

    static SecretCipher cipher(String key) {
        return new SecretCipher(new KeyRing(EncryptionKey.parse(key), List.of()));
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
