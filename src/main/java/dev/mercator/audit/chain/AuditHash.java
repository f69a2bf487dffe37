package dev.mercator.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of one record's canonical content, chained to the previous record's hash. Each field is written as its
 * UTF-8 length and bytes (null as length -1), so no choice of field values can make two different records encode
 * alike; the version prefix lets a later format coexist with chains written in this one.
 */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);
    private static final byte[] VERSION = "mercator-audit-v1".getBytes(StandardCharsets.UTF_8);

    private AuditHash() {}

    static String of(AuditRecord record) {
        MessageDigest sha256 = sha256();
        sha256.update(VERSION);
        field(sha256, record.id().toString());
        field(sha256, record.merchant().toString());
        field(sha256, Long.toString(record.seq()));
        field(sha256, record.occurredAt().toString());
        field(sha256, record.actor());
        field(sha256, record.requestId());
        field(sha256, record.subject());
        field(sha256, record.action());
        field(sha256, record.before());
        field(sha256, record.after());
        field(sha256, record.previousHash());
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void field(MessageDigest digest, @Nullable String value) {
        if (value == null) {
            digest.update(intBytes(-1));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(intBytes(bytes.length));
        digest.update(bytes);
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** The fields a record's hash covers, as stored. */
    record AuditRecord(
            UUID id,
            dev.mercator.platform.MerchantId merchant,
            long seq,
            Instant occurredAt,
            String actor,
            @Nullable String requestId,
            String subject,
            String action,
            @Nullable String before,
            @Nullable String after,
            String previousHash) {}
}
