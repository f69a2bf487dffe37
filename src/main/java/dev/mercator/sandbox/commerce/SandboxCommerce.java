package dev.mercator.sandbox.commerce;

import dev.mercator.analytics.AnalyticsIntake;
import dev.mercator.platform.MerchantId;
import dev.mercator.sandbox.ConditionalOnSandbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a generated commerce story through the analytics intake, exactly as a client's events would go (same checks,
 * same journal, duplicates acknowledged), and keeps its ground-truth labels for {@code GET .../labels}.
 */
@Component
@ConditionalOnSandbox
class SandboxCommerce {

    private final AnalyticsIntake intake;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    SandboxCommerce(AnalyticsIntake intake, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.intake = intake;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    record Generated(
            CommerceGenerator.Plan plan,
            AnalyticsIntake.Receipt receipt,
            List<CommerceGenerator.Label> labels,
            Map<String, Integer> counts) {}

    boolean merchantExists(MerchantId merchant) {
        return jdbc.sql("select count(*) from merchants where id = :id")
                        .param("id", merchant.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    Generated generate(MerchantId merchant, CommerceGenerator.Plan plan) {
        CommerceGenerator.Story story = CommerceGenerator.generate(plan);
        List<JsonNode> envelopes = new ArrayList<>(story.events().size());
        for (CommerceGenerator.Event event : story.events()) {
            envelopes.add(envelope(event));
        }
        // Labels first: a label without its order is harmless, an order the backtest cannot judge is not.
        var now = Timestamp.from(clock.instant());
        for (CommerceGenerator.Label label : story.labels()) {
            jdbc.sql("""
                            insert into sandbox_commerce_labels
                                (merchant_id, order_id, chargeback, pattern, seed, created_at)
                            values (:merchant, :order, :chargeback, :pattern, :seed, :now)
                            on conflict do nothing""")
                    .param("merchant", merchant.value())
                    .param("order", label.orderId())
                    .param("chargeback", label.chargeback())
                    .param("pattern", label.pattern())
                    .param("seed", plan.seed())
                    .param("now", now)
                    .update();
        }
        AnalyticsIntake.Receipt receipt = intake.take(merchant, envelopes);
        return new Generated(plan, receipt, story.labels(), story.counts());
    }

    JsonNode envelope(CommerceGenerator.Event event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", event.id());
        envelope.put("type", event.type());
        envelope.put("version", event.version());
        envelope.put("occurredAt", event.occurredAt().toString());
        envelope.put("payload", event.payload());
        return json.valueToTree(envelope);
    }

    List<CommerceGenerator.Label> labels(MerchantId merchant, boolean chargebacksOnly) {
        return jdbc.sql("""
                        select order_id, chargeback, pattern from sandbox_commerce_labels
                        where merchant_id = :merchant and (chargeback or not :only)
                        order by order_id""")
                .param("merchant", merchant.value())
                .param("only", chargebacksOnly)
                .query((rs, n) -> new CommerceGenerator.Label(
                        rs.getString("order_id"), rs.getBoolean("chargeback"), rs.getString("pattern")))
                .list();
    }
}
