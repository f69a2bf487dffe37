package dev.mercator.merchants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.crypto.EncryptionKey;
import dev.mercator.platform.crypto.SecretCipher;
import dev.mercator.platform.crypto.TestCiphers;
import dev.mercator.platform.crypto.UndecryptableSecretException;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.StandaloneApp;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Key rotation across restarts: several runs of the application over one database, each with different keys, as an
 * operator would do it (make a new key current, keep the old one as previous, re-encrypt, drop the old key).
 */
class CredentialKeyRotationIntegrationTests {

    static final String K0 = randomKey();
    static final String K1 = randomKey();
    static final String K2 = randomKey();
    static final Map<String, String> SHOPIFY = Map.of("accessToken", "shpat_rotate_me", "shopDomain", "a.example");
    static final Map<String, String> AMAZON = Map.of("refreshToken", "Atzr|rotate_me");

    /** The database every run of one test uses; a subclass points them at PostgreSQL instead. */
    protected Map<String, String> database() {
        return Map.of("spring.datasource.url", StandaloneApp.h2("rotation-" + UUID.randomUUID()));
    }

    @Test
    void credentialsSurviveARotationAndEndUpUnderTheNewKeyOnly() {
        Map<String, String> database = database();
        MerchantId a;
        MerchantId b;
        try (ConfigurableApplicationContext first = run(database, K1, "")) {
            Merchants merchants = first.getBean(Merchants.class);
            MerchantCredentials credentials = first.getBean(MerchantCredentials.class);
            a = merchants.create("Rotation A").merchant();
            b = merchants.create("Rotation B").merchant();
            credentials.store(a, "shopify", SHOPIFY);
            credentials.store(b, "amazon", AMAZON);
            // A row under a key that will be in no ring at all: it must be reported as failed, not lost silently.
            String orphan = TestCiphers.withKey(K0)
                    .encrypt("{\"token\":\"lost\"}", MerchantCredentials.associatedData(a, "legacy"));
            first.getBean(JdbcClient.class)
                    .sql("""
                            insert into merchant_credentials (merchant_id, name, ciphertext, key_id, updated_at)
                            values (:m, 'legacy', :c, :k, current_timestamp)""")
                    .param("m", a.value())
                    .param("c", orphan)
                    .param("k", SecretCipher.keyIdOf(orphan))
                    .update();
        }

        // The new key alone cannot read what the old one wrote: this is why previous keys exist.
        try (ConfigurableApplicationContext newKeyOnly = run(database, K2, "")) {
            assertThatThrownBy(
                            () -> newKeyOnly.getBean(MerchantCredentials.class).find(a, "shopify"))
                    .isInstanceOf(UndecryptableSecretException.class);
        }

        try (ConfigurableApplicationContext rotated = run(database, K2, K1)) {
            MerchantCredentials credentials = rotated.getBean(MerchantCredentials.class);
            assertThat(credentials.find(a, "shopify")).contains(SHOPIFY);
            assertThat(credentials.find(b, "amazon")).contains(AMAZON);
            assertThat(keyIds(rotated)).containsOnly(idOf(K1), idOf(K0));

            Api admin = new Api(StandaloneApp.port(rotated)).asAdmin(IntegrationTest.ADMIN_TOKEN);
            Api.Response report = admin.post("/api/admin/credentials/re-encrypt", Map.of());

            assertThat(report.status()).isEqualTo(200);
            assertThat(counts(report.json())).containsExactly(3L, 2L, 1L);
            assertThat(keyIds(rotated)).containsOnly(idOf(K2), idOf(K0));
            assertThat(credentials.find(a, "shopify")).contains(SHOPIFY);
            assertThat(credentials.find(b, "amazon")).contains(AMAZON);

            // Running it again finds only the row it cannot help.
            assertThat(counts(admin.post("/api/admin/credentials/re-encrypt", Map.of())
                            .json()))
                    .containsExactly(1L, 0L, 1L);
        }

        try (ConfigurableApplicationContext oldKeyDropped = run(database, K2, "")) {
            MerchantCredentials credentials = oldKeyDropped.getBean(MerchantCredentials.class);
            assertThat(credentials.find(a, "shopify")).contains(SHOPIFY);
            assertThat(credentials.find(b, "amazon")).contains(AMAZON);
        }
    }

    @Test
    void reencryptionNeverOverwritesAWriteThatHappenedMeanwhile() {
        Map<String, String> database = database();
        MerchantId merchant;
        try (ConfigurableApplicationContext first = run(database, K1, "")) {
            merchant = first.getBean(Merchants.class).create("Rotation Race").merchant();
            first.getBean(MerchantCredentials.class).store(merchant, "shopify", SHOPIFY);
        }
        try (ConfigurableApplicationContext rotated = run(database, K2, K1)) {
            CredentialReencryption reencryption = rotated.getBean(CredentialReencryption.class);
            MerchantCredentials credentials = rotated.getBean(MerchantCredentials.class);
            List<CredentialReencryption.Row> read = reencryption.pending(idOf(K2), null, 10);
            assertThat(read)
                    .singleElement()
                    .extracting(CredentialReencryption.Row::name)
                    .isEqualTo("shopify");

            // The merchant stores new values between the re-encryption's read and its write.
            Map<String, String> newer = Map.of("accessToken", "shpat_newer", "shopDomain", "a.example");
            credentials.store(merchant, "shopify", newer);

            assertThat(reencryption.reencrypt(read.getFirst())).isEqualTo(CredentialReencryption.Outcome.CHANGED);
            assertThat(credentials.find(merchant, "shopify")).contains(newer);
        }
    }

    private ConfigurableApplicationContext run(Map<String, String> database, String current, String previous) {
        Map<String, String> settings = StandaloneApp.settings();
        settings.putAll(database);
        settings.put("mercator.crypto.encryption-key", current);
        settings.put("mercator.crypto.previous-keys", previous);
        return StandaloneApp.start(settings);
    }

    private static List<String> keyIds(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class)
                .sql("select key_id from merchant_credentials")
                .query(String.class)
                .list();
    }

    private static List<Long> counts(JsonNode report) {
        return List.of(
                report.get("examined").asLong(),
                report.get("reencrypted").asLong(),
                report.get("failed").asLong());
    }

    static String idOf(String key) {
        return EncryptionKey.parse(key).id();
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
