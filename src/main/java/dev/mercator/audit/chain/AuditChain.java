package dev.mercator.audit.chain;

import dev.mercator.audit.AuditedChange;
import dev.mercator.platform.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A merchant's records form one chain: record n carries the hash of record n−1 and its own hash over both. Appends of
 * one merchant are serialised by locking the merchant's chain head row ({@code select … for update}), which every
 * instance sharing the database honours; the record and the head's move commit together, so the head always names
 * the last committed record. Appends of different merchants never wait for each other.
 *
 * <p>There is no update or delete of a record anywhere in the code; on PostgreSQL a trigger refuses them as well.
 */
@Component
public class AuditChain {

    private final JdbcClient jdbc;

    AuditChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends the change to its merchant's chain, unless a record with its id is there already (the registry delivers
     * at least once). Returns whether it was appended.
     */
    @Transactional
    public boolean append(AuditedChange change) {
        MerchantId merchant = change.merchant();
        ensureHead(merchant);
        Head head = jdbc.sql("""
                        select last_seq, last_hash from audit_chain_heads where merchant_id = :merchant for update""")
                .param("merchant", merchant.value())
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
                .single();
        // Asked under the head's lock: a concurrent delivery of the same change has committed (or not) by now.
        boolean seen = jdbc.sql("select count(*) from audit_records where id = :id")
                        .param("id", change.id())
                        .query(Integer.class)
                        .single()
                > 0;
        if (seen) {
            return false;
        }
        AuditHash.AuditRecord record = new AuditHash.AuditRecord(
                change.id(),
                merchant,
                head.seq() + 1,
                change.occurredAt(),
                change.actor().value(),
                change.requestId(),
                change.subject(),
                change.action(),
                change.before(),
                change.after(),
                head.hash());
        String hash = AuditHash.of(record);
        jdbc.sql("""
                        insert into audit_records (id, merchant_id, seq, occurred_at, actor, request_id, subject,
                            action, before_state, after_state, previous_hash, hash)
                        values (:id, :merchant, :seq, :at, :actor, :requestId, :subject, :action, :before, :after,
                            :previous, :hash)""")
                .param("id", record.id())
                .param("merchant", merchant.value())
                .param("seq", record.seq())
                .param("at", record.occurredAt().atOffset(ZoneOffset.UTC))
                .param("actor", record.actor())
                .param("requestId", record.requestId())
                .param("subject", record.subject())
                .param("action", record.action())
                .param("before", record.before())
                .param("after", record.after())
                .param("previous", record.previousHash())
                .param("hash", hash)
                .update();
        jdbc.sql("update audit_chain_heads set last_seq = :seq, last_hash = :hash where merchant_id = :merchant")
                .param("seq", record.seq())
                .param("hash", hash)
                .param("merchant", merchant.value())
                .update();
        return true;
    }

    private void ensureHead(MerchantId merchant) {
        try {
            jdbc.sql("""
                            insert into audit_chain_heads (merchant_id, last_seq, last_hash)
                            values (:merchant, 0, :genesis)
                            on conflict do nothing""")
                    .param("merchant", merchant.value())
                    .param("genesis", AuditHash.GENESIS)
                    .update();
        } catch (DuplicateKeyException concurrentFirst) {
            // H2 may report a head inserted concurrently as a duplicate rather than skip it; it exists either way.
        }
    }

    /**
     * Recomputes the merchant's chain from its first record: each record's sequence number, its link to the previous
     * hash and its own hash, and finally that the last record is the one the head names (a deleted tail). Records
     * appended while this runs are beyond the head it read and are left for the next verification.
     */
    @Transactional(readOnly = true)
    public Verification verify(MerchantId merchant) {
        Head head = jdbc.sql("select last_seq, last_hash from audit_chain_heads where merchant_id = :merchant")
                .param("merchant", merchant.value())
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
                .optional()
                .orElse(new Head(0, AuditHash.GENESIS));
        Walk walk = new Walk();
        jdbc.sql("""
                        select id, merchant_id, seq, occurred_at, actor, request_id, subject, action, before_state,
                            after_state, previous_hash, hash
                        from audit_records where merchant_id = :merchant and seq <= :last order by seq""")
                .param("merchant", merchant.value())
                .param("last", head.seq())
                .query(rs -> {
                    if (walk.broken == null) {
                        walk.check(read(rs), rs.getString("hash"));
                    }
                });
        if (walk.broken == null && (walk.seq != head.seq() || !walk.hash.equals(head.hash()))) {
            walk.broken = new Broken(
                    walk.seq + 1,
                    null,
                    walk.seq < head.seq() ? "missing" : "head-mismatch",
                    walk.seq < head.seq()
                            ? "the chain head names record " + head.seq() + " but the last record found is " + walk.seq
                            : "the chain head does not match the last record");
        }
        return new Verification(walk.broken == null, walk.checked, head.seq(), head.hash(), walk.broken);
    }

    static AuditHash.AuditRecord read(ResultSet rs) throws SQLException {
        return new AuditHash.AuditRecord(
                rs.getObject("id", UUID.class),
                new MerchantId(rs.getObject("merchant_id", UUID.class)),
                rs.getLong("seq"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getString("request_id"),
                rs.getString("subject"),
                rs.getString("action"),
                rs.getString("before_state"),
                rs.getString("after_state"),
                rs.getString("previous_hash"));
    }

    private record Head(long seq, String hash) {}

    /** The walk along the chain: where it is and the first break found. */
    private static final class Walk {
        long seq;
        String hash = AuditHash.GENESIS;
        long checked;

        @Nullable
        Broken broken;

        void check(AuditHash.AuditRecord record, String storedHash) {
            if (record.seq() != seq + 1) {
                broken = new Broken(
                        seq + 1,
                        null,
                        "missing",
                        "record " + (seq + 1) + " is missing (next found: " + record.seq() + ")");
            } else if (!record.previousHash().equals(hash)) {
                broken = new Broken(
                        record.seq(), record.id(), "relinked", "the record does not follow the record before it");
            } else if (!AuditHash.of(record).equals(storedHash)) {
                broken = new Broken(
                        record.seq(), record.id(), "altered", "the record's content does not match its hash");
            } else {
                seq = record.seq();
                hash = storedHash;
                checked++;
            }
        }
    }

    /** The outcome of a verification: ok, or the first record at which the chain breaks. */
    public record Verification(
            boolean ok,
            long checked,
            long headSeq,
            String headHash,
            @Nullable Broken broken) {}

    /**
     * Where the chain breaks: the sequence number (and the id, if the record is there) and why: {@code altered} (its
     * content changed), {@code relinked} (its previous hash is not the record before it), {@code missing} (deleted),
     * {@code head-mismatch} (the head was changed).
     */
    public record Broken(long seq, @Nullable UUID id, String reason, String detail) {}
}
