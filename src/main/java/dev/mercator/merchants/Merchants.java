package dev.mercator.merchants;

import dev.mercator.audit.AuditedChange;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The merchants module's API: create and find tenants and manage their keys. */
@Component
public class Merchants {

    private final JdbcClient jdbc;
    private final ApiKeys keys;
    private final ApplicationEventPublisher events;

    Merchants(JdbcClient jdbc, ApiKeys keys, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.events = events;
    }

    /** Creates a merchant with its first API key; the key's secret is in the result and nowhere else. */
    @Transactional
    public IssuedKey create(String name) {
        MerchantId id = MerchantId.random();
        jdbc.sql("insert into merchants (id, name, created_at) values (:id, :name, :now)")
                .param("id", id.value())
                .param("name", name)
                .param("now", Timestamp.from(Instant.now()))
                .update();
        events.publishEvent(new MerchantCreated(id, name));
        IssuedKey issued = keys.issue(id, "initial");
        events.publishEvent(AuditedChange.of(
                id, "merchant", "merchant.created", null, Map.of("name", name, "initialKeyId", issued.keyId())));
        return issued;
    }

    public Optional<Merchant> find(MerchantId id) {
        return jdbc.sql("select id, name, created_at from merchants where id = :id")
                .param("id", id.value())
                .query(Merchants::map)
                .optional();
    }

    public Optional<Merchant> findByName(String name) {
        return jdbc.sql("select id, name, created_at from merchants where name = :name order by created_at limit 1")
                .param("name", name)
                .query(Merchants::map)
                .optional();
    }

    public List<Merchant> list() {
        return jdbc.sql("select id, name, created_at from merchants order by created_at")
                .query(Merchants::map)
                .list();
    }

    private static Merchant map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Merchant(
                new MerchantId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getTimestamp("created_at").toInstant());
    }

    @Transactional
    public IssuedKey issueKey(MerchantId merchant, @Nullable String label) {
        IssuedKey issued = keys.issue(merchant, label);
        // The key's id and label: never the key, nor its hint.
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("keyId", issued.keyId());
        if (label != null) {
            after.put("label", label);
        }
        events.publishEvent(AuditedChange.of(merchant, "api_key:" + issued.keyId(), "api_key.issued", null, after));
        return issued;
    }

    @Transactional
    public boolean revokeKey(MerchantId merchant, UUID keyId) {
        boolean revoked = keys.revoke(merchant, keyId);
        if (revoked) {
            events.publishEvent(AuditedChange.of(
                    merchant,
                    "api_key:" + keyId,
                    "api_key.revoked",
                    Map.of("revoked", false),
                    Map.of("revoked", true)));
        }
        return revoked;
    }
}
