package dev.mercator.merchants;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.crypto.SecretCipher;
import dev.mercator.platform.crypto.UndecryptableSecretException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves stored credentials onto the current key after a rotation, so the previous key can then be dropped.
 *
 * <p>Rows are read in batches (keyset-paged, so a row that cannot be decrypted is counted once and passed over) and
 * each is rewritten by its own statement, outside any long transaction. The rewrite only applies if the row still holds
 * the ciphertext that was read: a merchant storing new values meanwhile wins, instead of being overwritten by the old
 * values re-encrypted. Such a row is examined but neither re-encrypted nor failed.
 */
@Component
class CredentialReencryption {

    private static final Logger log = LoggerFactory.getLogger(CredentialReencryption.class);
    static final int BATCH_SIZE = 100;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    CredentialReencryption(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** A stored row as read, its ciphertext being the version the rewrite is conditional on. */
    record Row(UUID merchantId, String name, String ciphertext, String keyId) {

        @Override
        public String toString() {
            return "Row[merchant=" + merchantId + ", name=" + name + ", keyId=" + keyId + "]";
        }
    }

    enum Outcome {
        REENCRYPTED,
        /** The row changed (or went) between read and rewrite; the newer write stands. */
        CHANGED,
        FAILED
    }

    /**
     * What a run did.
     *
     * @param examined rows found under another key than the current one
     * @param reencrypted rows now under the current key
     * @param failed rows that could not be decrypted (key not in the ring, or altered); they stay as they are
     */
    record Report(long examined, long reencrypted, long failed) {}

    Report reencryptAll() {
        String current = cipher.currentKeyId();
        long examined = 0;
        long reencrypted = 0;
        long failed = 0;
        Row after = null;
        while (true) {
            List<Row> batch = pending(current, after, BATCH_SIZE);
            for (Row row : batch) {
                examined++;
                switch (reencrypt(row)) {
                    case REENCRYPTED -> reencrypted++;
                    case FAILED -> failed++;
                    case CHANGED -> {}
                }
            }
            if (batch.size() < BATCH_SIZE) {
                break;
            }
            after = batch.getLast();
        }
        log.info(
                "Re-encryption to key {}: {} rows examined, {} re-encrypted, {} failed",
                current,
                examined,
                reencrypted,
                failed);
        return new Report(examined, reencrypted, failed);
    }

    /** Rows not under {@code currentKeyId}, in primary-key order, after {@code after} when given. */
    List<Row> pending(String currentKeyId, @Nullable Row after, int limit) {
        String sql = "select merchant_id, name, ciphertext, key_id from merchant_credentials where key_id <> :current"
                + (after == null ? "" : " and (merchant_id > :merchant or (merchant_id = :merchant and name > :name))")
                + " order by merchant_id, name limit :limit";
        JdbcClient.StatementSpec query =
                jdbc.sql(sql).param("current", currentKeyId).param("limit", limit);
        if (after != null) {
            query = query.param("merchant", after.merchantId()).param("name", after.name());
        }
        return query.query((rs, n) -> new Row(
                        rs.getObject("merchant_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("ciphertext"),
                        rs.getString("key_id")))
                .list();
    }

    Outcome reencrypt(Row row) {
        String associatedData = MerchantCredentials.associatedData(new MerchantId(row.merchantId()), row.name());
        byte[] plaintext;
        try {
            plaintext = cipher.decrypt(row.ciphertext(), associatedData);
        } catch (UndecryptableSecretException e) {
            log.warn(
                    "Cannot re-encrypt credentials '{}' of merchant {}: {}",
                    row.name(),
                    row.merchantId(),
                    e.getMessage());
            return Outcome.FAILED;
        }
        String fresh;
        try {
            fresh = cipher.encrypt(plaintext, associatedData);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        // updated_at stays: it tells the merchant when they last changed the values, which re-encryption does not.
        int updated = jdbc.sql("""
                        update merchant_credentials set ciphertext = :fresh, key_id = :keyId
                        where merchant_id = :merchant and name = :name and ciphertext = :read""")
                .param("fresh", fresh)
                .param("keyId", SecretCipher.keyIdOf(fresh))
                .param("merchant", row.merchantId())
                .param("name", row.name())
                .param("read", row.ciphertext())
                .update();
        return updated == 1 ? Outcome.REENCRYPTED : Outcome.CHANGED;
    }
}
