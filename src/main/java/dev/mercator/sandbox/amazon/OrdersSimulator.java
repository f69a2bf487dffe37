package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders API v2026-01-01 ({@code models/orders-api-model/orders_2026-01-01.json}): {@code searchOrders} under the rules
 * {@link OrderSearch} enforces, the window's end returned as {@code lastUpdatedBefore} (or {@code createdBefore}), the
 * next page as {@code pagination.nextToken} (absent on the last page); {@code getOrder} by id. Every order carries its
 * {@code orderItems}, as the model requires; the {@code fulfillment} blocks of order and items only when {@code
 * includedData} asks for {@code FULFILLMENT}, so a client that forgets to ask never sees a status.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + AmazonSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class OrdersSimulator {

    private final SimSellers sellers;
    private final SpApiGate gate;

    OrdersSimulator(SimSellers sellers, SpApiGate gate) {
        this.sellers = sellers;
        this.gate = gate;
    }

    @GetMapping("/orders/2026-01-01/orders")
    ResponseEntity<Object> searchOrders(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @RequestParam MultiValueMap<String, String> query) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.SEARCH_ORDERS);
        SimSeller seller = call.seller();
        OrderSearch search;
        try {
            search = OrderSearch.of(query, sellers.now(), sellers.settings().settle());
        } catch (OrderSearch.Invalid invalid) {
            call.rejected();
            return SpApiResponses.invalidInput(String.valueOf(invalid.getMessage()));
        }
        List<Map<String, Object>> page = new ArrayList<>();
        boolean more;
        synchronized (seller) {
            List<SimOrder> matching = seller.orders.values().stream()
                    .filter(search::matches)
                    .sorted(Comparator.comparing(search::orderTime).thenComparing(o -> o.orderId))
                    .toList();
            int end = Math.min(search.offset() + search.pageSize(), matching.size());
            for (SimOrder order : matching.subList(Math.min(search.offset(), end), end)) {
                page.add(view(order, search.includedData()));
            }
            more = end < matching.size();
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("orders", page);
        if (more) {
            response.put("pagination", Map.of("nextToken", search.next(sellers.now())));
        }
        response.put(search.byLastUpdate() ? "lastUpdatedBefore" : "createdBefore", AmazonSimulator.iso(search.to()));
        return SpApiResponses.ok(call.rate(), response);
    }

    @GetMapping("/orders/2026-01-01/orders/{orderId}")
    ResponseEntity<Object> getOrder(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @PathVariable String orderId,
            @RequestParam(required = false) @Nullable List<String> includedData) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.GET_ORDER);
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        if (includedData != null) {
            query.put("includedData", includedData);
        }
        Set<String> included;
        try {
            included = OrderSearch.includedData(query);
        } catch (OrderSearch.Invalid invalid) {
            call.rejected();
            return SpApiResponses.invalidInput(String.valueOf(invalid.getMessage()));
        }
        SimSeller seller = call.seller();
        synchronized (seller) {
            SimOrder order = seller.orders.get(orderId);
            if (order == null) {
                call.rejected();
                return SpApiResponses.error(
                        HttpStatus.NOT_FOUND, "NotFound", "NotFound", "Order " + orderId + " not found");
            }
            return SpApiResponses.ok(call.rate(), Map.of("order", view(order, included)));
        }
    }

    /** The model's {@code Order}: its required fields, the items, and the datasets asked for that the simulator has. */
    private static Map<String, Object> view(SimOrder order, Set<String> included) {
        boolean fulfillment = included.contains("FULFILLMENT");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderId", order.orderId);
        view.put("createdTime", AmazonSimulator.iso(order.createdTime));
        view.put("lastUpdatedTime", AmazonSimulator.iso(order.lastUpdatedTime));
        view.put("programs", List.of());
        view.put("salesChannel", Map.of("channelName", "AMAZON", "marketplaceId", order.marketplaceId));
        if (fulfillment) {
            view.put(
                    "fulfillment",
                    Map.of(
                            "fulfillmentStatus", order.fulfillmentStatus,
                            "fulfilledBy", order.fulfilledBy,
                            "fulfillmentServiceLevel", "STANDARD"));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (SimOrder.Item item : order.items) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("orderItemId", item.orderItemId());
            line.put("quantityOrdered", item.quantityOrdered());
            line.put(
                    "product",
                    Map.of(
                            "asin", item.asin(),
                            "title", item.title(),
                            "sellerSku", item.sellerSku(),
                            "condition", Map.of("conditionType", "NEW", "conditionSubtype", "NEW")));
            if (fulfillment) {
                int shipped = order.shipped() ? item.quantityOrdered() : 0;
                line.put(
                        "fulfillment",
                        Map.of("quantityFulfilled", shipped, "quantityUnfulfilled", item.quantityOrdered() - shipped));
            }
            items.add(line);
        }
        view.put("orderItems", items);
        return view;
    }
}
