package dev.mercator.dealscout.watch;

import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The watches of every merchant; each query names the merchant, so one never reads another's. */
@Component
class Watches {

    private static final String COLUMNS = "id, merchant_id, name, scan_id, gtin, brand, model, keywords, product_kind,"
            + " product_key, target_price, currency, min_discount, daily_cap, time_zone, active, created_at, updated_at";

    private final JdbcClient jdbc;

    Watches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the scan exists and is the merchant's: another merchant's scan is as unknown as a missing one. */
    boolean ownsScan(MerchantId merchant, UUID scan) {
        return jdbc.sql("select count(*) from dealscout_scans where id = :id and merchant_id = :merchant")
                        .param("id", scan)
                        .param("merchant", merchant.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Counts the merchant's watches under a lock on the merchant's row, so two creates cannot both pass the limit. */
    int countLocked(MerchantId merchant) {
        jdbc.sql("select id from merchants where id = :merchant for update")
                .param("merchant", merchant.value())
                .query(UUID.class)
                .optional();
        return jdbc.sql("select count(*) from dealscout_watches where merchant_id = :merchant")
                .param("merchant", merchant.value())
                .query(Integer.class)
                .single();
    }

    Watch insert(MerchantId merchant, WatchSpec spec, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into dealscout_watches (id, merchant_id, name, scan_id, gtin, brand, model, keywords,
                            product_kind, product_key, target_price, currency, min_discount, daily_cap, time_zone,
                            active, created_at, updated_at)
                        values (:id, :merchant, :name, :scan, :gtin, :brand, :model, :keywords, :kind, :key, :target,
                            :currency, :minDiscount, :cap, :zone, :active, :now, :now)""")
                .param("id", id)
                .param("merchant", merchant.value())
                .params(params(spec))
                .param("now", Timestamp.from(now))
                .update();
        return new Watch(id, merchant, spec, now, now);
    }

    boolean update(MerchantId merchant, UUID id, WatchSpec spec, Instant now) {
        return jdbc.sql("""
                                update dealscout_watches set name = :name, scan_id = :scan, gtin = :gtin,
                                    brand = :brand, model = :model, keywords = :keywords, product_kind = :kind,
                                    product_key = :key, target_price = :target, currency = :currency,
                                    min_discount = :minDiscount, daily_cap = :cap, time_zone = :zone, active = :active,
                                    updated_at = :now
                                where id = :id and merchant_id = :merchant""")
                        .params(params(spec))
                        .param("id", id)
                        .param("merchant", merchant.value())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    boolean delete(MerchantId merchant, UUID id) {
        return jdbc.sql("delete from dealscout_watches where id = :id and merchant_id = :merchant")
                        .param("id", id)
                        .param("merchant", merchant.value())
                        .update()
                == 1;
    }

    Optional<Watch> find(MerchantId merchant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from dealscout_watches where id = :id and merchant_id = :merchant")
                .param("id", id)
                .param("merchant", merchant.value())
                .query(Watches::row)
                .optional();
    }

    List<Watch> list(MerchantId merchant) {
        return jdbc.sql("select " + COLUMNS + " from dealscout_watches where merchant_id = :merchant"
                        + " order by created_at, id")
                .param("merchant", merchant.value())
                .query(Watches::row)
                .list();
    }

    /** The merchant's active watches on the scan or on one of the product keys. */
    List<Watch> matching(MerchantId merchant, @Nullable UUID scan, Set<String> productKeys) {
        if (scan == null && productKeys.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder();
        if (scan != null) {
            where.append("scan_id = :scan");
        }
        if (!productKeys.isEmpty()) {
            where.append(where.isEmpty() ? "" : " or ").append("product_key in (:keys)");
        }
        var sql = jdbc.sql("select " + COLUMNS + " from dealscout_watches where merchant_id = :merchant and active"
                        + " and (" + where + ") order by id")
                .param("merchant", merchant.value());
        if (scan != null) {
            sql = sql.param("scan", scan);
        }
        if (!productKeys.isEmpty()) {
            sql = sql.param("keys", List.copyOf(productKeys));
        }
        return sql.query(Watches::row).list();
    }

    /**
     * Locks the watch's row for the rest of the transaction: every decision about one watch (fire, re-arm, cap, digest)
     * is taken under it, so concurrent scores of the same listing are decided one after the other.
     *
     * @return false when the watch is gone
     */
    boolean lock(UUID id) {
        return jdbc.sql("select id from dealscout_watches where id = :id for update")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    private static Map<String, @Nullable Object> params(WatchSpec spec) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("name", spec.name());
        params.put("scan", spec.scanId());
        params.put("gtin", spec.gtin());
        params.put("brand", spec.brand());
        params.put("model", spec.model());
        params.put("keywords", spec.keywords());
        params.put("kind", spec.productKind());
        params.put("key", spec.productKey());
        params.put("target", spec.targetPrice());
        params.put("currency", spec.currency());
        params.put("minDiscount", spec.minDiscount());
        params.put("cap", spec.dailyCap());
        params.put("zone", spec.timeZone());
        params.put("active", spec.active());
        return params;
    }

    private static Watch row(ResultSet rs, int n) throws SQLException {
        BigDecimal target = rs.getBigDecimal("target_price");
        double minDiscount = rs.getDouble("min_discount");
        Double discount = rs.wasNull() ? null : minDiscount;
        WatchSpec spec = new WatchSpec(
                rs.getString("name"),
                rs.getObject("scan_id", UUID.class),
                rs.getString("gtin"),
                rs.getString("brand"),
                rs.getString("model"),
                rs.getString("keywords"),
                rs.getString("product_kind"),
                rs.getString("product_key"),
                target,
                rs.getString("currency"),
                discount,
                rs.getInt("daily_cap"),
                rs.getString("time_zone"),
                rs.getBoolean("active"));
        return new Watch(
                rs.getObject("id", UUID.class),
                new MerchantId(rs.getObject("merchant_id", UUID.class)),
                spec,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
