package dev.mercator.analytics.metrics;

import static dev.mercator.analytics.AnalyticsEvents.batch;
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
 * Sales figures over HTTP on a dataset computed by hand, half of it flushed to Parquet and half still in the journal.
 * America/New_York is UTC-5 until 8 March 2026, so an order at 04:30 UTC on 2 March was placed at 23:30 on 1 March.
 */
class SalesMetricsIntegrationTests extends IntegrationTest {

    private static final String EVENTS = "/api/analytics/events";

    @Autowired
    FlushPass flush;

    /**
     * c2 first ordered in February (o0, outside the range); c1 first ordered late on 1 March local time (o1); on 2 March
     * o2 (pos, c2) and o3 (web, c1), o2 sent twice under two event ids, and 10.00 refunded on o1 (web).
     */
    private Tenant shopWithOrders() {
        Tenant shop = newMerchant("Sales Shop");
        Api.Response settings = shop.api().put("/api/analytics/settings", Map.of("timeZone", "America/New_York"));
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        accepted(
                shop,
                List.of(
                        order("e0", "2026-02-20T12:00:00Z", "o0", "c2", "web", "0", List.of(line("z", 1, "100.00"))),
                        order(
                                "e1",
                                "2026-03-02T04:30:00Z",
                                "o1",
                                "c1",
                                "web",
                                "2.00",
                                List.of(line("a", 2, "10.00"), line("b", 1, "5.50")))));
        while (flush.run() > 0) {
            // the first part of the data in Parquet files
        }
        accepted(
                shop,
                List.of(
                        order("e2", "2026-03-02T05:30:00Z", "o2", "c2", "pos", "0", List.of(line("c", 1, "40.00"))),
                        order("e3", "2026-03-02T18:00:00Z", "o3", "c1", "web", "0.75", List.of(line("d", 3, "7.25"))),
                        order("e5", "2026-03-02T06:00:00Z", "o2", "c2", "pos", "0", List.of(line("c", 1, "40.00"))),
                        refund("e4", "2026-03-02T20:00:00Z", "o1", "10.00")));
        return shop;
    }

