package dev.mercator.analytics.fraud;

import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Runs a rule set over a merchant's order history as if each order had just arrived (the same features and scorer as
 * at ingest) and measures it against the chargebacks the merchant reported: precision (flagged orders that were
 * charged back) and recall (charged-back orders that were flagged). Flagged means review or block.
 */
@Component
class Backtest {

    private final FraudLedger ledger;
    private final FraudRules rules;
    private final FraudPass pass;

    Backtest(FraudLedger ledger, FraudRules rules, FraudPass pass) {
        this.ledger = ledger;
        this.rules = rules;
        this.pass = pass;
    }

    record Flagged(String orderId, int score, String decision, boolean chargeback, List<Scorer.Reason> reasons) {}

    record Report(
            int orders,
            int chargebacks,
            int flagged,
            int blocked,
            int truePositives,
            int falsePositives,
            int falseNegatives,
            @Nullable BigDecimal precision,
            @Nullable BigDecimal recall,
            List<Flagged> flaggedOrders,
            boolean flaggedOrdersTruncated) {}

    /** Null orders count means more than {@code limit} orders lie in the range (nothing is scored then). */
    @Nullable
    Report run(MerchantId merchant, RuleSet ruleSet, Instant from, Instant to, int limit, int listed) {
        pass.drain();
        List<OrderFacts> orders = ledger.orders(merchant, from, to, limit + 1);
        if (orders.size() > limit) {
            return null;
        }
        Set<String> chargebacks = new HashSet<>(ledger.chargebacks(merchant));
        int flagged = 0;
        int blocked = 0;
        int truePositives = 0;
        int labelled = 0;
        List<Flagged> list = new ArrayList<>();
        for (OrderFacts order : orders) {
            boolean chargeback = chargebacks.contains(order.orderId());
            if (chargeback) {
                labelled++;
            }
            Scorer.Score score =
                    Scorer.score(ruleSet, ledger.features(merchant, order, ruleSet), rules.disposableDomains());
            if (score.decision() == Scorer.Decision.ALLOW) {
                continue;
            }
            flagged++;
            if (score.decision() == Scorer.Decision.BLOCK) {
                blocked++;
            }
            if (chargeback) {
                truePositives++;
            }
            if (list.size() < listed) {
                list.add(new Flagged(
                        order.orderId(), score.score(), score.decision().wire(), chargeback, score.reasons()));
            }
        }
        return new Report(
                orders.size(),
                labelled,
                flagged,
                blocked,
                truePositives,
                flagged - truePositives,
                labelled - truePositives,
                ratio(truePositives, flagged),
                ratio(truePositives, labelled),
                List.copyOf(list),
                flagged > list.size());
    }

    private static @Nullable BigDecimal ratio(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
