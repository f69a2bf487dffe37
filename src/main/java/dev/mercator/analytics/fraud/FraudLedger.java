package dev.mercator.analytics.fraud;

import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The fraud tables: each order's facts and signals, the features computed over them, scores and the review queue.
 * Every query names the merchant: one merchant's orders never count in another's features.
 */
@Component
class FraudLedger {

    private final JdbcClient jdbc;

    FraudLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an order's facts; false when the order id is already known (a second event for it: not rescored). */
    boolean record(MerchantId merchant, OrderFacts o) {
        return jdbc.sql("""
                        insert into fraud_orders (merchant_id, order_id, occurred_at, customer_key, email,
                            email_domain, card, ip, ip_country, billing_country, shipping_country, shipping_key,
                            distance_km, currency, amount)
                        values (:m, :o, :at, :customer, :email, :domain, :card, :ip, :ipCountry, :billing,
                            :shipping, :shippingKey, :distance, :currency, :amount)
                        on conflict do nothing""")
                        .param("m", merchant.value())
                        .param("o", o.orderId())
                        .param("at", Timestamp.from(o.occurredAt()))
                        .param("customer", o.customerKey())
                        .param("email", o.email())
                        .param("domain", o.emailDomain())
                        .param("card", o.card())
                        .param("ip", o.ip())
                        .param("ipCountry", o.ipCountry())
                        .param("billing", o.billingCountry())
                        .param("shipping", o.shippingCountry())
                        .param("shippingKey", o.shippingKey())
                        .param("distance", o.distanceKm())
                        .param("currency", o.currency())
                        .param("amount", o.amount())
                        .update()
                == 1;
    }

    void signal(MerchantId merchant, String eventId, String kind, String orderId, Instant at) {
        jdbc.sql("""
                        insert into fraud_order_signals (merchant_id, event_id, kind, order_id, occurred_at)
                        values (:m, :e, :kind, :o, :at) on conflict do nothing""")
                .param("m", merchant.value())
                .param("e", eventId)
                .param("kind", kind)
                .param("o", orderId)
                .param("at", Timestamp.from(at))
                .update();
    }

    Optional<OrderFacts> facts(MerchantId merchant, String orderId) {
        return jdbc.sql("select * from fraud_orders where merchant_id = :m and order_id = :o")
                .param("m", merchant.value())
                .param("o", orderId)
                .query((rs, n) -> facts(rs))
                .optional();
    }

