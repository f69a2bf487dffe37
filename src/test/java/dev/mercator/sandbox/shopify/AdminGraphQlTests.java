package dev.mercator.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Admin GraphQL engine against one simulated shop, without HTTP: the orders query with its search, sort and
 * pagination over real order life (placed, cancelled with restock, fulfilled, refunded), and the rules that apply
 * before anything runs (validation, cost, bucket).
 */
class AdminGraphQlTests {

    private static final long LOCATION = 24826418L;
    private static final String WHOLE_SECONDS_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // Sub-second on purpose: Shopify's times are whole seconds, and so must the simulator's answers be.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:15:30.250Z"));
    private final AtomicLong ids = new AtomicLong(7_100_000_000_000L);
    private final AdminGraphQl graphql = new AdminGraphQl(10, true);
    private SimulatedShop shop = shop(2000, 100);

    private SimulatedShop shop(int bucketSize, double restoreRate) {
        SimulatedShop created = new SimulatedShop(
                "acme.myshopify.com",
                LOCATION,
                new SimulatedShop.Config(
                        "token",
                        "secret",
                        bucketSize,
                        restoreRate,
                        new DeliveryOptions(null, 0, Duration.ofSeconds(1), 0, 0, Duration.ZERO)),
                ids::incrementAndGet,
                clock);
        created.createItem(null, "MUG", 100, false);
        created.createItem(null, "FORK", 100, false);
        return created;
    }

    private JsonNode run(String query) {
        return run(query, Map.of());
    }

    private JsonNode run(String query, Map<String, @Nullable Object> variables) {
        return JSON.valueToTree(graphql.execute(shop, query, null, variables).body());
    }

    private JsonNode order(String sku, int quantity) {
        SimulatedShop.StoreChange<Map<String, @Nullable Object>> placed =
                shop.placeOrder(List.of(new SimulatedShop.OrderLineRequest(sku, null, quantity)));
        return JSON.valueToTree(placed.view());
    }

    private JsonNode order(String sku, int quantity, String otherSku, int otherQuantity) {
        return JSON.valueToTree(shop.placeOrder(List.of(
                        new SimulatedShop.OrderLineRequest(sku, null, quantity),
                        new SimulatedShop.OrderLineRequest(otherSku, null, otherQuantity)))
                .view());
    }

    private static String gid(String resource, JsonNode id) {
        return "gid://shopify/" + resource + "/" + id.asLong();
    }

    private static final String ORDERS = """
            query Orders($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys, $reverse: Boolean) {
              orders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
                pageInfo { hasNextPage endCursor }
                edges {
                  cursor
                  node {
                    id legacyResourceId name createdAt updatedAt cancelledAt
                    lineItems(first: 10) { nodes { id sku quantity currentQuantity variant { id } } }
                    refunds(first: 5) {
                      id createdAt
                      refundLineItems(first: 10) { nodes { id quantity restockType lineItem { id sku } } }
                    }
                  }
                }
              }
            }""";

    /** Light enough to run often: 2 + first. */
    private static final String NAMES = """
            query Names($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys, $reverse: Boolean) {
              orders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
                pageInfo { hasNextPage endCursor }
                edges { cursor node { name createdAt updatedAt } }
              }
            }""";

    private JsonNode orders(int first, @Nullable String after, @Nullable String query) {
        return orders(NAMES, first, after, query);
    }

    private JsonNode orders(String document, int first, @Nullable String after, @Nullable String query) {
        Map<String, @Nullable Object> variables = new LinkedHashMap<>();
        variables.put("first", first);
        variables.put("after", after);
        variables.put("query", query);
        JsonNode answer = run(document, variables);
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.get("data").get("orders");
    }

    private static List<String> names(JsonNode connection) {
        return connection
                .get("edges")
                .valueStream()
                .map(edge -> edge.get("node").get("name").asString())
                .toList();
    }

    // --- orders ------------------------------------------------------------------------------------------------

