package dev.mercator.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.SimulatedShopify;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store simulator on the wire, as a Shopify client and a webhook endpoint see it: raw GraphQL documents, and a
 * stand-in webhook receiver on a port of its own.
 */
class ShopifySimulatorIntegrationTests extends IntegrationTest {

    private static final long LOCATION = 24826418L;
    private static final String SET = """
            mutation Set($input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) @idempotent(key: "%s") {
                inventoryAdjustmentGroup { id reason referenceDocumentUri changes { name delta quantityAfterChange } }
                userErrors { code field message }
              }
            }""";
    private static final String LEVEL = """
            query Level($item: ID!, $location: ID!) {
              inventoryItem(id: $item) {
                id sku
                level: inventoryLevel(locationId: $location) { quantities(names: ["available", "on_hand", "committed"]) { name quantity } }
              }
            }""";

    SimulatedShopify sim;
    String domain;
    String token;
    String secret;
    long item;
    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger refusalsLeft = new AtomicInteger();

    record Received(Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        JsonNode json() {
            return JsonMapper.builder().build().readTree(body);
        }
    }

    @BeforeEach
    void shop() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
            received.add(new Received(headers, exchange.getRequestBody().readAllBytes()));
            int status = refusalsLeft.getAndDecrement() > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        sim = new SimulatedShopify(api);
        domain = SimulatedShopify.newDomain();
        token = "shpat_" + UUID.randomUUID().toString().replace("-", "");
        secret = "whsec-" + UUID.randomUUID();
        sim.register(domain, token, secret, LOCATION, Map.of("webhookUrl", hookUrl(), "webhookRetryWindowMs", 2_000));
        item = sim.stock(domain, "MUG-RED", 15);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    Map<String, Object> input(int quantity, Object changeFrom) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("inventoryItemId", "gid://shopify/InventoryItem/" + item);
        entry.put("locationId", "gid://shopify/Location/" + LOCATION);
        entry.put("quantity", quantity);
        entry.put("changeFromQuantity", changeFrom);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "available");
        input.put("reason", "correction");
        input.put("referenceDocumentUri", "mercator://test/set-" + quantity);
        input.put("quantities", List.of(entry));
        return Map.of("input", input);
    }

    JsonNode set(String key, int quantity, Object changeFrom) {
        Api.Response response = sim.graphql(domain, token, SET.formatted(key), input(quantity, changeFrom));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void wrongOrMissingTokenGetsShopifysError() {
        Api.Response wrong = sim.graphql(domain, token + "x", "{ shop { name } }", Map.of());
        Api.Response missing =
                api.post("/sandbox/shopify/" + domain + "/admin/api/2026-04/graphql.json", Map.of("query", "{ x }"));

        for (Api.Response refused : List.of(wrong, missing)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/json");
            assertThat(refused.body())
                    .isEqualTo(
                            "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
        }
    }

    @Test
    void unknownShopOrVersionIsNotFoundAndOldVersionsFallForward() {
        Api.Response noShop = api.post(
                "/sandbox/shopify/nobody.myshopify.com/admin/api/2026-04/graphql.json",
                Map.of("query", "{ x }"),
                "X-Shopify-Access-Token",
                token);
        Api.Response noVersion = api.post(
                "/sandbox/shopify/" + domain + "/admin/api/2026-05/graphql.json",
                Map.of("query", "{ x }"),
                "X-Shopify-Access-Token",
                token);
        Api.Response old = api.post(
                "/sandbox/shopify/" + domain + "/admin/api/2025-10/graphql.json",
                Map.of("query", "{ __typename }"),
                "X-Shopify-Access-Token",
                token);

        assertThat(noShop.status()).isEqualTo(404);
        assertThat(noVersion.status()).isEqualTo(404);
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.header("X-Shopify-API-Version")).isEqualTo("2026-04");
    }

    @Test
    void readsTheLevelWithAliasesAndReportsTheCost() {
        Api.Response response = sim.graphql(
                domain,
                token,
                LEVEL,
                Map.of(
                        "item",
                        "gid://shopify/InventoryItem/" + item,
                        "location",
                        "gid://shopify/Location/" + LOCATION));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Shopify-API-Version")).isEqualTo("2026-04");
        JsonNode body = response.json();
        JsonNode itemNode = body.get("data").get("inventoryItem");
        assertThat(itemNode.get("sku").asString()).isEqualTo("MUG-RED");
        assertThat(itemNode.get("level").get("quantities").get(0).get("name").asString())
                .isEqualTo("available");
        assertThat(itemNode.get("level")
                        .get("quantities")
                        .get(0)
                        .get("quantity")
                        .asInt())
                .isEqualTo(15);
        assertThat(itemNode.get("level").has("id")).isFalse();
        JsonNode cost = body.get("extensions").get("cost");
        assertThat(cost.get("requestedQueryCost").asInt()).isEqualTo(3);
        assertThat(cost.get("actualQueryCost").asInt()).isEqualTo(3);
        assertThat(cost.get("throttleStatus").get("maximumAvailable").asDouble())
                .isEqualTo(2000.0);
        assertThat(cost.get("throttleStatus").get("restoreRate").asDouble()).isEqualTo(100.0);
        assertThat(cost.get("throttleStatus").get("currentlyAvailable").asInt()).isBetween(1990, 2000);

        Api.Response unknownItem = sim.graphql(
                domain,
                token,
                LEVEL,
                Map.of("item", "gid://shopify/InventoryItem/1", "location", "gid://shopify/Location/" + LOCATION));
        assertThat(unknownItem.json().get("data").get("inventoryItem").isNull()).isTrue();
    }

    @Test
    void setsWithAMatchingExpectationAndRefusesAStaleOne() {
        JsonNode applied = set(UUID.randomUUID().toString(), 12, 15);
        JsonNode stale = set(UUID.randomUUID().toString(), 20, 15);
        JsonNode unchecked = set(UUID.randomUUID().toString(), 9, null);

        JsonNode group = applied.get("data").get("inventorySetQuantities").get("inventoryAdjustmentGroup");
        assertThat(group.get("id").asString()).startsWith("gid://shopify/InventoryAdjustmentGroup/");
        assertThat(group.get("changes").get(0).get("name").asString()).isEqualTo("available");
        assertThat(group.get("changes").get(0).get("delta").asInt()).isEqualTo(-3);
        assertThat(group.get("changes").get(0).get("quantityAfterChange").asInt())
                .isEqualTo(12);
        assertThat(group.get("changes").get(1).get("name").asString()).isEqualTo("on_hand");
        assertThat(applied.get("extensions")
                        .get("cost")
                        .get("requestedQueryCost")
                        .asInt())
                .isEqualTo(10);

        JsonNode refused = stale.get("data").get("inventorySetQuantities");
        assertThat(refused.get("inventoryAdjustmentGroup").isNull()).isTrue();
        assertThat(refused.get("userErrors").get(0).get("code").asString()).isEqualTo("CHANGE_FROM_QUANTITY_STALE");
        assertThat(refused.get("userErrors").get(0).get("field").valueStream().map(JsonNode::asString))
                .containsExactly("input", "quantities", "0", "changeFromQuantity");

        assertThat(unchecked.get("data").get("inventorySetQuantities").get("userErrors"))
                .isEmpty();
        assertThat(sim.available(domain, item)).isEqualTo(9);
    }

    @Test
    void sameKeyAnswersTheFirstResultWithoutApplyingAgainAndRefusesOtherVariables() {
        String key = UUID.randomUUID().toString();
        JsonNode first = set(key, 12, 15);
        sim.edit(domain, item, 11);

        JsonNode replay = set(key, 12, 15);
        JsonNode otherVariables = set(key, 13, 11);

        assertThat(replay.get("data")).isEqualTo(first.get("data"));
        assertThat(sim.available(domain, item)).isEqualTo(11);
        assertThat(otherVariables
                        .get("data")
                        .get("inventorySetQuantities")
                        .get("userErrors")
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("IDEMPOTENCY_KEY_PARAMETER_MISMATCH");
        assertThat(sim.apiCounters(domain).get("idempotentReplays").asLong()).isEqualTo(1);
        assertThat(sim.apiCounters(domain).get("mutationsApplied").asLong()).isEqualTo(1);
    }

    @Test
    void the2026_04RulesAreEnforcedBeforeAnythingRuns() {
        Map<String, Object> noChangeFrom = new LinkedHashMap<>(input(1, 15));
        @SuppressWarnings("unchecked")
        Map<String, Object> original = (Map<String, Object>) noChangeFrom.get("input");
        Map<String, Object> stripped = new LinkedHashMap<>(original);
        stripped.put(
                "quantities",
                List.of(Map.of(
                        "inventoryItemId", "gid://shopify/InventoryItem/" + item,
                        "locationId", "gid://shopify/Location/" + LOCATION,
                        "quantity", 1)));
        Api.Response missingChangeFrom =
                sim.graphql(domain, token, SET.formatted(UUID.randomUUID()), Map.of("input", stripped));
        Map<String, Object> legacy = new LinkedHashMap<>(original);
        legacy.put("ignoreCompareQuantity", true);
        Api.Response legacyField =
                sim.graphql(domain, token, SET.formatted(UUID.randomUUID()), Map.of("input", legacy));
        Api.Response noKey = sim.graphql(
                domain,
                token,
                "mutation M($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) {"
                        + " userErrors { code } } }",
                input(1, 15));

        for (Api.Response refused : List.of(missingChangeFrom, legacyField, noKey)) {
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.json().has("data")).as(refused.toString()).isFalse();
            assertThat(refused.json().get("errors").get(0).get("message").asString())
                    .isNotBlank();
        }
        assertThat(missingChangeFrom.body()).contains("changeFromQuantity");
        assertThat(legacyField.body()).contains("ignoreCompareQuantity");
        assertThat(noKey.body()).contains("@idempotent");
        assertThat(sim.available(domain, item)).isEqualTo(15);
    }

    @Test
    void keyMayAlsoComeAsAVariable() {
        Map<String, Object> variables = new LinkedHashMap<>(input(14, 15));
        variables.put("key", UUID.randomUUID().toString());

        Api.Response response = sim.graphql(
                domain,
                token,
                "mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {"
                        + " inventorySetQuantities(input: $input) @idempotent(key: $key) { userErrors { code } } }",
                variables);

        assertThat(response.json().get("data").get("inventorySetQuantities").get("userErrors"))
                .isEmpty();
        assertThat(sim.available(domain, item)).isEqualTo(14);
    }

    @Test
    void syntaxErrorsAndUnknownFieldsAreReportedWithoutRunning() {
        Api.Response syntax = sim.graphql(domain, token, "{ inventoryItem(id: \"x\" { id }", Map.of());
        Api.Response unknown = sim.graphql(domain, token, "{ productVariants(first: 1) { nodes { id } } }", Map.of());

        assertThat(syntax.status()).isEqualTo(200);
        assertThat(syntax.json()
                        .get("errors")
                        .get(0)
                        .get("locations")
                        .get(0)
                        .get("line")
                        .asInt())
                .isEqualTo(1);
        assertThat(unknown.json().get("errors").get(0).get("message").asString())
                .isEqualTo("Field 'productVariants' doesn't exist on type 'QueryRoot'");
        assertThat(unknown.json()
                        .get("errors")
                        .get(0)
                        .get("extensions")
                        .get("code")
                        .asString())
                .isEqualTo("undefinedField");
        assertThat(unknown.json().get("extensions").get("cost")).isNotNull();
    }

    @Test
    void emptyBucketIsThrottledAt200WithTheCost() {
        sim.register(
                domain,
                token,
                secret,
                LOCATION,
                Map.of("webhookUrl", hookUrl(), "webhookRetryWindowMs", 2_000, "bucketSize", 12, "restoreRate", 0.01));

        JsonNode spent = set(UUID.randomUUID().toString(), 12, 15);
        JsonNode throttled = set(UUID.randomUUID().toString(), 11, 12);

        assertThat(spent.get("data").get("inventorySetQuantities").get("userErrors"))
                .isEmpty();
        assertThat(throttled.has("data")).isFalse();
        assertThat(throttled.get("errors").get(0).get("message").asString()).isEqualTo("Throttled");
        assertThat(throttled.get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("THROTTLED");
        JsonNode cost = throttled.get("extensions").get("cost");
        assertThat(cost.get("requestedQueryCost").asInt()).isEqualTo(10);
        assertThat(cost.get("actualQueryCost").isNull()).isTrue();
        assertThat(cost.get("throttleStatus").get("currentlyAvailable").asInt()).isLessThan(10);
        assertThat(sim.available(domain, item)).isEqualTo(12);
    }

    @Test
    void webhooksAreSignedCarryShopifysHeadersAndAreRetriedWithTheOriginalBody() throws Exception {
        refusalsLeft.set(1);

        sim.edit(domain, item, 7);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        Received first = received.get(0);
        Received retry = received.get(1);
        assertThat(first.header("X-Shopify-Topic")).isEqualTo("inventory_levels/update");
        assertThat(first.header("X-Shopify-Shop-Domain")).isEqualTo(domain);
        assertThat(first.header("X-Shopify-API-Version")).isEqualTo("2026-04");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(first.header("X-Shopify-Triggered-At")).isNotBlank();
        assertThat(first.header("X-Shopify-Hmac-Sha256")).isEqualTo(hmac(first.body(), secret));
        JsonNode level = first.json();
        assertThat(level.get("inventory_item_id").asLong()).isEqualTo(item);
        assertThat(level.get("location_id").asLong()).isEqualTo(LOCATION);
        assertThat(level.get("available").asInt()).isEqualTo(7);
        assertThat(level.get("admin_graphql_api_id").asString())
                .isEqualTo("gid://shopify/InventoryLevel/" + LOCATION + "?inventory_item_id=" + item);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("X-Shopify-Event-Id")).isEqualTo(first.header("X-Shopify-Event-Id"));
        assertThat(retry.header("X-Shopify-Webhook-Id")).isEqualTo(first.header("X-Shopify-Webhook-Id"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = sim.webhooks(domain).get("stats");
            assertThat(stats.get("pending").asLong()).isZero();
            assertThat(stats.get("attempts").asLong()).isEqualTo(2);
            assertThat(stats.get("failures").asLong()).isEqualTo(1);
            assertThat(stats.get("retries").asLong()).isEqualTo(1);
            assertThat(stats.get("successes").asLong()).isEqualTo(1);
        });
    }

    @Test
    void ordersCancellationsAndRefundsSendShopifysPayloads() {
        JsonNode order = sim.order(domain, "MUG-RED", 2);
        long orderId = order.get("id").asLong();
        sim.cancel(domain, orderId, true);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 5);
        Map<String, List<JsonNode>> byTopic = new HashMap<>();
        for (Received delivery : received) {
            byTopic.computeIfAbsent(delivery.header("X-Shopify-Topic"), t -> new ArrayList<>())
                    .add(delivery.json());
        }
        JsonNode created = byTopic.get("orders/create").getFirst();
        assertThat(created.get("id").asLong()).isEqualTo(orderId);
        assertThat(created.get("name").asString()).isEqualTo("#1001");
        assertThat(created.get("created_at").asString()).matches(".*[-+][0-9]{2}:[0-9]{2}");
        JsonNode line = created.get("line_items").get(0);
        assertThat(line.get("sku").asString()).isEqualTo("MUG-RED");
        assertThat(line.get("quantity").asInt()).isEqualTo(2);
        assertThat(line.get("variant_inventory_management").asString()).isEqualTo("shopify");
        JsonNode cancelled = byTopic.get("orders/cancelled").getFirst();
        assertThat(cancelled.get("cancelled_at").isNull()).isFalse();
        assertThat(cancelled.get("cancel_reason").asString()).isEqualTo("customer");
        JsonNode refund = byTopic.get("refunds/create").getFirst();
        assertThat(refund.get("order_id").asLong()).isEqualTo(orderId);
        assertThat(refund.get("refund_line_items").get(0).get("restock_type").asString())
                .isEqualTo("cancel");
        assertThat(refund.get("refund_line_items").get(0).get("line_item_id").asLong())
                .isEqualTo(line.get("id").asLong());
        assertThat(byTopic.get("inventory_levels/update"))
                .extracting(l -> l.get("available").asInt())
                .containsExactlyInAnyOrder(13, 15);
        assertThat(sim.available(domain, item)).isEqualTo(15);
    }

    @Test
    void duplicatesShareTheEventIdButNotTheWebhookId() {
        sim.register(
                domain,
                token,
                secret,
                LOCATION,
                Map.of("webhookUrl", hookUrl(), "duplicateProbability", 1.0, "duplicateCopies", 2));

        sim.edit(domain, item, 3);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        assertThat(received)
                .extracting(r -> r.header("X-Shopify-Event-Id"))
                .containsOnly(received.getFirst().header("X-Shopify-Event-Id"));
        assertThat(received).extracting(r -> r.header("X-Shopify-Webhook-Id")).doesNotHaveDuplicates();
        assertThat(sim.webhooks(domain).get("stats").get("duplicates").asLong()).isEqualTo(2);
    }

    @Test
    void ordersQueryShowsTheWebhooksOrdersRefundsAndCancellationsUnderTheSameIds() {
        sim.stock(domain, "PLATE", 5);
        JsonNode returned = sim.order(domain, "MUG-RED", 3);
        long returnedId = returned.get("id").asLong();
        sim.fulfill(domain, returnedId);
        long line = returned.get("line_items").get(0).get("id").asLong();
        sim.refund(domain, returnedId, line, 1, "return");
        sim.refund(domain, returnedId, line, 1, "no_restock");
        long cancelledId = sim.order(domain, "MUG-RED", 2).get("id").asLong();
        sim.cancel(domain, cancelledId, true);
        sim.order(domain, "PLATE", 1);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> received.stream()
                                .filter(r -> r.header("X-Shopify-Topic").equals("refunds/create"))
                                .count()
                        == 3);
        Api.Response response = sim.graphql(domain, token, """
                query MugOrders($query: String!) {
                  orders(first: 5, query: $query) {
                    nodes {
                      id name
                      lineItems(first: 5) { nodes { id sku quantity } }
                      refunds(first: 5) {
                        id
                        refundLineItems(first: 5) { nodes { id quantity restockType lineItem { id } } }
                      }
                    }
                  }
                }""", Map.of("query", "sku:MUG-RED"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode orders = response.json().get("data").get("orders").get("nodes");
        assertThat(orders.valueStream().map(o -> o.get("id").asString()))
                .containsExactly("gid://shopify/Order/" + returnedId, "gid://shopify/Order/" + cancelledId);
        Map<String, String> webhookLines = new HashMap<>();
        for (Received delivery : received) {
            JsonNode payload = delivery.json();
            if (delivery.header("X-Shopify-Topic").equals("orders/create")) {
                payload.get("line_items")
                        .forEach(l -> webhookLines.put(
                                l.get("id").asString(), l.get("sku").asString()));
            }
        }
        for (JsonNode order : orders) {
            for (JsonNode lineItem : order.get("lineItems").get("nodes")) {
                String number = lineItem.get("id").asString().replace("gid://shopify/LineItem/", "");
                assertThat(webhookLines)
                        .containsEntry(number, lineItem.get("sku").asString());
            }
        }
        List<String> fromWebhooks = new ArrayList<>();
        for (Received delivery : received) {
            if (delivery.header("X-Shopify-Topic").equals("refunds/create")) {
                JsonNode refund = delivery.json();
                for (JsonNode refundLine : refund.get("refund_line_items")) {
                    fromWebhooks.add(
                            "gid://shopify/Refund/" + refund.get("id").asLong() + " gid://shopify/RefundLineItem/"
                                    + refundLine.get("id").asLong() + " "
                                    + refundLine.get("restock_type").asString()
                                    + " " + refundLine.get("quantity").asInt() + " gid://shopify/LineItem/"
                                    + refundLine.get("line_item_id").asLong());
                }
            }
        }
        List<String> fromGraphQl = new ArrayList<>();
        for (JsonNode order : orders) {
            for (JsonNode refund : order.get("refunds")) {
                for (JsonNode refundLine : refund.get("refundLineItems").get("nodes")) {
                    fromGraphQl.add(refund.get("id").asString() + " "
                            + refundLine.get("id").asString() + " "
                            + refundLine.get("restockType").asString().toLowerCase(java.util.Locale.ROOT) + " "
                            + refundLine.get("quantity").asInt() + " "
                            + refundLine.get("lineItem").get("id").asString());
                }
            }
        }
        assertThat(fromGraphQl).hasSize(3).containsExactlyInAnyOrderElementsOf(fromWebhooks);
        assertThat(fromGraphQl)
                .anyMatch(l -> l.contains(" cancel 2 "))
                .anyMatch(l -> l.contains(" return 1 "))
                .anyMatch(l -> l.contains(" no_restock 1 "));
    }

    @Test
    void theStoreRefusesWhatItCannotDoAsProblems() {
        Api.Response shortOfStock = api.post(
                "/sandbox/shopify/" + domain + "/_sim/orders",
                Map.of("lines", List.of(Map.of("sku", "MUG-RED", "quantity", 16))));
        Api.Response noOrder = api.post("/sandbox/shopify/" + domain + "/_sim/orders/42/fulfill", Map.of());

        assertThat(shortOfStock.status()).isEqualTo(409);
        assertThat(shortOfStock.json().get("detail").asString()).contains("Not enough stock of MUG-RED");
        assertThat(shortOfStock.json().get("available").asInt()).isEqualTo(15);
        assertThat(noOrder.status()).isEqualTo(404);
        assertThat(sim.available(domain, item)).isEqualTo(15);
    }

    private static String hmac(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