    /** The merchant's orders in a time range, oldest first, at most {@code limit}. */
    List<OrderFacts> orders(MerchantId merchant, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        select * from fraud_orders where merchant_id = :m and occurred_at >= :from
                            and occurred_at < :to order by occurred_at, order_id limit :limit""")
                .param("m", merchant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("limit", limit)
                .query((rs, n) -> facts(rs))
                .list();
    }

    private static OrderFacts facts(java.sql.ResultSet rs) throws java.sql.SQLException {
        double distance = rs.getDouble("distance_km");
        return new OrderFacts(
                rs.getString("order_id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("customer_key"),
                rs.getString("email"),
                rs.getString("email_domain"),
                rs.getString("card"),
                rs.getString("ip"),
                rs.getString("ip_country"),
                rs.getString("billing_country"),
                rs.getString("shipping_country"),
                rs.getString("shipping_key"),
                rs.wasNull() ? null : distance,
                rs.getString("currency"),
                rs.getBigDecimal("amount"));
    }

    /** Chargebacks the merchant reported (chargeback events), by order id. */
    List<String> chargebacks(MerchantId merchant) {
        return jdbc.sql("""
                        select distinct order_id from fraud_order_signals
                        where merchant_id = :m and kind = 'chargeback' order by order_id""")
                .param("m", merchant.value())
                .query((rs, n) -> java.util.Objects.requireNonNull(rs.getString(1)))
                .list();
    }

    /**
     * The features of an order as of its own time: only orders that occurred before it or at the same instant count,
     * whenever they arrived, and only counts the rule set needs are computed. Ingest and backtest both use this.
     */
    Features features(MerchantId merchant, OrderFacts o, RuleSet rules) {
        Timestamp at = Timestamp.from(o.occurredAt());
        Map<String, Integer> velocity = new HashMap<>();
        Map<String, Integer> shared = new HashMap<>();
        for (RuleSet.Rule rule : rules.rules()) {
            if (rule.key() == null || rule.window() == null) {
                continue;
            }
            String slot = Features.slot(rule.key(), rule.window());
            String value = switch (rule.key()) {
                case EMAIL -> o.email();
                case CARD -> o.card();
                case IP -> o.ip();
                case SHIPPING_ADDRESS -> o.shippingKey();
            };
            if (value == null || velocity.containsKey(slot)) {
                continue;
            }
            String column = switch (rule.key()) {
                case EMAIL -> "email";
                case CARD -> "card";
                case IP -> "ip";
                case SHIPPING_ADDRESS -> "shipping_key";
            };
            // column comes from the enum above, never from the request
            Map<String, @Nullable Object> row = jdbc.sql(
                            "select count(*) as orders, count(distinct case when email = :email"
                                    + " then null else email end) as others from fraud_orders where merchant_id = :m and "
                                    + column
                                    + " = :v and occurred_at > :since and occurred_at <= :at and order_id <> :o")
                    .param("m", merchant.value())
                    .param("v", value)
                    .param("email", o.email() == null ? "" : o.email())
                    .param("since", Timestamp.from(o.occurredAt().minus(rule.duration())))
                    .param("at", at)
                    .param("o", o.orderId())
                    .query()
                    .singleRow();
            velocity.put(slot, number(row.get("orders")) + 1);
            shared.put(slot, number(row.get("others")) + (o.email() == null ? 0 : 1));
        }
        int customerOrders = 0;
        BigDecimal customerAverage = null;
        int returned = 0;
        if (o.customerKey() != null) {
            customerOrders = count("""
                            select count(*) from fraud_orders where merchant_id = :m and customer_key = :c
                                and occurred_at < :at and order_id <> :o""", merchant, o, at);
            customerAverage = average("""
                            select avg(amount) from fraud_orders where merchant_id = :m and customer_key = :c
                                and currency = :cur and occurred_at < :at and order_id <> :o""", merchant, o, at);
            returned = count("""
                            select count(distinct s.order_id) from fraud_order_signals s join fraud_orders x
                                on x.merchant_id = s.merchant_id and x.order_id = s.order_id
                            where s.merchant_id = :m and s.kind = 'return' and x.customer_key = :c
                                and x.occurred_at < :at and x.order_id <> :o and s.occurred_at < :at""", merchant, o, at);
        }
        int shopOrders = count("""
                        select count(*) from fraud_orders where merchant_id = :m and currency = :cur
                            and occurred_at < :at and order_id <> :o""", merchant, o, at);
        BigDecimal shopAverage = average("""
                        select avg(amount) from fraud_orders where merchant_id = :m and currency = :cur
                            and occurred_at < :at and order_id <> :o""", merchant, o, at);
        int attempts = count("""
                        select count(*) from fraud_order_signals where merchant_id = :m and order_id = :o
                            and kind = 'payment_attempt' and occurred_at <= :at""", merchant, o, at);
        return new Features(
                o.orderId(),
                o.amount(),
                o.emailDomain(),
                o.billingCountry(),
                o.shippingCountry(),
                o.ipCountry(),
                o.distanceKm(),
                customerOrders,
                customerAverage,
                shopOrders,
                shopAverage,
                attempts,
                returned,
                Map.copyOf(velocity),
                Map.copyOf(shared));
    }

    private int count(String sql, MerchantId merchant, OrderFacts o, Timestamp at) {
        return number(bind(sql, merchant, o, at).query().singleValue());
    }

    private @Nullable BigDecimal average(String sql, MerchantId merchant, OrderFacts o, Timestamp at) {
        return bind(sql, merchant, o, at)
                .query((rs, n) -> Optional.ofNullable(rs.getBigDecimal(1)))
                .single()
                .orElse(null);
    }

    private JdbcClient.StatementSpec bind(String sql, MerchantId merchant, OrderFacts o, Timestamp at) {
        JdbcClient.StatementSpec spec = jdbc.sql(sql)
                .param("m", merchant.value())
                .param("o", o.orderId())
                .param("at", at);
        if (sql.contains(":c")) {
            spec = spec.param("c", o.customerKey());
        }
        if (sql.contains(":cur")) {
            spec = spec.param("cur", o.currency());
        }
        return spec;
    }

    private static int number(@Nullable Object value) {
        return value == null ? 0 : ((Number) value).intValue();
    }

    void saveScore(MerchantId merchant, String orderId, Scorer.Score score, int version, String reasons, Instant now) {
        jdbc.sql("""
                        insert into fraud_scores (merchant_id, order_id, score, decision, rule_set_version, reasons,
                            scored_at)
                        values (:m, :o, :score, :decision, :version, :reasons, :now) on conflict do nothing""")
                .param("m", merchant.value())
                .param("o", orderId)
                .param("score", score.score())
                .param("decision", score.decision().wire())
                .param("version", version)
                .param("reasons", reasons)
                .param("now", Timestamp.from(now))
                .update();
        if (score.decision() != Scorer.Decision.ALLOW) {
            jdbc.sql("""
                            insert into fraud_reviews (merchant_id, order_id, status, created_at)
                            values (:m, :o, 'open', :now) on conflict do nothing""")
                    .param("m", merchant.value())
                    .param("o", orderId)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    record StoredScore(
            String orderId,
            int score,
            String decision,
            int ruleSetVersion,
            String reasons,
            Instant scoredAt,
            @Nullable String review,
            @Nullable String note) {}

    private static final String SCORES = """
            select s.order_id, s.score, s.decision, s.rule_set_version, s.reasons, s.scored_at, r.status, r.note
            from fraud_scores s left join fraud_reviews r on r.merchant_id = s.merchant_id and r.order_id = s.order_id
            """;

    Optional<StoredScore> score(MerchantId merchant, String orderId) {
        return jdbc.sql(SCORES + " where s.merchant_id = :m and s.order_id = :o")
                .param("m", merchant.value())
                .param("o", orderId)
                .query((rs, n) -> stored(rs))
                .optional();
    }

    List<StoredScore> reviews(MerchantId merchant, String status, int limit) {
        return jdbc.sql(SCORES + " where r.merchant_id = :m and r.status = :status"
                        + " order by s.score desc, r.created_at, s.order_id limit :limit")
                .param("m", merchant.value())
                .param("status", status)
                .param("limit", limit)
                .query((rs, n) -> stored(rs))
                .list();
    }

    /** Decides an open review; false when there is no open review of that order. */
    boolean decide(MerchantId merchant, String orderId, String status, @Nullable String note, Instant now) {
        return jdbc.sql("""
                        update fraud_reviews set status = :status, note = :note, decided_at = :now
                        where merchant_id = :m and order_id = :o and status = 'open'""")
                        .param("status", status)
                        .param("note", note)
                        .param("now", Timestamp.from(now))
                        .param("m", merchant.value())
                        .param("o", orderId)
                        .update()
                == 1;
    }

    boolean hasReview(MerchantId merchant, String orderId) {
        return jdbc.sql("select count(*) from fraud_reviews where merchant_id = :m and order_id = :o")
                        .param("m", merchant.value())
                        .param("o", orderId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static StoredScore stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredScore(
                rs.getString("order_id"),
                rs.getInt("score"),
                rs.getString("decision"),
                rs.getInt("rule_set_version"),
                rs.getString("reasons"),
                rs.getTimestamp("scored_at").toInstant(),
                rs.getString("status"),
                rs.getString("note"));
    }
}
