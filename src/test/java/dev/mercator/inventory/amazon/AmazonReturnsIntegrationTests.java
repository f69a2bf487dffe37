package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Amazon returns read from the simulator's Reports API over real HTTP (createReport, getReport until DONE,
 * getReportDocument, a GZIP download), routed by disposition (ADR 23), and the FBA pool from getInventorySummaries.
 */
class AmazonReturnsIntegrationTests extends AmazonIntegrationTest {

    private static final String FBA_HEADER = String.join(
            "\t",
            "return-date",
            "order-id",
            "sku",
            "asin",
            "fnsku",
            "product-name",
            "quantity",
            "fulfillment-center-id",
            "detailed-disposition",
            "reason",
            "status",
            "license-plate-number",
            "customer-comments");

    @Autowired
    AmazonReturnsPoller poller;

    @Autowired
    AmazonOrdersPoller orders;

    @Autowired
    JdbcClient jdbc;

    private Shop connectedShop(boolean gzip) {
        AmazonSandbox.SellerBuilder builder = sandbox.newSeller();
        if (!gzip) {
            builder.uncompressedReports();
        }
        return shop(builder.register());
    }

    private void seedReturn(
            Shop shop,
            String fulfilledBy,
            String orderId,
            String sku,
            int quantity,
            String disposition,
            String lpn,
            Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fulfilledBy", fulfilledBy);
        body.put("orderId", orderId);
        body.put("sku", sku);
        body.put("quantity", quantity);
        body.put("disposition", disposition);
        body.put("reason", "DEFECTIVE_OR_DAMAGED");
        body.put("licensePlateNumber", lpn);
        body.put("returnDate", at.toString());
        Api.Response created = sandbox.api().post("/sandbox/amazon/_sim/sellers/" + shop.sellerId() + "/returns", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private void nextReport(Shop shop, String reportType, String content) {
        Api.Response set = sandbox.api()
                .post(
                        "/sandbox/amazon/_sim/sellers/" + shop.sellerId() + "/next-report",
                        Map.of("reportType", reportType, "content", content));
        assertThat(set.status()).isEqualTo(204);
    }

    private static JsonNode returns(Shop shop, String query) {
        return shop.tenant().api().get("/api/returns?size=200" + query).json();
    }

    private static String statusOf(Shop shop, String disposition) {
        JsonNode items = returns(shop, "&sku=MUG").get("items");
        for (JsonNode item : items) {
            if (disposition.equals(item.get("reportedDisposition").asString(""))) {
                return item.get("status").asString();
            }
        }
        throw new AssertionError("no return with disposition " + disposition + " in " + items);
    }

    @Test
    void fbaReturnsOfEveryDispositionAreRoutedFromTheGzippedReportAndNeverTouchPhysical() {
        Shop shop = connectedShop(true);
        shop.setPhysical("MUG", 10);
        Instant at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String[] dispositions = {
            "SELLABLE",
            "CARRIER_DAMAGED",
            "DISTRIBUTOR_DAMAGED",
            "WAREHOUSE_DAMAGED",
            "CUSTOMER_DAMAGED",
            "DEFECTIVE",
            "EXPIRED",
            "SHINY_NEW_VALUE"
        };
        for (int i = 0; i < dispositions.length; i++) {
            seedReturn(shop, "AMAZON", "114-0000000-000000" + i, "MUG", i == 0 ? 2 : 1, dispositions[i], "LPN" + i, at);
        }

        AmazonReturnsPoller.Pass pass = poller.pollReport(shop.merchant(), ReturnReports.FBA);
        poller.syncPool(shop.merchant());

        assertThat(pass.applied()).isTrue();
        assertThat(pass.recorded()).isEqualTo(dispositions.length);
        assertThat(statusOf(shop, "SELLABLE")).isEqualTo("at_amazon");
        assertThat(statusOf(shop, "CARRIER_DAMAGED")).isEqualTo("claim");
        assertThat(statusOf(shop, "DISTRIBUTOR_DAMAGED")).isEqualTo("claim");
        assertThat(statusOf(shop, "WAREHOUSE_DAMAGED")).isEqualTo("claim");
        assertThat(statusOf(shop, "CUSTOMER_DAMAGED")).isEqualTo("written_off");
        assertThat(statusOf(shop, "DEFECTIVE")).isEqualTo("written_off");
        assertThat(statusOf(shop, "EXPIRED")).isEqualTo("written_off");
        assertThat(statusOf(shop, "SHINY_NEW_VALUE")).isEqualTo("held");
        assertThat(shop.physical("MUG")).isEqualTo(10);
        JsonNode claims = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> shop.tenant()
                                .api()
                                .get("/api/alerts?type=returns.reimbursement_claim")
                                .json(),
                        page -> page.get("total").asLong() == 3);
        assertThat(claims.get("items").get(0).get("details").get("claimBy").asString())
                .isEqualTo(at.plus(Duration.ofDays(120)).toString().substring(0, 10));
        JsonNode pool =
                shop.tenant().api().get("/api/returns/fba-pool?sku=MUG").json().get(0);
        assertThat(pool.get("fbaFulfillable").asInt()).isEqualTo(2);
        assertThat(pool.get("fbaUnfulfillable").asInt()).isEqualTo(7);
        assertThat(pool.get("physical").asInt()).isEqualTo(10);
        assertThat(sandbox.calls(shop.seller(), "createReport")).isEqualTo(1);
        assertThat(sandbox.calls(shop.seller(), "getReportDocument")).isEqualTo(1);
    }

    @Test
    void overlappingWindowsAndAReportDeliveredTwiceApplyEachRowOnce() {
        Shop shop = connectedShop(false);
        shop.setPhysical("MUG", 10);
        Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        // Two identical rows: two units returned under one license plate, told as two rows. Both count, once each.
        seedReturn(shop, "AMAZON", "114-1111111-1111111", "MUG", 1, "CARRIER_DAMAGED", "LPNSAME", at);
        seedReturn(shop, "AMAZON", "114-1111111-1111111", "MUG", 1, "CARRIER_DAMAGED", "LPNSAME", at);

        AmazonReturnsPoller.Pass first = poller.pollReport(shop.merchant(), ReturnReports.FBA);
        AmazonReturnsPoller.Pass overlapping = poller.pollReport(shop.merchant(), ReturnReports.FBA);
        String document = FBA_HEADER + "\n" + at
                + "\t114-2222222-2222222\tMUG\tB0\tX0\tMug\t1\tPHX7\tSELLABLE\tUNWANTED\tok\tLPNX\t\n";
        AmazonReturnsPoller.Pass delivered = poller.apply(
                shop.merchant(), ReturnReports.FBA, document.getBytes(StandardCharsets.UTF_8), Instant.now());
        AmazonReturnsPoller.Pass again = poller.apply(
                shop.merchant(), ReturnReports.FBA, document.getBytes(StandardCharsets.UTF_8), Instant.now());

        assertThat(first.recorded()).isEqualTo(2);
        assertThat(overlapping.rows()).isEqualTo(2);
        assertThat(overlapping.duplicates()).isEqualTo(2);
        assertThat(overlapping.recorded()).isZero();
        assertThat(delivered.recorded()).isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(returns(shop, "").get("total").asLong()).isEqualTo(3);
        assertThat(shop.physical("MUG")).isEqualTo(10);
    }

    @Test
    void merchantFulfilledReturnsWaitForInspectionAndRestockOnce() {
        Shop shop = connectedShop(true);
        shop.setPhysical("MUG", 10);
        String order = sandbox.seedOrder(shop.seller(), "SHIPPED", "MERCHANT", Map.of("MUG", 2));
        orders.poll(shop.merchant());
        assertThat(shop.physical("MUG")).isEqualTo(8);
        seedReturn(
                shop, "MERCHANT", order, "MUG", 1, "SELLABLE", "", Instant.now().minus(Duration.ofMinutes(30)));

        AmazonReturnsPoller.Pass pass = poller.pollReport(shop.merchant(), ReturnReports.MFN);
        JsonNode waiting = returns(shop, "&status=awaiting_inspection").get("items");

        assertThat(pass.recorded()).isEqualTo(1);
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).get("orderId").asString()).isEqualTo(order);
        assertThat(shop.physical("MUG")).isEqualTo(8);
        Api.Response inspected = shop.tenant()
                .api()
                .post(
                        "/api/returns/" + waiting.get(0).get("id").asString() + "/inspect",
                        Map.of("disposition", "sellable"));
        assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);
        assertThat(shop.physical("MUG")).isEqualTo(9);
        AmazonReturnsPoller.Pass again = poller.pollReport(shop.merchant(), ReturnReports.MFN);
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(shop.physical("MUG")).isEqualTo(9);
    }

    @Test
    void aReportWithUnknownOrMissingColumnsIsHeldWholeWithAnAlertAndReadAgain() {
        Shop shop = connectedShop(true);
        Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        nextReport(
                shop,
                ReturnReports.FBA,
                FBA_HEADER + "\tsurprise\n" + at + "\t114-3\tMUG\tB0\tX0\tMug\t1\tPHX7\tSELLABLE\tR\tok\tL1\t\tx\n");

        AmazonReturnsPoller.Pass unknown = poller.pollReport(shop.merchant(), ReturnReports.FBA);

        assertThat(unknown.applied()).isFalse();
        assertThat(returns(shop, "").get("total").asLong()).isZero();
        JsonNode alert = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> shop.tenant()
                                .api()
                                .get("/api/alerts?type=returns.held")
                                .json()
                                .get("items"),
                        items -> items.size() > 0)
                .get(0);
        assertThat(alert.get("message").asString()).contains("surprise");

        nextReport(shop, ReturnReports.FBA, "return-date\torder-id\tsku\n" + at + "\t114-3\tMUG\n");
        AmazonReturnsPoller.Pass missing = poller.pollReport(shop.merchant(), ReturnReports.FBA);
        assertThat(missing.applied()).isFalse();
        assertThat(returns(shop, "").get("total").asLong()).isZero();

        // The window was not moved past: the next (good) report reads the same rows.
        seedReturn(shop, "AMAZON", "114-3333333-3333333", "MUG", 1, "SELLABLE", "L1", at);
        assertThat(poller.pollReport(shop.merchant(), ReturnReports.FBA).recorded())
                .isEqualTo(1);
    }

    @Test
    void badRowsAreHeldWithTheirProblemAndGoodRowsOfTheSameReportApply() {
        Shop shop = connectedShop(true);
        String at = Instant.now()
                .minus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        nextReport(
                shop,
                ReturnReports.FBA,
                FBA_HEADER + "\n"
                        + at + "\t114-4\tGOOD\tB0\tX0\tMug\t1\tPHX7\tCARRIER_DAMAGED\tR\tok\tL1\t\n"
                        + "yesterday\t114-5\tBADDATE\tB0\tX0\tMug\t1\tPHX7\tSELLABLE\tR\tok\tL2\t\n"
                        + at + "\t114-6\tBADQTY\tB0\tX0\tMug\tmany\tPHX7\tSELLABLE\tR\tok\tL3\t\n"
                        + at + "\t\tNOORDER\tB0\tX0\tMug\t1\tPHX7\tSELLABLE\tR\tok\tL4\t\n");

        AmazonReturnsPoller.Pass pass = poller.pollReport(shop.merchant(), ReturnReports.FBA);

        assertThat(pass.applied()).isTrue();
        assertThat(pass.recorded()).isEqualTo(4);
        assertThat(pass.held()).isEqualTo(3);
        JsonNode held = returns(shop, "&status=held").get("items");
        assertThat(held).hasSize(3);
        assertThat(held.toString()).contains("bad return date", "bad quantity", "no usable order id");
        assertThat(returns(shop, "&status=claim").get("total").asLong()).isEqualTo(1);
        // The same report again holds nothing twice.
        assertThat(poller.apply(
                                shop.merchant(),
                                ReturnReports.FBA,
                                (FBA_HEADER + "\n"
                                                + "yesterday\t114-5\tBADDATE\tB0\tX0\tMug\t1\tPHX7\tSELLABLE\tR\tok\tL2\t\n")
                                        .getBytes(StandardCharsets.UTF_8),
                                Instant.now())
                        .duplicates())
                .isEqualTo(1);
    }

    @Test
    void aDocumentThatFailsMidwayAppliesNoneOfItsRowsAndItsRepeatAppliesEachOnce() {
        Shop shop = connectedShop(true);
        String poison = "POISON-" + UUID.randomUUID().toString().substring(0, 8);
        String constraint = "test_" + poison.replace('-', '_').toLowerCase(java.util.Locale.ROOT);
        String at = Instant.now()
                .minus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        byte[] document = (FBA_HEADER + "\n"
                        + at + "\t114-7777777-0000001\tMUG\tB0\tX0\tMug\t1\tPHX7\tCARRIER_DAMAGED\tR\tok\tL1\t\n"
                        + at + "\t" + poison + "\tMUG\tB0\tX0\tMug\t1\tPHX7\tSELLABLE\tR\tok\tL2\t\n")
                .getBytes(StandardCharsets.UTF_8);
        // The database refuses the second row, as a crash right after the first row was written would cut it off.
        jdbc.sql("alter table inventory_returns add constraint " + constraint + " check (order_id <> '" + poison + "')")
                .update();
        try {
            assertThatThrownBy(() -> poller.apply(shop.merchant(), ReturnReports.FBA, document, Instant.now()))
                    .isInstanceOf(DataAccessException.class);
            assertThat(returns(shop, "").get("total").asLong()).isZero();
            assertThat(jdbc.sql("select count(*) from amazon_return_watermarks where merchant_id = :m")
                            .param("m", shop.merchant().value())
                            .query(Long.class)
                            .single())
                    .isZero();
        } finally {
            jdbc.sql("alter table inventory_returns drop constraint " + constraint)
                    .update();
        }

        AmazonReturnsPoller.Pass repeated = poller.apply(shop.merchant(), ReturnReports.FBA, document, Instant.now());

        assertThat(repeated.recorded()).isEqualTo(2);
        assertThat(returns(shop, "").get("total").asLong()).isEqualTo(2);
        JsonNode claim = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> shop.tenant()
                                .api()
                                .get("/api/alerts?type=returns.reimbursement_claim")
                                .json(),
                        page -> page.get("total").asLong() > 0)
                .get("items")
                .get(0);
        // Raised once: the claim of the failed attempt was never published.
        assertThat(claim.get("count").asLong()).isEqualTo(1);
        assertThat(shop.tenant()
                        .api()
                        .get("/api/alerts?type=returns.reimbursement_claim")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }
}
