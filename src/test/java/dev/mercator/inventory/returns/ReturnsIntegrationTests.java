package dev.mercator.inventory.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.StockSource;
import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Returns reported through {@code POST /api/returns} and the signed returns webhook, routed by disposition (ADR 23),
 * against the whole service over HTTP. Orders are recorded in the real ledger as the Amazon poller records them.
 */
class ReturnsIntegrationTests extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    InventoryLedger ledger;

    @Autowired
    JdbcClient jdbc;

    /** A merchant with SKU {@code sku} at {@code physical} after an Amazon merchant-fulfilled order took {@code sold}. */
    private Tenant merchantWithOrder(String name, String sku, int physical, String orderId, int sold) {
        Tenant shop = newMerchant(name);
        expect(shop.api().put("/api/inventory/" + sku, Map.of("physical", physical + sold)), 200);
        ledger.apply(
                MerchantId.of(shop.id()),
                StockChange.delta(
                        StockChange.ItemRef.sku(sku),
                        -sold,
                        StockSource.AMAZON,
                        "amazon:A1TEST:order:" + orderId + ":item:1",
                        "amazon order " + orderId,
                        "amazon:A1TEST"));
        return shop;
    }

    private static Map<String, Object> aReturn(
            String orderId, String sku, int quantity, String fulfilledBy, String disposition) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", orderId);
        body.put("sku", sku);
        body.put("quantity", quantity);
        body.put("channel", "amazon");
        body.put("fulfilledBy", fulfilledBy);
        if (disposition != null) {
            body.put("disposition", disposition);
        }
        body.put("reason", "CUSTOMER_CHANGED_MIND");
        body.put("returnedAt", "2026-11-20T10:00:00Z");
        body.put("unitValue", 12.50);
        body.put("currency", "USD");
        return body;
    }

    private static int physical(Tenant shop, String sku) {
        return shop.api().get("/api/inventory/" + sku).json().get("physical").asInt();
    }

    private static long ledgerRows(Tenant shop, String sku) {
        return shop.api()
                .get("/api/inventory/" + sku + "/history?size=500")
                .json()
                .get("total")
                .asLong();
    }

    private static JsonNode awaitAlert(Tenant shop, String type) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> shop.api().get("/api/alerts?type=" + type).json().get("items"), items -> items.size() > 0)
                .get(0);
    }

    @Test
    void aSellableMerchantFulfilledReturnRestocksPhysicalOnceThroughTheLedger() {
        Tenant shop = merchantWithOrder("Restocker", "MUG-1", 5, "111-0000001-0000001", 2);

        Api.Response first = shop.api()
                .post(
                        "/api/returns",
                        aReturn("111-0000001-0000001", "MUG-1", 1, "merchant", "SELLABLE"),
                        "Idempotency-Key",
                        "rma-1");
        Api.Response retry = shop.api()
                .post(
                        "/api/returns",
                        aReturn("111-0000001-0000001", "MUG-1", 1, "merchant", "SELLABLE"),
                        "Idempotency-Key",
                        "rma-1");

        expect(first, 201);
        expect(retry, 200);
        assertThat(retry.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(first.json().get("status").asString()).isEqualTo("restocked");
        assertThat(physical(shop, "MUG-1")).isEqualTo(6);
        JsonNode history = shop.api().get("/api/inventory/MUG-1/history").json().get("items");
        JsonNode restock = history.get(history.size() - 1);
        assertThat(restock.get("delta").asInt()).isEqualTo(1);
        assertThat(restock.get("source").asString()).isEqualTo("return");
        assertThat(restock.get("reason").asString())
                .contains(first.json().get("id").asString());
    }

    @Test
    void anFbaSellableReturnNeverChangesPhysical() {
        Tenant shop = merchantWithOrder("FBA seller", "FBA-1", 7, "111-0000002-0000002", 1);
        long rows = ledgerRows(shop, "FBA-1");

        Api.Response created =
                shop.api().post("/api/returns", aReturn("113-9999999-0000001", "FBA-1", 3, "amazon", "SELLABLE"));

        expect(created, 201);
        assertThat(created.json().get("status").asString()).isEqualTo("at_amazon");
        assertThat(physical(shop, "FBA-1")).isEqualTo(7);
        assertThat(ledgerRows(shop, "FBA-1")).isEqualTo(rows);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "merchant, SELLABLE, restocked, 1",
        "amazon, SELLABLE, at_amazon, 0",
        "merchant, CARRIER_DAMAGED, claim, 0",
        "amazon, CARRIER_DAMAGED, claim, 0",
        "amazon, DISTRIBUTOR_DAMAGED, claim, 0",
        "amazon, WAREHOUSE_DAMAGED, claim, 0",
        "merchant, CUSTOMER_DAMAGED, written_off, 0",
        "amazon, DEFECTIVE, written_off, 0",
        "amazon, EXPIRED, written_off, 0",
        "merchant, DAMAGED, written_off, 0",
        "merchant, UNSELLABLE, written_off, 0",
        "merchant, UNKNOWN, held, 0",
        "amazon, UNKNOWN, held, 0",
        "amazon, SOMETHING_NEW, held, 0",
    })
    void eachDispositionOnEachFulfilmentIsRoutedAsADR23Says(
            String fulfilledBy, String disposition, String status, int restocked) {
        Tenant shop = merchantWithOrder("Router " + disposition, "R-1", 10, "111-0000003-0000003", 2);

        Api.Response created =
                shop.api().post("/api/returns", aReturn("111-0000003-0000003", "R-1", 1, fulfilledBy, disposition));

        expect(created, 201);
        assertThat(created.json().get("status").asString()).isEqualTo(status);
        assertThat(physical(shop, "R-1")).isEqualTo(10 + restocked);
        switch (status) {
            case "claim" -> {
                JsonNode alert = awaitAlert(shop, "returns.reimbursement_claim");
                assertThat(alert.get("severity").asString()).isEqualTo("critical");
                assertThat(alert.get("details").get("units").asString()).isEqualTo("1");
                assertThat(alert.get("details").get("orderId").asString()).isEqualTo("111-0000003-0000003");
                assertThat(alert.get("details").get("value").asString()).isEqualTo("12.50");
                // 120 days (Amazon's customer return claim window) after the return.
                assertThat(alert.get("details").get("claimBy").asString()).isEqualTo("2027-03-20");
                assertThat(created.json().get("claimBy").asString()).startsWith("2027-03-20");
            }
            case "written_off" -> {
                if (disposition.equals("CUSTOMER_DAMAGED")
                        || disposition.equals("DEFECTIVE")
                        || disposition.equals("DAMAGED")) {
                    assertThat(awaitAlert(shop, "returns.damaged")
                                    .get("severity")
                                    .asString())
                            .isEqualTo("warning");
                }
            }
            case "held" -> {
                JsonNode alert = awaitAlert(shop, "returns.held");
                assertThat(alert.get("severity").asString()).isEqualTo("warning");
                assertThat(created.json().get("heldReason").asString()).contains("unknown disposition");
                assertThat(created.json().get("disposition").isNull()).isTrue();
            }
            default -> {}
        }
    }

    @Test
    void concurrentInspectionsOfOneReturnRestockItOnce() throws Exception {
        Tenant shop = merchantWithOrder("Inspectors", "INS-1", 4, "111-0000004-0000004", 3);
        String id = expect(
                        shop.api().post("/api/returns", aReturn("111-0000004-0000004", "INS-1", 3, "merchant", null)),
                        201)
                .json()
                .get("id")
                .asString();
        assertThat(shop.api().get("/api/returns/" + id).json().get("status").asString())
                .isEqualTo("awaiting_inspection");

        List<Integer> statuses = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return shop.api()
                            .post("/api/returns/" + id + "/inspect", Map.of("disposition", "sellable"))
                            .status();
                }));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
        }

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(physical(shop, "INS-1")).isEqualTo(7);
        Api.Response again = shop.api().post("/api/returns/" + id + "/inspect", Map.of("disposition", "sellable"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(physical(shop, "INS-1")).isEqualTo(7);
        // The one inspection that routed is in the audit trail, once, with what was found (ADR 25).
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(shop.api()
                                .get("/api/audit?subject=return:" + id)
                                .json()
                                .get("items")
                                .valueStream()
                                .filter(r -> r.get("action").asString().equals("return.inspected"))
                                .map(r -> r.get("after").get("disposition").asString()))
                        .containsExactly("sellable"));
    }

    @Test
    void anFbaReturnCannotBeInspected() {
        Tenant shop = merchantWithOrder("FBA inspect", "FI-1", 2, "111-0000005-0000005", 1);
        String id = expect(
                        shop.api().post("/api/returns", aReturn("114-0000000-0000001", "FI-1", 1, "amazon", "UNKNOWN")),
                        201)
                .json()
                .get("id")
                .asString();

        Api.Response inspected = shop.api().post("/api/returns/" + id + "/inspect", Map.of("disposition", "sellable"));

        assertThat(inspected.status()).isEqualTo(409);
        assertThat(inspected.json().get("detail").asString()).contains("fulfilled by Amazon");
        assertThat(physical(shop, "FI-1")).isEqualTo(2);
    }

    @Test
    void aReturnForAnOrderMercatorNeverSawIsHeldAndInspectingItRoutesIt() {
        Tenant shop = merchantWithOrder("Stranger orders", "SO-1", 3, "111-0000006-0000006", 1);

        Api.Response held = expect(
                shop.api().post("/api/returns", aReturn("999-0000000-0000000", "SO-1", 1, "merchant", "SELLABLE")),
                201);

        assertThat(held.json().get("status").asString()).isEqualTo("held");
        assertThat(held.json().get("heldReason").asString()).contains("never saw");
        assertThat(physical(shop, "SO-1")).isEqualTo(3);
        awaitAlert(shop, "returns.held");
        Api.Response inspected = shop.api()
                .post(
                        "/api/returns/" + held.json().get("id").asString() + "/inspect",
                        Map.of("disposition", "SELLABLE"));
        assertThat(inspected.json().get("status").asString()).isEqualTo("restocked");
        assertThat(physical(shop, "SO-1")).isEqualTo(4);
    }

    @Test
    void moreUnitsThanTheOrderHadAreRefusedAndNothingIsStored() {
        Tenant shop = merchantWithOrder("Over returns", "OR-1", 3, "111-0000007-0000007", 2);
        expect(shop.api().post("/api/returns", aReturn("111-0000007-0000007", "OR-1", 1, "merchant", "SELLABLE")), 201);

        Map<String, Object> more = aReturn("111-0000007-0000007", "OR-1", 2, "merchant", "SELLABLE");
        more.put("returnedAt", "2026-11-21T10:00:00Z");

        Api.Response refused = shop.api().post("/api/returns", more);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("quantity");
        assertThat(shop.api().get("/api/returns").json().get("total").asLong()).isEqualTo(1);
        assertThat(physical(shop, "OR-1")).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "quantity|{\"orderId\":\"1\",\"sku\":\"S\",\"quantity\":0,\"channel\":\"amazon\",\"fulfilledBy\":\"merchant\"}",
                "sku|{\"orderId\":\"1\",\"quantity\":1,\"channel\":\"amazon\",\"fulfilledBy\":\"merchant\"}",
                "channel|{\"orderId\":\"1\",\"sku\":\"S\",\"quantity\":1,\"channel\":\"ebay\",\"fulfilledBy\":\"merchant\"}",
                "fulfilledBy|{\"orderId\":\"1\",\"sku\":\"S\",\"quantity\":1,\"channel\":\"shopify\",\"fulfilledBy\":\"amazon\"}",
                "orderId|{\"orderId\":\"a b\",\"sku\":\"S\",\"quantity\":1,\"channel\":\"amazon\",\"fulfilledBy\":\"merchant\"}",
                "returnedAt|{\"orderId\":\"1\",\"sku\":\"S\",\"quantity\":1,\"channel\":\"amazon\",\"fulfilledBy\":\"merchant\",\"returnedAt\":\"2999-01-01T00:00:00Z\"}",
                "currency|{\"orderId\":\"1\",\"sku\":\"S\",\"quantity\":1,\"channel\":\"amazon\",\"fulfilledBy\":\"merchant\",\"currency\":\"usd\"}",
            })
    void badReturnsAreRefusedWithTheFailingFieldAndNothingIsStored(String field, String body) {
        Tenant shop = newMerchant("Bad input " + field);

        Api.Response refused =
                shop.api().send("POST", "/api/returns", "application/json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"" + field + "\"");
        assertThat(shop.api().get("/api/returns").json().get("total").asLong()).isZero();
    }

    @Test
    void badFiltersAndInspectionsAreRefusedWithTheFailingField() {
        Tenant shop = newMerchant("Bad filters");

        assertThat(shop.api().get("/api/returns?status=lost").body()).contains("\"status\"");
        assertThat(shop.api().get("/api/returns?disposition=broken").body()).contains("\"disposition\"");
        assertThat(shop.api().get("/api/returns?from=yesterday").status()).isEqualTo(400);
        assertThat(shop.api()
                        .get("/api/returns?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                        .status())
                .isEqualTo(400);
        Api.Response badInspection = shop.api()
                .post("/api/returns/00000000-0000-0000-0000-000000000001/inspect", Map.of("disposition", "shiny"));
        assertThat(badInspection.status()).isEqualTo(400);
        assertThat(badInspection.body()).contains("\"disposition\"");
        assertThat(shop.api().get("/api/returns/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void returnsListsFilterAndStatsShowTheReturnRate() {
        Tenant shop = merchantWithOrder("Stats", "ST-1", 10, "111-0000008-0000008", 4);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> damaged = aReturn("111-0000008-0000008", "ST-1", 1, "merchant", "CUSTOMER_DAMAGED");
        damaged.put("returnedAt", now);
        damaged.put("reason", "DAMAGED_BY_CUSTOMER");
        Map<String, Object> sellable = aReturn("111-0000008-0000008", "ST-1", 1, "merchant", "SELLABLE");
        sellable.put("returnedAt", now);
        sellable.put("licensePlateNumber", "LPN2");
        expect(shop.api().post("/api/returns", damaged), 201);
        expect(shop.api().post("/api/returns", sellable), 201);

        JsonNode listed = shop.api()
                .get("/api/returns?disposition=customer_damaged&sku=ST-1")
                .json();
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        assertThat(shop.api()
                        .get("/api/returns?status=restocked")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(shop.api()
                        .get("/api/returns?from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z")
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        JsonNode stats = shop.api().get("/api/returns/stats?sku=ST-1").json();
        JsonNode thirty = stats.get("windows").get(0);
        assertThat(thirty.get("days").asInt()).isEqualTo(30);
        assertThat(thirty.get("unitsSold").asLong()).isEqualTo(4);
        assertThat(thirty.get("unitsReturned").asLong()).isEqualTo(2);
        assertThat(thirty.get("returnRate").asDouble()).isEqualTo(0.5);
        assertThat(thirty.get("reasons").get("DAMAGED_BY_CUSTOMER").asLong()).isEqualTo(1);
        assertThat(stats.get("windows").get(1).get("days").asInt()).isEqualTo(90);
    }

    @Test
    void aMerchantSeesAndInspectsOnlyItsOwnReturns() {
        Tenant owner = merchantWithOrder("Owner", "TEN-1", 2, "111-0000009-0000009", 2);
        Tenant other = merchantWithOrder("Other", "TEN-1", 2, "111-0000009-0000010", 2);
        String id = expect(
                        owner.api().post("/api/returns", aReturn("111-0000009-0000009", "TEN-1", 1, "merchant", null)),
                        201)
                .json()
                .get("id")
                .asString();

        assertThat(other.api().get("/api/returns/" + id).status()).isEqualTo(404);
        assertThat(other.api().get("/api/returns").json().get("total").asLong()).isZero();
        assertThat(other.api()
                        .post("/api/returns/" + id + "/inspect", Map.of("disposition", "sellable"))
                        .status())
                .isEqualTo(404);
        assertThat(other.api()
                        .get("/api/returns/stats?sku=TEN-1")
                        .json()
                        .get("windows")
                        .get(0)
                        .get("unitsReturned")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/returns").status()).isEqualTo(401);
        assertThat(physical(owner, "TEN-1")).isEqualTo(2);
        assertThat(owner.api().get("/api/returns/" + id).status()).isEqualTo(200);
        // The FBA pool Amazon reported for one merchant is not shown to another.
        jdbc.sql("""
                        insert into inventory_fba_pool (merchant_id, seller_sku, fulfillable, unfulfillable, total,
                            read_at)
                        values (:merchant, 'TEN-1', 4, 1, 5, current_timestamp)""").param("merchant", java.util.UUID.fromString(owner.id())).update();
        assertThat(owner.api().get("/api/returns/fba-pool?sku=TEN-1").json()).hasSize(1);
        assertThat(other.api().get("/api/returns/fba-pool?sku=TEN-1").json()).isEmpty();
        assertThat(other.api().get("/api/returns/fba-pool").json()).isEmpty();
        assertThat(api.get("/api/returns/fba-pool").status()).isEqualTo(401);
    }

    @Test
    void aSellableReturnOfASkuMercatorCannotMapIsKeptAsUnmappedNotDroppedNorGuessed() {
        Tenant shop = newMerchant("Unmapped returns");
        // An Amazon order of a seller SKU no Mercator SKU maps to: kept as unmapped, as every such event is.
        ledger.apply(
                MerchantId.of(shop.id()),
                StockChange.delta(
                        StockChange.ItemRef.amazonSellerSku("NOBODY-KNOWS-1"),
                        -2,
                        StockSource.AMAZON,
                        "amazon:A1TEST:order:111-0000077-0000077:item:1",
                        "amazon order 111-0000077-0000077",
                        "amazon:A1TEST"));

        Api.Response returned = shop.api()
                .post(
                        "/api/returns",
                        aReturn("111-0000077-0000077", "NOBODY-KNOWS-1", 1, "merchant", "SELLABLE"),
                        "Idempotency-Key",
                        "rma-unmapped");
        Api.Response again = shop.api()
                .post(
                        "/api/returns",
                        aReturn("111-0000077-0000077", "NOBODY-KNOWS-1", 1, "merchant", "SELLABLE"),
                        "Idempotency-Key",
                        "rma-unmapped");

        expect(returned, 201);
        expect(again, 200);
        String id = returned.json().get("id").asString();
        assertThat(returned.json().get("status").asString()).isEqualTo("restock_pending");
        assertThat(jdbc.sql("""
                                select count(*) from inventory_unmapped
                                where merchant_id = :merchant and source_event_id = :event and amount = 1""")
                        .param("merchant", java.util.UUID.fromString(shop.id()))
                        .param("event", "return:" + id)
                        .query(Long.class)
                        .single())
                .as("the restock kept as unmapped, once")
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from inventory_ledger where merchant_id = :merchant")
                        .param("merchant", java.util.UUID.fromString(shop.id()))
                        .query(Long.class)
                        .single())
                .as("nothing guessed into a mapped SKU's ledger")
                .isZero();
    }

    @Test
    void theSignedWebhookRoutesAndDedupsLikeTheApi() throws Exception {
        Tenant shop = merchantWithOrder("Webhook 3PL", "WH-1", 5, "111-0000010-0000010", 2);
        Tenant stranger = newMerchant("Stranger");
        String secret = expect(shop.api().post("/api/returns/webhook-secret", Map.of()), 201)
                .json()
                .get("secret")
                .asString();
        String strangerSecret = expect(stranger.api().post("/api/returns/webhook-secret", Map.of()), 201)
                .json()
                .get("secret")
                .asString();
        byte[] body = JSON.writeValueAsBytes(aReturn("111-0000010-0000010", "WH-1", 2, "merchant", "SELLABLE"));

        Api.Response first = deliver(shop.id(), body, ReturnWebhookSecrets.sign(body, secret), "3pl-77");
        Api.Response redelivered = deliver(shop.id(), body, ReturnWebhookSecrets.sign(body, secret), "3pl-77");
        Api.Response forged = deliver(shop.id(), body, ReturnWebhookSecrets.sign(body, strangerSecret), "3pl-78");
        Api.Response unsigned = deliver(shop.id(), body, null, "3pl-79");
        Api.Response noKey = deliver(shop.id(), body, ReturnWebhookSecrets.sign(body, secret), null);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(redelivered.status()).isEqualTo(200);
        assertThat(redelivered.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(forged.status()).isEqualTo(401);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body()).contains("Idempotency-Key");
        assertThat(physical(shop, "WH-1")).isEqualTo(7);
        assertThat(shop.api().get("/api/returns").json().get("total").asLong()).isEqualTo(1);
        assertThat(stranger.api().get("/api/returns").json().get("total").asLong())
                .isZero();
    }

    private Api.Response deliver(String merchant, byte[] body, String signature, String idempotencyKey) {
        List<String> headers = new ArrayList<>(List.of(ReturnsWebhook.MERCHANT, merchant));
        if (signature != null) {
            headers.addAll(List.of(ReturnsWebhook.SIGNATURE, signature));
        }
        if (idempotencyKey != null) {
            headers.addAll(List.of("Idempotency-Key", idempotencyKey));
        }
        return api.send("POST", ReturnsWebhook.PATH, "application/json", body, headers.toArray(String[]::new));
    }

    private static Api.Response expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }
}
