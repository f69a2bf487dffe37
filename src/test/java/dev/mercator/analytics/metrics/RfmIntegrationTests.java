package dev.mercator.analytics.metrics;

import static dev.mercator.analytics.AnalyticsEvents.batch;
import static dev.mercator.analytics.AnalyticsEvents.event;
import static dev.mercator.analytics.AnalyticsEvents.line;
import static dev.mercator.analytics.AnalyticsEvents.order;
import static dev.mercator.analytics.AnalyticsEvents.refund;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.analytics.lake.FlushPass;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * RFM on hand-computed customers, as of 2026-03-31 over 365 days (UTC):
 *
 * <pre>
 * customer  orders in window            recency  frequency  monetary   R  F  M  FM  segment
 * A         30 Mar 100, 20 Mar 50, 10 Mar 50   1     3        200.00     5  5  4  5   Champions
 * B         30 Mar 100, 1 Feb 100             1     2        200.00     5  3  4  4   Champions
 * C         1 Mar 20                         30     1         20.00     4  1  2  2   Potential Loyalist
 * D         1 Dec 2025 500                  120     1        500.00     2  1  5  3   At Risk
 * E         1 Jun 2025 20, refunded 20      303     1          0.00     1  1  1  1   Lost
 * F         1 Jan 2024: outside the window; a guest order (no customer): left out
 * </pre>
 *
 * Distinct recencies 303, 120, 30, 1 (worst first, n = 4) score 1 + floor(5 (k - 1) / 3): 1, 2, 4, 5; frequencies 1, 2,
 * 3 score 1, 3, 5; monetary values 0, 20, 200, 500 score 1, 2, 4, 5. A and B tie on recency and on monetary value and
 * get the same R and M; C, D and E tie on frequency and all get F = 1.
 */
class RfmIntegrationTests extends IntegrationTest {

    @Autowired
    FlushPass flush;

    private static Map<String, Object> bought(String id, String day, String customer, String price) {
        return order(id, day + "T12:00:00Z", "o-" + id, customer, "web", "0", List.of(line("sku", 1, price)));
    }

    private Tenant shop() {
        Tenant shop = newMerchant("RFM Shop");
        Map<String, Object> guest = event(
                "g1",
                "order_placed",
                "2026-03-30T12:00:00Z",
                Map.of("orderId", "o-g1", "currency", "USD", "lines", List.of(line("sku", 1, "20.00"))));
        Api.Response first = shop.api()
                .post(
                        "/api/analytics/events",
                        batch(List.of(
                                bought("a1", "2026-03-30", "A", "100.00"),
                                bought("a2", "2026-03-20", "A", "50.00"),
                                bought("a3", "2026-03-10", "A", "50.00"),
                                bought("b1", "2026-03-30", "B", "100.00"),
                                bought("b2", "2026-02-01", "B", "100.00"),
                                bought("e1", "2025-06-01", "E", "20.00"))));
        assertThat(first.json().get("accepted").asInt()).as(first.toString()).isEqualTo(6);
        while (flush.run() > 0) {
            // part of it in Parquet, part still in the journal
        }
        Api.Response second = shop.api()
                .post(
                        "/api/analytics/events",
                        batch(List.of(
                                bought("c1", "2026-03-01", "C", "20.00"),
                                bought("d1", "2025-12-01", "D", "500.00"),
                                bought("f1", "2024-01-01", "F", "20.00"),
                                guest,
                                refund("r1", "2025-06-05T12:00:00Z", "o-e1", "20.00"))));
        assertThat(second.json().get("accepted").asInt()).as(second.toString()).isEqualTo(5);
        return shop;
    }

    @Test
    void customersAreScoredByRankWithTiesSharingAScoreAndNamedBySegment() {
        Tenant shop = shop();

        Api.Response response = shop.api().get("/api/analytics/rfm?asOf=2026-03-31&lookbackDays=365");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("definition").asString()).isEqualTo("rfm.v1");
        assertThat(body.get("totalCustomers").asInt()).isEqualTo(5);
        List<String> customers = new ArrayList<>();
        for (JsonNode c : body.get("customers")) {
            customers.add(String.join(
                    "|",
                    c.get("customerId").asString(),
                    c.get("recencyDays").asString(),
                    c.get("frequency").asString(),
                    c.get("monetary").asString(),
                    c.get("r").asString() + c.get("f").asString() + c.get("m").asString(),
                    c.get("segment").asString()));
        }
        assertThat(customers)
                .containsExactly(
                        "A|1|3|200.00|554|Champions",
                        "B|1|2|200.00|534|Champions",
                        "C|30|1|20.00|412|Potential Loyalist",
                        "D|120|1|500.00|215|At Risk",
                        "E|303|1|0.00|111|Lost");
        List<String> segments = new ArrayList<>();
        for (JsonNode s : body.get("segments")) {
            segments.add(s.get("segment").asString() + "=" + s.get("customers").asInt());
        }
        assertThat(segments).containsExactly("Champions=2", "Potential Loyalist=1", "At Risk=1", "Lost=1");
    }

    @Test
    void aShorterWindowLeavesOlderCustomersOutAndRescoresTheRest() {
        Tenant shop = shop();

        // 31 days ending 31 March: A (1, 3, 200.00), B (1, 1, 100.00), C (30, 1, 20.00). Recencies 30, 1 score 1, 5;
        // frequencies 1, 3 score 1, 5; monetary 20, 100, 200 score 1, 3, 5.
        Api.Response response = shop.api().get("/api/analytics/rfm?asOf=2026-03-31&lookbackDays=31&format=csv");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        assertThat(response.body().split("\r\n"))
                .containsExactly(
                        "customer_id,recency_days,frequency,monetary,r,f,m,segment",
                        "A,1,3,200.00,5,5,5,Champions",
                        "B,1,1,100.00,5,1,3,Potential Loyalist",
                        "C,30,1,20.00,1,1,1,Lost");
    }

    @Test
    void anotherMerchantSeesNoneOfTheseCustomers() {
        shop();
        Tenant other = newMerchant("Empty RFM Shop");

        Api.Response response = other.api().get("/api/analytics/rfm?asOf=2026-03-31");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("totalCustomers").asInt()).isZero();
        assertThat(other.api().get("/api/analytics/rfm?lookbackDays=0").status())
                .isEqualTo(400);
        assertThat(other.api().get("/api/analytics/rfm?currency=usd").status()).isEqualTo(400);
    }
}