    private static void accepted(Tenant shop, List<Map<String, Object>> events) {
        Api.Response response = shop.api().post(EVENTS, batch(events));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt())
                .as(response.toString())
                .isEqualTo(events.size());
    }

    /** A row as period|channel|gross|discounts|refunds|net|orders|units|aov|upo|new|returning. */
    private static List<String> rows(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : response.json().get("rows")) {
            assertThat(row.get("currency").asString()).isEqualTo("USD");
            rows.add(String.join(
                    "|",
                    row.get("period").asString(),
                    row.get("channel").asString(),
                    row.get("grossSales").asString(),
                    row.get("discounts").asString(),
                    row.get("refunds").asString(),
                    row.get("netSales").asString(),
                    row.get("orders").asString(),
                    row.get("units").asString(),
                    String.valueOf(row.get("averageOrderValue").asString()),
                    String.valueOf(row.get("unitsPerOrder").asString()),
                    row.get("newCustomers").asString(),
                    row.get("returningCustomers").asString()));
        }
        return rows;
    }

    @Test
    void dailySalesAreCutInTheMerchantsTimeZone() {
        Tenant shop = shopWithOrders();

        Api.Response response = shop.api().get("/api/analytics/sales?from=2026-03-01&to=2026-03-02&granularity=day");

        assertThat(response.json().get("timeZone").asString()).isEqualTo("America/New_York");
        assertThat(response.json().get("definition").asString()).isEqualTo("sales.v1");
        assertThat(rows(response))
                .containsExactly(
                        "2026-03-01|*|25.50|2.00|0.00|23.50|1|3|23.50|3.00|1|0",
                        "2026-03-01|web|25.50|2.00|0.00|23.50|1|3|23.50|3.00|1|0",
                        "2026-03-02|*|61.75|0.75|10.00|51.00|2|4|30.50|2.00|0|2",
                        "2026-03-02|pos|40.00|0.00|0.00|40.00|1|1|40.00|1.00|0|1",
                        "2026-03-02|web|21.75|0.75|10.00|11.00|1|3|21.00|3.00|0|1");
    }

    @Test
    void theSameEventsCutInUtcPutTheLateEveningOrderOnTheNextDay() {
        Tenant shop = shopWithOrders();
        shop.api().put("/api/analytics/settings", Map.of("timeZone", "UTC"));

        Api.Response response =
                shop.api().get("/api/analytics/sales?from=2026-03-01&to=2026-03-02&granularity=day&channel=web");

        assertThat(rows(response))
                .containsExactly(
                        "2026-03-02|*|47.25|2.75|10.00|34.50|2|6|22.25|3.00|1|0",
                        "2026-03-02|web|47.25|2.75|10.00|34.50|2|6|22.25|3.00|1|0");
    }

    @Test
    void monthlySalesRoundRatiosAndCountFirstOrdersBeforeTheRange() {
        Tenant shop = shopWithOrders();

        Api.Response response =
                shop.api().get("/api/analytics/sales?from=2026-02-01&to=2026-03-31&granularity=month&channel=web");
        Api.Response all = shop.api().get("/api/analytics/sales?from=2026-02-01&to=2026-03-31&granularity=month");

        assertThat(rows(response))
                .containsExactly(
                        "2026-02-01|*|100.00|0.00|0.00|100.00|1|1|100.00|1.00|1|0",
                        "2026-02-01|web|100.00|0.00|0.00|100.00|1|1|100.00|1.00|1|0",
                        "2026-03-01|*|47.25|2.75|10.00|34.50|2|6|22.25|3.00|1|0",
                        "2026-03-01|web|47.25|2.75|10.00|34.50|2|6|22.25|3.00|1|0");
        assertThat(rows(all))
                .contains(
                        "2026-03-01|*|87.25|2.75|10.00|74.50|3|7|28.1667|2.3333|1|1",
                        "2026-03-01|pos|40.00|0.00|0.00|40.00|1|1|40.00|1.00|0|1");
    }

    @Test
    void aMerchantSeesOnlyItsOwnSales() {
        Tenant shop = shopWithOrders();
        Tenant other = newMerchant("Other Sales Shop");
        accepted(
                other,
                List.of(order("e1", "2026-03-02T15:00:00Z", "o1", "c1", "web", "0", List.of(line("x", 1, "999.00")))));
        while (flush.run() > 0) {
            // both merchants' events in files
        }

        assertThat(rows(other.api().get("/api/analytics/sales?from=2026-03-01&to=2026-03-02")))
                .containsExactly(
                        "2026-03-02|*|999.00|0.00|0.00|999.00|1|1|999.00|1.00|1|0",
                        "2026-03-02|web|999.00|0.00|0.00|999.00|1|1|999.00|1.00|1|0");
        assertThat(rows(shop.api().get("/api/analytics/sales?from=2026-03-01&to=2026-03-02")))
                .contains("2026-03-02|*|61.75|0.75|10.00|51.00|2|4|30.50|2.00|0|2")
                .noneMatch(row -> row.contains("999"));
    }

    @Test
    void salesExportAsCsvByAcceptHeaderOrFormat() {
        Tenant shop = shopWithOrders();

        Api.Response byFormat = shop.api().get("/api/analytics/sales?from=2026-03-01&to=2026-03-01&format=csv");
        Api.Response byAccept =
                shop.api().get("/api/analytics/sales?from=2026-03-01&to=2026-03-01", "Accept", "text/csv");

        for (Api.Response response : List.of(byFormat, byAccept)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("text/csv");
            assertThat(response.body().split("\r\n"))
                    .containsExactly(
                            "period,currency,channel,gross_sales,discounts,refunds,net_sales,orders,units,"
                                    + "average_order_value,units_per_order,new_customers,returning_customers",
                            "2026-03-01,USD,*,25.50,2.00,0.00,23.50,1,3,23.50,3.00,1,0",
                            "2026-03-01,USD,web,25.50,2.00,0.00,23.50,1,3,23.50,3.00,1,0");
        }
    }

    @Test
    void aBadQueryOrTimeZoneIsAProblem() {
        Tenant shop = newMerchant("Bad Query Shop");

        assertThat(shop.api().get("/api/analytics/sales?granularity=hour").status())
                .isEqualTo(400);
        assertThat(shop.api()
                        .get("/api/analytics/sales?from=2026-03-02&to=2026-03-01")
                        .status())
                .isEqualTo(400);
        assertThat(shop.api().get("/api/analytics/sales?from=yesterday").status())
                .isEqualTo(400);
        Api.Response zone = shop.api().put("/api/analytics/settings", Map.of("timeZone", "+02:00"));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.json().get("type").asString()).isEqualTo("urn:mercator:problem:validation-failed");
        assertThat(api.get("/api/analytics/sales").status()).isEqualTo(401);
        Api.Response empty = shop.api().get("/api/analytics/sales?from=2026-03-01&to=2026-03-02");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("rows").size()).isZero();
    }
}
