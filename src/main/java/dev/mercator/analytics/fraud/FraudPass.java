package dev.mercator.analytics.fraud;

import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scoring at ingest: one pass reads the journal's events the fraud tables have not seen yet (order_placed,
 * payment_attempt, return_received, chargeback), oldest first, records their facts and scores each new order by its
 * merchant's rule set in force, all in one transaction per pass. Signals of a pass are recorded before its orders are
 * scored, so an order's payment attempts sent in the same batch count.
 */
@Component
class FraudPass {

    private static final String TYPES = "'order_placed', 'payment_attempt', 'return_received', 'chargeback'";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final FraudLedger ledger;
    private final FraudRules rules;
    private final FraudSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    FraudPass(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            FraudLedger ledger,
            FraudRules rules,
            FraudSettings settings,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.rules = rules;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    private record Unseen(MerchantId merchant, String eventId, String type, Instant occurredAt, String payload) {}

    /** Runs passes until no unseen event is left; returns how many orders were scored. */
    int drain() {
        int scored = 0;
        while (true) {
            int[] counts = runOnce();
            scored += counts[1];
            if (counts[0] < settings.batchSize()) {
                return scored;
            }
        }
    }

    /** One pass: {events read, orders scored}. */
    int[] runOnce() {
        int[] result = transactions.execute(status -> pass());
        return result == null ? new int[] {0, 0} : result;
    }

    private int[] pass() {
        List<Unseen> events = jdbc.sql("select e.merchant_id, e.event_id, e.type, e.occurred_at, e.payload"
                        + " from analytics_events e where e.type in (" + TYPES + ") and not exists"
                        + " (select 1 from fraud_seen s where s.merchant_id = e.merchant_id"
                        + " and s.event_id = e.event_id) order by e.seq limit :limit")
                .param("limit", settings.batchSize())
                .query((rs, n) -> new Unseen(
                        new MerchantId(rs.getObject("merchant_id", UUID.class)),
                        rs.getString("event_id"),
                        rs.getString("type"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("payload")))
                .list();
        List<Unseen> orders = new ArrayList<>();
        for (Unseen event : events) {
            int seen = jdbc.sql("insert into fraud_seen (merchant_id, event_id) values (:m, :e) on conflict do nothing")
                    .param("m", event.merchant().value())
                    .param("e", event.eventId())
                    .update();
            if (seen == 0) {
                continue; // another instance's pass has it
            }
            JsonNode payload = json.readTree(event.payload());
            JsonNode orderId = payload.get("orderId");
            switch (event.type()) {
                case "order_placed" -> orders.add(event);
                case "payment_attempt", "return_received", "chargeback" -> {
                    if (orderId != null && orderId.isString()) {
                        String kind = event.type().equals("return_received") ? "return" : event.type();
                        ledger.signal(event.merchant(), event.eventId(), kind, orderId.asString(), event.occurredAt());
                    }
                }
                default -> {}
            }
        }
        int scored = 0;
        Instant now = clock.instant();
        for (Unseen order : orders) {
            OrderFacts facts = OrderFacts.of(order.occurredAt(), json.readTree(order.payload()));
            if (!ledger.record(order.merchant(), facts)) {
                continue;
            }
            FraudRules.Versioned ruleSet = rules.current(order.merchant());
            Features features = ledger.features(order.merchant(), facts, ruleSet.rules());
            Scorer.Score score = Scorer.score(ruleSet.rules(), features, rules.disposableDomains());
            ledger.saveScore(
                    order.merchant(),
                    facts.orderId(),
                    score,
                    ruleSet.version(),
                    json.writeValueAsString(score.reasons()),
                    now);
            scored++;
        }
        return new int[] {events.size(), scored};
    }
}
