package dev.mercator.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Drives the Shopify store simulator over its {@code /sandbox/shopify/{shop}/_sim} endpoints, as a merchant and their
 * customers would, and calls its Admin GraphQL endpoint directly. Every call must succeed unless it says otherwise.
 */
public final class SimulatedShopify {

    private final Api api;

    public SimulatedShopify(Api api) {
        this.api = api;
    }

    public static String newDomain() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 12) + ".myshopify.com";
    }

    /** Registers the shop with its token and webhook secret; {@code options} override bucket and delivery settings. */
    public JsonNode register(String domain, String token, String secret, long locationId, Map<String, ?> options) {
        return register(new MerchantFixture.ShopifyShop(domain, token, secret, locationId), options);
    }

    /** Registers the shop; {@code options} override bucket and delivery settings. */
    public JsonNode register(MerchantFixture.ShopifyShop shop, Map<String, ?> options) {
        return expect(api.put(sim(shop.domain()) + "/shop", shop.registration(options)), 200);
    }

    public JsonNode shop(String domain) {
        return expect(api.get(sim(domain) + "/shop"), 200);
    }

    /** The counters of the shop's Admin API: graphqlRequests, throttled, mutationsApplied, staleRejections, ... */
    public JsonNode apiCounters(String domain) {
        return shop(domain).get("api");
    }

    /** Stocks a new item and returns its numeric inventory item id. */
    public long stock(String domain, String sku, int available) {
        return expect(api.post(sim(domain) + "/inventory-items", Map.of("sku", sku, "available", available)), 201)
                .get("id")
                .asLong();
    }

    public int available(String domain, long item) {
        return expect(api.get(sim(domain) + "/inventory-items/" + item), 200)
                .get("available")
                .asInt();
    }

    /** A manual edit in Shopify admin. */
    public JsonNode edit(String domain, long item, int available) {
        return expect(api.put(sim(domain) + "/inventory-items/" + item, Map.of("available", available)), 200);
    }

    /** Another app changing the item by {@code contention} units just before each of our writes lands. */
    public JsonNode contend(String domain, long item, int contention) {
        return expect(api.put(sim(domain) + "/inventory-items/" + item, Map.of("contention", contention)), 200);
    }

    public JsonNode order(String domain, String sku, int quantity) {
        return expect(
                api.post(sim(domain) + "/orders", Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)))),
                201);
    }

    public JsonNode cancel(String domain, long orderId, boolean restock) {
        return expect(api.post(sim(domain) + "/orders/" + orderId + "/cancel", Map.of("restock", restock)), 200);
    }

    public JsonNode fulfill(String domain, long orderId) {
        return expect(api.post(sim(domain) + "/orders/" + orderId + "/fulfill", Map.of()), 200);
    }

    public JsonNode refund(String domain, long orderId, long lineItemId, int quantity, String restockType) {
        return expect(
                api.post(
                        sim(domain) + "/orders/" + orderId + "/refunds",
                        Map.of(
                                "lines",
                                List.of(Map.of(
                                        "lineItemId", lineItemId, "quantity", quantity, "restockType", restockType)))),
                201);
    }

    /** {@code stats} (events, deliveries, attempts, successes, failures, retries, duplicates, gaveUp, pending) and
     * {@code deliveries}. */
    public JsonNode webhooks(String domain) {
        return expect(api.get(sim(domain) + "/webhooks"), 200);
    }

    /** A raw Admin GraphQL call, answered however the simulator answers it. */
    public Api.Response graphql(String domain, String token, String query, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return api.post(
                "/sandbox/shopify/" + domain + "/admin/api/2026-04/graphql.json",
                body,
                "X-Shopify-Access-Token",
                token);
    }

    /**
     * Opens a return of {@code quantity} shipped units of order line {@code lineItemId} as a merchant does ({@code
     * returnCreate}, naming the fulfillment line item); answers the new reverse fulfillment order's line item gid.
     */
    public String openReturn(MerchantFixture.ShopifyShop shop, long orderId, long lineItemId, int quantity) {
        JsonNode fulfillments = data(graphql(shop.domain(), shop.token(), """
                        query($id: String) { orders(first: 1, query: $id) { nodes {
                          fulfillments(first: 5) { fulfillmentLineItems(first: 20) {
                            nodes { id lineItem { id } } } } } } }""", Map.of("id", "id:" + orderId)))
                .get("orders")
                .get("nodes")
                .get(0)
                .get("fulfillments");
        String fulfillmentLine = fulfillments
                .valueStream()
                .flatMap(f -> f.get("fulfillmentLineItems").get("nodes").valueStream())
                .filter(l -> l.get("lineItem").get("id").asString().equals("gid://shopify/LineItem/" + lineItemId))
                .map(l -> l.get("id").asString())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("line " + lineItemId + " was not fulfilled"));
        JsonNode created = data(graphql(
                        shop.domain(),
                        shop.token(),
                        """
                        mutation($input: ReturnInput!) { returnCreate(returnInput: $input) {
                          return { reverseFulfillmentOrders(first: 1) { nodes {
                            lineItems(first: 10) { nodes { id } } } } }
                          userErrors { field message code } } }""",
                        Map.of(
                                "input",
                                Map.of(
                                        "orderId",
                                        "gid://shopify/Order/" + orderId,
                                        "returnLineItems",
                                        List.of(Map.of(
                                                "fulfillmentLineItemId", fulfillmentLine, "quantity", quantity))))))
                .get("returnCreate");
        if (!created.get("userErrors").isEmpty()) {
            throw new IllegalStateException("returnCreate refused: " + created.get("userErrors"));
        }
        return created.get("return")
                .get("reverseFulfillmentOrders")
                .get("nodes")
                .get(0)
                .get("lineItems")
                .get("nodes")
                .get(0)
                .get("id")
                .asString();
    }

    /** {@code reverseFulfillmentOrderDispose} with the given inputs; answers the mutation's payload. */
    public JsonNode dispose(MerchantFixture.ShopifyShop shop, List<Map<String, ?>> dispositionInputs) {
        return data(graphql(shop.domain(), shop.token(), """
                        mutation($inputs: [ReverseFulfillmentOrderDisposeInput!]!) {
                          reverseFulfillmentOrderDispose(dispositionInputs: $inputs) {
                            reverseFulfillmentOrderLineItems { id totalQuantity dispositions { id quantity type } }
                            userErrors { field message code } } }""", Map.of("inputs", dispositionInputs)))
                .get("reverseFulfillmentOrderDispose");
    }

    private static String sim(String domain) {
        return "/sandbox/shopify/" + domain + "/_sim";
    }

    /** A GraphQL answer that ran: HTTP 200 and no top-level errors. */
    private static JsonNode data(Api.Response response) {
        JsonNode body = expect(response, 200);
        if (body.has("errors") || !body.has("data")) {
            throw new IllegalStateException("the Shopify simulator refused the document: " + response);
        }
        return body.get("data");
    }

    private static JsonNode expect(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + " from the Shopify simulator, got " + response);
        }
        return response.json();
    }
}
