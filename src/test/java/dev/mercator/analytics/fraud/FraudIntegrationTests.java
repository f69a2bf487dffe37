package dev.mercator.analytics.fraud;

import static dev.mercator.analytics.AnalyticsEvents.batch;
import static dev.mercator.analytics.AnalyticsEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Fraud rules, scores at ingest, reviews and backtests over real HTTP, events through the real intake. */
class FraudIntegrationTests extends IntegrationTest {

    private static final String RULES = "/api/analytics/fraud/rules";

    @Autowired
    FraudPass pass;

    private static Map<String, Object> order(
            String id,
            String at,
            String orderId,
            String email,
            String card,
            String ip,
            String billing,
            String ship,
            String price) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.put("email", email);
        payload.put("currency", "USD");
        payload.put("cardFingerprint", card);
        payload.put("ip", ip);
        payload.put("ipCountry", billing);
        payload.put("billingAddress", Map.of("country", billing));
        payload.put("shippingAddress", Map.of("country", ship, "line1", "1 Main St", "postalCode", "10001"));
        payload.put("lines", List.of(Map.of("sku", "sku-1", "quantity", 1, "unitPrice", price)));
        Map<String, Object> event = event(id, "order_placed", at, payload);
        event.put("version", 2);
        return event;
    }

    private static List<String> codes(JsonNode score) {
        List<String> codes = new ArrayList<>();
        for (JsonNode reason : score.get("reasons")) {
            codes.add(reason.get("code").asString());
        }
        return codes;
    }

    private static Map<String, Object> onlyRule(Map<String, Object> rule) {
        return Map.of("reviewAt", 40, "blockAt", 90, "rules", List.of(rule));
    }

    @Test
    void velocityIsCountedOverTheMerchantsOwnOrdersAtIngestAndScoresNeverCrossMerchants() {
        Tenant shop = newMerchant("Fraud Velocity");
        Tenant other = newMerchant("Fraud Other");
        // The other merchant's orders on the same card do not count for the shop.
        other.api()
                .post(
                        "/api/analytics/events",
                        batch(List.of(
                                order(
                                        "x-1",
                                        "2026-03-01T09:00:00Z",
                                        "x-o1",
                                        "z@example.com",
                                        "card-A",
                                        "1.1.1.1",
                                        "US",
                                        "US",
                                        "10"),
                                order(
                                        "x-2",
                                        "2026-03-01T09:10:00Z",
                                        "x-o2",
                                        "y@example.com",
                                        "card-A",
                                        "1.1.1.1",
                                        "US",
                                        "US",
                                        "10"))));
        Api.Response sent = shop.api()
                .post(
                        "/api/analytics/events",
                        batch(List.of(
                                order(
                                        "e-1",
                                        "2026-03-01T10:00:00Z",
                                        "o-1",
                                        "a@example.com",
                                        "card-A",
                                        "2.2.2.2",
                                        "US",
                                        "US",
                                        "20"),
                                order(
                                        "e-2",
                                        "2026-03-01T11:00:00Z",
                                        "o-2",
                                        "b@example.com",
                                        "card-A",
                                        "2.2.2.3",
                                        "US",
                                        "US",
                                        "20"),
                                order(
                                        "e-3",
                                        "2026-03-01T12:00:00Z",
                                        "o-3",
                                        "c@mailinator.com",
                                        "card-A",
                                        "2.2.2.4",
                                        "US",
                                        "DE",
                                        "20"),
                                // a day later: the 24-hour window no longer holds the first three
                                order(
                                        "e-4",
                                        "2026-03-03T12:00:01Z",
                                        "o-4",
                                        "d@example.com",
                                        "card-A",
                                        "2.2.2.5",
                                        "US",
                                        "US",
                                        "20"))));
        assertThat(sent.json().get("accepted").asInt()).as(sent.toString()).isEqualTo(4);

        pass.drain();

        JsonNode first = shop.api().get("/api/analytics/fraud/orders/o-1").json();
        JsonNode third = shop.api().get("/api/analytics/fraud/orders/o-3").json();
        JsonNode fourth = shop.api().get("/api/analytics/fraud/orders/o-4").json();
        assertThat(codes(first)).doesNotContain("velocity_card_24h", "card_shared_by_emails_7d");
        assertThat(codes(third))
                .contains(
                        "velocity_card_24h", "card_shared_by_emails_7d", "disposable_email", "billing_shipping_apart");
        assertThat(third.get("ruleSetVersion").asInt()).isZero();
        assertThat(third.get("decision").asString()).isEqualTo("block");
        assertThat(codes(fourth)).doesNotContain("velocity_card_24h").contains("card_shared_by_emails_7d");
        assertThat(other.api().get("/api/analytics/fraud/orders/o-3").status()).isEqualTo(404);
        assertThat(codes(other.api().get("/api/analytics/fraud/orders/x-o2").json()))
                .doesNotContain("velocity_card_24h");
    }

    @Test
    void ruleChangesAreNewVersionsOfTheMerchantsOwnAndInvalidOnesAreProblemsThatStoreNothing() {
        Tenant shop = newMerchant("Fraud Rules");
        Tenant other = newMerchant("Fraud Rules Other");
        Map<String, Object> disposable =
                onlyRule(Map.of("code", "throwaway", "kind", "disposable_email", "points", 50));

        JsonNode initial = shop.api().get(RULES).json();
        Api.Response v1 = shop.api().put(RULES, disposable);
        Api.Response v2 = shop.api()
                .put(
                        RULES,
                        onlyRule(Map.of("code", "tries", "kind", "payment_attempts", "threshold", 2, "points", 45)));
        Api.Response bad = shop.api()
                .put(
                        RULES,
                        Map.of(
                                "reviewAt",
                                70,
                                "blockAt",
                                50,
                                "rules",
                                List.of(Map.of(
                                        "code",
                                        "Bad Code",
                                        "kind",
                                        "velocity",
                                        "key",
                                        "card",
                                        "window",
                                        "2h",
                                        "points",
                                        10))));

        assertThat(initial.get("version").asInt()).isZero();
        assertThat(initial.get("rules").size()).isEqualTo(15);
        assertThat(v1.status()).as(v1.toString()).isEqualTo(200);
        assertThat(v1.json().get("version").asInt()).isEqualTo(1);
        assertThat(v2.json().get("version").asInt()).isEqualTo(2);
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("blockAt", "rules[0].code", "rules[0].window", "rules[0].threshold");
        assertThat(shop.api().get(RULES).json().get("version").asInt()).isEqualTo(2);
        assertThat(shop.api()
                        .get(RULES + "?version=1")
                        .json()
                        .get("rules")
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("throwaway");
        assertThat(other.api().get(RULES).json().get("version").asInt()).isZero();
        assertThat(other.api().get(RULES + "?version=1").status()).isEqualTo(404);
    }

    @Test
    void flaggedOrdersWaitInTheReviewQueueUntilDecidedAndOnlyTheirMerchantDecides() {
        Tenant shop = newMerchant("Fraud Reviews");
        Tenant other = newMerchant("Fraud Reviews Other");
        shop.api().put(RULES, onlyRule(Map.of("code", "throwaway", "kind", "disposable_email", "points", 50)));
        shop.api()
                .post(
                        "/api/analytics/events",
                        batch(List.of(
                                order(
                                        "r-1",
                                        "2026-03-01T10:00:00Z",
                                        "ro-1",
                                        "a@yopmail.com",
                                        "c1",
                                        "3.3.3.3",
                                        "US",
                                        "US",
                                        "20"),
                                order(
                                        "r-2",
                                        "2026-03-01T10:05:00Z",
                                        "ro-2",
                                        "b@example.com",
                                        "c2",
                                        "3.3.3.4",
                                        "US",
                                        "US",
                                        "20"))));
        pass.drain();

        JsonNode queue = shop.api().get("/api/analytics/fraud/reviews").json();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.get(0).get("orderId").asString()).isEqualTo("ro-1");
        assertThat(queue.get(0).get("ruleSetVersion").asInt()).isEqualTo(1);
        assertThat(other.api().get("/api/analytics/fraud/reviews").json().size())
                .isZero();
        assertThat(other.api()
                        .post("/api/analytics/fraud/reviews/ro-1", Map.of("decision", "approved"))
                        .status())
                .isEqualTo(404);
        assertThat(shop.api()
                        .post("/api/analytics/fraud/reviews/ro-1", Map.of("decision", "maybe"))
                        .status())
                .isEqualTo(400);

        Api.Response decided =
                shop.api().post("/api/analytics/fraud/reviews/ro-1", Map.of("decision", "rejected", "note", "ring"));
        Api.Response again = shop.api().post("/api/analytics/fraud/reviews/ro-1", Map.of("decision", "approved"));

        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().get("review").asString()).isEqualTo("rejected");
        assertThat(again.status()).isEqualTo(409);
        assertThat(shop.api().get("/api/analytics/fraud/reviews").json().size()).isZero();
        assertThat(shop.api()
                        .get("/api/analytics/fraud/reviews?status=rejected")
                        .json()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aBacktestOnTheGeneratorsLabelsMatchesAHandCountOfRingsAndFriendlyFraud() {
        Tenant shop = newMerchant("Fraud Backtest");
        Api.Response generated = admin.post(
                "/api/admin/sandbox/analytics/generate",
                Map.of(
                        "merchantId",
                        shop.id(),
                        "seed",
                        5,
                        "customers",
                        60,
                        "orders",
                        600,
                        "fraudRings",
                        3,
                        "from",
                        "2025-01-01",
                        "to",
                        "2025-12-31"));
        assertThat(generated.json().get("rejected").asInt())
                .as(generated.toString())
                .isZero();
        // The hand check: only ring members use disposable domains, and every ring order is charged back; friendly
        // fraud (honest-looking customers charging back) cannot be caught by that rule.
        JsonNode labels = admin.get("/api/admin/sandbox/analytics/labels?merchant=" + shop.id())
                .json();
        int ring = 0;
        int friendly = 0;
        for (JsonNode label : labels.get("labels")) {
            String pattern = label.get("pattern").asString();
            if (pattern.startsWith("ring-")) {
                ring++;
            } else if (pattern.equals("friendly_fraud")) {
                friendly++;
            }
        }
        assertThat(ring).isPositive();
        assertThat(friendly).isPositive();

        Api.Response report = shop.api()
                .post(
                        "/api/analytics/fraud/backtest",
                        Map.of(
                                "rules",
                                onlyRule(Map.of("code", "throwaway", "kind", "disposable_email", "points", 50)),
                                "listed",
                                5));
        Api.Response byVersion = shop.api().post("/api/analytics/fraud/backtest", Map.of("version", 0));

        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode r = report.json();
        assertThat(r.get("orders").asInt()).isEqualTo(labels.get("orders").asInt());
        assertThat(r.get("chargebacks").asInt()).isEqualTo(ring + friendly);
        assertThat(r.get("flagged").asInt()).isEqualTo(ring);
        assertThat(r.get("truePositives").asInt()).isEqualTo(ring);
        assertThat(r.get("precision").decimalValue()).isEqualByComparingTo("1");
        assertThat(r.get("recall").decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal(ring)
                        .divide(new java.math.BigDecimal(ring + friendly), 4, java.math.RoundingMode.HALF_UP));
        assertThat(r.get("flaggedOrders").size()).isEqualTo(5);
        assertThat(r.get("flaggedOrdersTruncated").asBoolean()).isTrue();
        // The default rules catch every ring order too, at the price of some honest ones (gifts shipped abroad).
        assertThat(byVersion.json().get("truePositives").asInt()).isEqualTo(ring);
        assertThat(shop.api()
                        .post("/api/analytics/fraud/backtest", Map.of("version", 1, "rules", Map.of()))
                        .status())
                .isEqualTo(400);
    }
}
