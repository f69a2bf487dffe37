package dev.mercator.analytics.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Fraud-scoring latency per order at ingest (docs/benchmarks.md): a generated year of a shop's commerce goes through
 * the intake, the scoring pass scores it, then every order's scoring work (its features by the default rules' SQL,
 * then the rules) is timed once more on its own, as the pass does it, with the whole history in place.
 */
class FraudScoringBenchmark extends IntegrationTest {

    @Autowired
    FraudPass pass;

    @Autowired
    FraudLedger ledger;

    @Autowired
    FraudRules rules;

    @Test
    void scoringAnOrderAtIngest() throws IOException {
        int orders = Integer.getInteger("mercator.bench.orders", 5_000);
        Tenant shop = newMerchant("Fraud Bench");
        Api.Response generated = admin.post(
                "/api/admin/sandbox/analytics/generate",
                Map.of(
                        "merchantId",
                        shop.id(),
                        "seed",
                        1,
                        "customers",
                        orders / 8,
                        "orders",
                        orders,
                        "fraudRings",
                        10,
                        "from",
                        "2025-01-01",
                        "to",
                        "2025-12-31"));
        assertThat(generated.json().get("rejected").asInt())
                .as(generated.toString())
                .isZero();
        long passStart = System.nanoTime();
        int scored = pass.drain();
        long passNanos = System.nanoTime() - passStart;

        MerchantId merchant = MerchantId.of(shop.id());
        RuleSet ruleSet = rules.current(merchant).rules();
        List<OrderFacts> history =
                ledger.orders(merchant, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), 1_000_000);
        long[] nanos = new long[history.size()];
        for (int i = 0; i < history.size(); i++) {
            long start = System.nanoTime();
            Scorer.score(ruleSet, ledger.features(merchant, history.get(i), ruleSet), rules.disposableDomains());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        String report = String.format(
                Locale.ROOT,
                "fraud scoring, %d orders (H2 in memory): pass %.1f ms per order scored (%d scored, facts and inserts"
                        + " included); features+rules per order p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                history.size(),
                passNanos / 1e6 / Math.max(1, scored),
                scored,
                nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.9)] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6,
                nanos[nanos.length - 1] / 1e6);
        System.out.print(report);
        Path out = Path.of("target/benchmarks/fraud-scoring.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(scored).isEqualTo(history.size());
    }
}
