package dev.mercator.audit.chain;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.mercator.platform.MerchantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the trail: a merchant's records (or every merchant's, for the operator), newest first, filtered. */
@Component
public class AuditRecords {

    private final JdbcClient jdbc;

    AuditRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to list: a merchant (null: all, for the operator), a time window {@code [from, to)}, an exact actor and an
     * exact subject; each null matches everything.
     */
    public record Filter(
            @Nullable MerchantId merchant,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String actor,
            @Nullable String subject) {}

    /** One record as listed: before and after are the JSON that was recorded. */
    public record RecordView(
            UUID id,
            UUID merchant,
            long seq,
            Instant occurredAt,
            String actor,
            @Nullable String requestId,
            String subject,
            String action,
            @JsonRawValue @Nullable String before,
            @JsonRawValue @Nullable String after,
            String previousHash,
            String hash) {}

    public record Page(List<RecordView> items, int page, int size, long total) {}

    public Page page(Filter filter, int page, int size) {
        List<String> conditions = new ArrayList<>();
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (filter.merchant() != null) {
            conditions.add("merchant_id = :merchant");
            params.put("merchant", filter.merchant().value());
        }
        if (filter.from() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", filter.from().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", filter.to().atOffset(ZoneOffset.UTC));
        }
        if (filter.actor() != null) {
            conditions.add("actor = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.subject() != null) {
            conditions.add("subject = :subject");
            params.put("subject", filter.subject());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        long total = jdbc.sql("select count(*) from audit_records" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<RecordView> items = jdbc.sql(
                        "select id, merchant_id, seq, occurred_at, actor, request_id, subject, action,"
                                + " before_state, after_state, previous_hash, hash from audit_records" + where
                                + " order by occurred_at desc, seq desc, merchant_id limit :limit offset :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new RecordView(
                        rs.getObject("id", UUID.class),
                        rs.getObject("merchant_id", UUID.class),
                        rs.getLong("seq"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"),
                        rs.getString("request_id"),
                        rs.getString("subject"),
                        rs.getString("action"),
                        rs.getString("before_state"),
                        rs.getString("after_state"),
                        rs.getString("previous_hash"),
                        rs.getString("hash")))
                .list();
        return new Page(items, page, size, total);
    }
}