    @Test
    void ordersBySkuComePageByPageWithCancellationsAndRefundsUnderTheWebhooksIds() {
        JsonNode cancelled = order("MUG", 2);
        clock.advance(Duration.ofSeconds(1));
        JsonNode refunded = order("FORK", 1, "MUG", 1);
        clock.advance(Duration.ofSeconds(1));
        order("FORK", 3);
        clock.advance(Duration.ofSeconds(1));
        JsonNode cancellation = JSON.valueToTree(
                shop.cancelOrder(cancelled.get("id").asLong(), true, "customer").view());
        shop.fulfillOrder(refunded.get("id").asLong());
        JsonNode forkLine = refunded.get("line_items").get(0);
        JsonNode mugLine = refunded.get("line_items").get(1);
        JsonNode refund = JSON.valueToTree(shop.refund(
                        refunded.get("id").asLong(),
                        List.of(
                                new SimulatedShop.RefundLineRequest(
                                        mugLine.get("id").asLong(), 1, "return"),
                                new SimulatedShop.RefundLineRequest(
                                        forkLine.get("id").asLong(), 1, "no_restock")),
                        null)
                .view());

        JsonNode firstPage = orders(ORDERS, 1, null, "sku:MUG");
        JsonNode secondPage =
                orders(ORDERS, 1, firstPage.get("pageInfo").get("endCursor").asString(), "sku:'mug'");

        assertThat(names(firstPage)).containsExactly("#1001");
        assertThat(firstPage.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();
        assertThat(names(secondPage)).containsExactly("#1002");
        assertThat(secondPage.get("pageInfo").get("hasNextPage").asBoolean()).isFalse();

        JsonNode first = firstPage.get("edges").get(0).get("node");
        assertThat(first.get("id").asString()).isEqualTo(gid("Order", cancelled.get("id")));
        assertThat(first.get("legacyResourceId").asString())
                .isEqualTo(cancelled.get("id").asString());
        assertThat(first.get("cancelledAt").asString()).matches(WHOLE_SECONDS_UTC);
        JsonNode line = first.get("lineItems").get("nodes").get(0);
        assertThat(line.get("id").asString())
                .isEqualTo(gid("LineItem", cancelled.get("line_items").get(0).get("id")));
        assertThat(line.get("sku").asString()).isEqualTo("MUG");
        assertThat(line.get("quantity").asInt()).isEqualTo(2);
        assertThat(line.get("currentQuantity").asInt()).isZero();
        assertThat(line.get("variant").get("id").asString())
                .isEqualTo(
                        gid("ProductVariant", cancelled.get("line_items").get(0).get("variant_id")));
        // Shopify records a cancellation that restocks as a refund whose lines are CANCEL.
        JsonNode cancelRefund = first.get("refunds").get(0);
        JsonNode cancelRefundJson = cancellation.get("refunds").get(0);
        assertThat(cancelRefund.get("id").asString()).isEqualTo(gid("Refund", cancelRefundJson.get("id")));
        JsonNode cancelLine = cancelRefund.get("refundLineItems").get("nodes").get(0);
        assertThat(cancelLine.get("id").asString())
                .isEqualTo(gid(
                        "RefundLineItem",
                        cancelRefundJson.get("refund_line_items").get(0).get("id")));
        assertThat(cancelLine.get("restockType").asString()).isEqualTo("CANCEL");
        assertThat(cancelLine.get("quantity").asInt()).isEqualTo(2);
        assertThat(cancelLine.get("lineItem").get("id").asString())
                .isEqualTo(line.get("id").asString());

        JsonNode second = secondPage.get("edges").get(0).get("node");
        assertThat(second.get("cancelledAt").isNull()).isTrue();
        JsonNode returned = second.get("refunds").get(0);
        assertThat(returned.get("id").asString()).isEqualTo(gid("Refund", refund.get("id")));
        assertThat(returned.get("refundLineItems")
                        .get("nodes")
                        .valueStream()
                        .map(n -> n.get("restockType").asString() + " "
                                + n.get("quantity").asInt() + " "
                                + n.get("lineItem").get("sku").asString() + " "
                                + n.get("id").asString()))
                .containsExactly(
                        "RETURN 1 MUG "
                                + gid(
                                        "RefundLineItem",
                                        refund.get("refund_line_items").get(0).get("id")),
                        "NO_RESTOCK 1 FORK "
                                + gid(
                                        "RefundLineItem",
                                        refund.get("refund_line_items").get(1).get("id")));
        assertThat(second.get("lineItems")
                        .get("nodes")
                        .valueStream()
                        .map(n -> n.get("id").asString())
                        .toList())
                .containsExactly(gid("LineItem", forkLine.get("id")), gid("LineItem", mugLine.get("id")));
    }

    @Test
    void updatedAtMovesWithEveryChangeAndFiltersToTheSecond() {
        JsonNode a = order("MUG", 1);
        JsonNode b = order("FORK", 1);
        JsonNode c = order("MUG", 1);
        Instant placed = clock.instant();
        clock.advance(Duration.ofSeconds(10));
        shop.cancelOrder(a.get("id").asLong(), true, "customer");
        clock.advance(Duration.ofSeconds(10));
        shop.fulfillOrder(b.get("id").asLong());
        clock.advance(Duration.ofSeconds(10));
        shop.refund(
                c.get("id").asLong(),
                List.of(new SimulatedShop.RefundLineRequest(
                        c.get("line_items").get(0).get("id").asLong(), 1, "cancel")),
                null);
        String placedSecond = ShopifyScalars.format(placed); // 10:15:30Z, while the orders were placed at .250

        JsonNode all = orders(10, null, null);
        assertThat(all.get("edges")
                        .valueStream()
                        .map(e -> e.get("node").get("updatedAt").asString()))
                .allMatch(at -> at.matches(WHOLE_SECONDS_UTC))
                .containsExactly("2026-12-03T10:15:40Z", "2026-12-03T10:15:50Z", "2026-12-03T10:16:00Z");
        assertThat(all.get("edges").get(0).get("node").get("createdAt").asString())
                .isEqualTo(placedSecond);

        assertThat(names(orders(10, null, "updated_at:>'" + placedSecond + "'")))
                .containsExactly("#1001", "#1002", "#1003");
        assertThat(names(orders(10, null, "updated_at:>'2026-12-03T10:15:40Z'")))
                .containsExactly("#1002", "#1003");
        assertThat(names(orders(10, null, "updated_at:>='2026-12-03T10:15:50Z'")))
                .containsExactly("#1002", "#1003");
        assertThat(names(orders(10, null, "updated_at:<\"2026-12-03T10:15:50Z\" sku:MUG")))
                .containsExactly("#1001");
        assertThat(names(orders(10, null, "updated_at:<='2026-12-03T05:15:50-05:00'")))
                .containsExactly("#1001", "#1002");
        assertThat(names(orders(10, null, "created_at:>" + placedSecond))).isEmpty();
        assertThat(names(orders(10, null, "created_at:<=" + placedSecond + " -sku:FORK")))
                .containsExactly("#1001", "#1003");
        // Unknown filters and free text narrow nothing, as on Shopify.
        assertThat(names(orders(10, null, "status:open tag:rush whatever sku:MUG")))
                .containsExactly("#1001", "#1003");
        assertThat(names(orders(10, null, "sku:FORK OR updated_at:>'2026-12-03T10:15:55Z'")))
                .containsExactly("#1002", "#1003");
    }

    @Test
    void ordersSortByUpdatedAtOrIdEitherWayAndPageWithOpaqueCursors() {
        JsonNode a = order("MUG", 1);
        order("FORK", 1);
        order("MUG", 1);
        clock.advance(Duration.ofSeconds(5));
        shop.fulfillOrder(a.get("id").asLong());

        Map<String, @Nullable Object> variables = new LinkedHashMap<>();
        variables.put("first", 2);
        variables.put("sortKey", "UPDATED_AT");
        variables.put("reverse", true);
        JsonNode newestFirst = run(NAMES, variables).get("data").get("orders");
        variables.put("after", newestFirst.get("pageInfo").get("endCursor").asString());
        JsonNode rest = run(NAMES, variables).get("data").get("orders");
        variables.remove("after");
        variables.put("sortKey", "ID");
        variables.put("reverse", false);
        JsonNode byId = run(NAMES, variables).get("data").get("orders");

        assertThat(names(newestFirst)).containsExactly("#1001", "#1003");
        assertThat(newestFirst.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();
        assertThat(names(rest)).containsExactly("#1002");
        assertThat(rest.get("pageInfo").get("hasNextPage").asBoolean()).isFalse();
        assertThat(names(byId)).containsExactly("#1001", "#1002");
        assertThat(newestFirst.get("edges").get(0).get("cursor").asString())
                .doesNotContain(a.get("id").asString())
                .matches("[A-Za-z0-9_-]+");

        JsonNode forged = run("{ orders(first: 1, after: \"not-a-cursor\") { nodes { id } } }");
        assertThat(forged.get("errors").get(0).get("message").asString()).contains("Invalid cursor");
        assertThat(forged.get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("BAD_REQUEST");
    }

    @Test
    void aConnectionWithoutFirstIsRefusedBeforeRunning() {
        JsonNode refused = run("{ orders { nodes { id } } }");
        JsonNode tooLarge = run("{ orders(first: 251) { nodes { id } } }");

        assertThat(refused.has("data")).isFalse();
        assertThat(refused.get("errors").get(0).get("message").asString())
                .isEqualTo("you must provide one of first or last");
        assertThat(refused.get("errors").get(0).get("path").valueStream().map(JsonNode::asString))
                .containsExactly("query", "orders");
        assertThat(tooLarge.get("errors").get(0).get("message").asString()).contains("250");
        assertThat(shop.counters().graphqlRequests()).isZero();
    }

    // --- cost --------------------------------------------------------------------------------------------------

    private int requestedCost(JsonNode answer) {
        return answer.get("extensions").get("cost").get("requestedQueryCost").asInt();
    }

    @Test
    void costIsComputedFromTheDocument() {
        order("MUG", 1);

        int five = requestedCost(run("{ orders(first: 5) { nodes { id } } }"));
        int fifty = requestedCost(run("{ orders(first: 50) { nodes { id } } }"));
        int edges =
                requestedCost(run("{ orders(first: 5) { edges { cursor node { id } } pageInfo { hasNextPage } } }"));
        int nested = requestedCost(run("""
                query Nested($n: Int!) {
                  orders(first: $n) { nodes { id lineItems(first: 3) { nodes { sku variant { id } } } } }
                }""", Map.of("n", 4)));
        int level = requestedCost(run("{ inventoryItem(id: \"gid://shopify/InventoryItem/1\") { sku inventoryLevel("
                + "locationId: \"gid://shopify/Location/1\") { quantities(names: [\"available\"]) { quantity } } } }"));
        JsonNode ran = run("{ orders(first: 50) { nodes { id } } }");

        // A connection: 2, plus first × what each node costs (an object: 1, plus its own objects).
        assertThat(five).isEqualTo(2 + 5);
        assertThat(fifty).isEqualTo(2 + 50).isGreaterThan(five);
        assertThat(edges).isEqualTo(five);
        assertThat(nested).isEqualTo(2 + 4 * (1 + 2 + 3 * (1 + 1)));
        assertThat(level).isEqualTo(3);
        assertThat(ran.get("extensions").get("cost").get("actualQueryCost").asInt())
                .isEqualTo(52);
    }

    @Test
    void aQueryOverTheMaximumCostIsRefusedBeforeRunning() {
        order("MUG", 1);
        int before = shop.throttleStatus().currentlyAvailable();

        JsonNode refused = run("{ orders(first: 250) { nodes { id lineItems(first: 10) { nodes { id } } } } }");

        assertThat(refused.has("data")).isFalse();
        JsonNode error = refused.get("errors").get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("MAX_COST_EXCEEDED");
        assertThat(error.get("extensions").get("cost").asInt()).isEqualTo(2 + 250 * (1 + 2 + 10));
        assertThat(error.get("extensions").get("maxCost").asInt()).isEqualTo(1000);
        assertThat(refused.get("extensions")
                        .get("cost")
                        .get("requestedQueryCost")
                        .asInt())
                .isEqualTo(3252);
        assertThat(shop.counters().graphqlRequests()).isZero();
        assertThat(shop.throttleStatus().currentlyAvailable()).isEqualTo(before);
    }

    @Test
    void aRequestTheBucketCannotPayForIsThrottledWholeAndChangesNothing() {
        shop = shop(12, 0.001);
        long mug = shop.items().getFirst().id();
        String set = """
                mutation {
                  first: inventorySetQuantities(input: {name: "available", reason: "correction", quantities: [
                    {inventoryItemId: "gid://shopify/InventoryItem/%1$d", locationId: "gid://shopify/Location/%2$d",
                     quantity: 50, changeFromQuantity: null}]}) @idempotent(key: "k-1") { userErrors { code } }
                  second: inventorySetQuantities(input: {name: "available", reason: "correction", quantities: [
                    {inventoryItemId: "gid://shopify/InventoryItem/%1$d", locationId: "gid://shopify/Location/%2$d",
                     quantity: 60, changeFromQuantity: null}]}) @idempotent(key: "k-2") { userErrors { code } }
                }""".formatted(mug, LOCATION);

        JsonNode twoMutations = run(set);
        JsonNode expensiveRead = run("{ orders(first: 50) { nodes { id } } }");

        for (JsonNode throttled : List.of(twoMutations, expensiveRead)) {
            assertThat(throttled.has("data")).isFalse();
            assertThat(throttled
                            .get("errors")
                            .get(0)
                            .get("extensions")
                            .get("code")
                            .asString())
                    .isEqualTo("THROTTLED");
            assertThat(throttled
                            .get("extensions")
                            .get("cost")
                            .get("actualQueryCost")
                            .isNull())
                    .isTrue();
        }
        assertThat(requestedCost(twoMutations)).isEqualTo(20);
        assertThat(requestedCost(expensiveRead)).isEqualTo(52);
        assertThat(shop.item(mug).available()).isEqualTo(100);
        assertThat(shop.counters().throttled()).isEqualTo(2);
        assertThat(shop.counters().mutationsApplied()).isZero();
        assertThat(shop.throttleStatus().currentlyAvailable()).isEqualTo(12);
    }

    // --- validation and shape ------------------------------------------------------------------------------------

    @Test
    void anUnknownFieldIsRefusedByNameAndNothingRuns() {
        JsonNode refused = run("{ inventoryItem(id: \"gid://shopify/InventoryItem/1\") { id warehouse } }");

        assertThat(refused.has("data")).isFalse();
        JsonNode error = refused.get("errors").get(0);
        assertThat(error.get("message").asString())
                .isEqualTo("Field 'warehouse' doesn't exist on type 'InventoryItem'");
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("undefinedField");
        assertThat(error.get("extensions").get("typeName").asString()).isEqualTo("InventoryItem");
        assertThat(error.get("extensions").get("fieldName").asString()).isEqualTo("warehouse");
        assertThat(error.get("path").valueStream().map(JsonNode::asString))
                .containsExactly("query", "inventoryItem", "warehouse");
        assertThat(error.get("locations").get(0).get("column").asInt()).isEqualTo(59);
        assertThat(refused.get("extensions")
                        .get("cost")
                        .get("requestedQueryCost")
                        .asInt())
                .isZero();
        assertThat(shop.counters().graphqlRequests()).isZero();
    }

    @Test
    void theIdempotencyKeyIsRefusedWhereItWouldDoNothing() {
        JsonNode refused =
                run("{ inventoryItem(id: \"gid://shopify/InventoryItem/1\") @idempotent(key: \"k\") { id } }");

        assertThat(refused.has("data")).isFalse();
        assertThat(refused.get("errors").get(0).get("message").asString())
                .isEqualTo("Directive '@idempotent' is not supported on field 'inventoryItem'");
        assertThat(refused.get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("directiveCannotBeApplied");
    }

    @Test
    void answersComeUnderTheirAliasesAndFragmentsAreFollowed() {
        List<SimulatedShop.ItemView> items = shop.items();
        order("FORK", 2);

        JsonNode answer = run(
                """
                query Aliased($fork: ID!) {
                  mug: inventoryItem(id: "gid://shopify/InventoryItem/%d") { ...Item }
                  fork: inventoryItem(id: $fork) {
                    code: sku
                    here: inventoryLevel(locationId: "gid://shopify/Location/%d") {
                      counts: quantities(names: ["available", "committed"]) { n: name q: quantity }
                    }
                  }
                  recent: orders(first: 1, reverse: true) { all: nodes { label: name } }
                }
                fragment Item on InventoryItem { legacy: legacyResourceId sku }""".formatted(items.getFirst().id(), LOCATION),
                Map.of("fork", "gid://shopify/InventoryItem/" + items.get(1).id()));

        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        JsonNode data = answer.get("data");
        assertThat(data.propertyNames()).containsExactly("mug", "fork", "recent");
        assertThat(data.get("mug").propertyNames()).containsExactly("legacy", "sku");
        assertThat(data.get("mug").get("legacy").asString())
                .isEqualTo(Long.toString(items.getFirst().id()));
        assertThat(data.get("fork").get("code").asString()).isEqualTo("FORK");
        assertThat(data.get("fork")
                        .get("here")
                        .get("counts")
                        .valueStream()
                        .map(q -> q.get("n").asString() + "=" + q.get("q").asInt()))
                .containsExactly("available=98", "committed=2");
        assertThat(data.get("recent").get("all").get(0).get("label").asString()).isEqualTo("#1001");
    }
}
