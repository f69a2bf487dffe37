package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders API v0: {@code getOrders} with Amazon's filter rules (MarketplaceIds required, exactly one of CreatedAfter and
 * LastUpdatedAfter, a Before at least {@code orders-settle} in the past, NextToken paging that keeps the first page's
 * window, the window's end returned as {@code LastUpdatedBefore}), and {@code getOrderItems}. PascalCase, inside a
 * {@code payload}, as v0 has it.
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

    @GetMapping("/orders/v0/orders")
    ResponseEntity<Object> getOrders(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @RequestParam Map<String, String> query) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.GET_ORDERS);
        SimSeller seller = call.seller();
        try {
            Window window = window(query);
            Set<String> marketplaces = csv(query.get("MarketplaceIds"));
            Set<String> channels = csv(query.get("FulfillmentChannels"));
            Set<String> statuses = csv(query.get("OrderStatuses"));
            int pageSize = Integer.parseInt(query.getOrDefault("MaxResultsPerPage", "100"));
            if (pageSize < 1 || pageSize > 100) {
                throw new IllegalArgumentException("MaxResultsPerPage must be 1 to 100");
            }
            List<SimOrder> matching;
            synchronized (seller) {
                matching = seller.orders.values().stream()
                        .filter(o -> marketplaces.contains(o.marketplaceId))
                        .filter(o -> channels.isEmpty() || channels.contains(o.fulfillmentChannel))
                        .filter(o -> statuses.isEmpty() || statuses.contains(o.status))
                        .filter(o -> window.contains(window.byLastUpdate() ? o.lastUpdateDate : o.purchaseDate))
                        .sorted(Comparator.comparing(
                                        (SimOrder o) -> window.byLastUpdate() ? o.lastUpdateDate : o.purchaseDate)
                                .thenComparing(o -> o.amazonOrderId))
                        .toList();
            }
            List<Map<String, Object>> page = new ArrayList<>();
            synchronized (seller) {
                for (SimOrder order : matching.subList(
                        Math.min(window.offset(), matching.size()),
                        Math.min(window.offset() + pageSize, matching.size()))) {
                    page.add(view(order));
                }
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("Orders", page);
            if (window.offset() + pageSize < matching.size()) {
                payload.put("NextToken", window.next(pageSize));
            }
            payload.put(
                    window.byLastUpdate() ? "LastUpdatedBefore" : "CreatedBefore", AmazonSimulator.iso(window.to()));
            return SpApiResponses.ok(call.rate(), Map.of("payload", payload));
        } catch (IllegalArgumentException | DateTimeParseException invalid) {
            call.rejected();
            return SpApiResponses.invalidInput(String.valueOf(invalid.getMessage()));
        }
    }

    @GetMapping("/orders/v0/orders/{orderId}/orderItems")
    ResponseEntity<Object> getOrderItems(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @PathVariable String orderId) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.GET_ORDER_ITEMS);
        SimSeller seller = call.seller();
        synchronized (seller) {
            SimOrder order = seller.orders.get(orderId);
            if (order == null) {
                call.rejected();
                return SpApiResponses.error(
                        HttpStatus.NOT_FOUND, "NotFound", "NotFound", "Order " + orderId + " not found");
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (SimOrder.Item item : order.items) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("ASIN", item.asin());
                view.put("SellerSKU", item.sellerSku());
                view.put("OrderItemId", item.orderItemId());
                view.put("Title", item.title());
                view.put("QuantityOrdered", item.quantityOrdered());
                view.put("QuantityShipped", order.status.equals("Shipped") ? item.quantityOrdered() : 0);
                view.put("IsGift", "false");
                view.put("ConditionId", "New");
                items.add(view);
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("AmazonOrderId", order.amazonOrderId);
            payload.put("OrderItems", items);
            return SpApiResponses.ok(call.rate(), Map.of("payload", payload));
        }
    }

    private static Map<String, Object> view(SimOrder order) {
        boolean canceled = order.status.equals("Canceled");
        boolean shipped = order.status.equals("Shipped");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("AmazonOrderId", order.amazonOrderId);
        view.put("PurchaseDate", AmazonSimulator.iso(order.purchaseDate));
        view.put("LastUpdateDate", AmazonSimulator.iso(order.lastUpdateDate));
        view.put("OrderStatus", order.status);
        view.put("FulfillmentChannel", order.fulfillmentChannel);
        view.put("SalesChannel", "Amazon.com");
        view.put("MarketplaceId", order.marketplaceId);
        view.put("OrderType", "StandardOrder");
        view.put("NumberOfItemsShipped", shipped ? order.units() : 0);
        view.put("NumberOfItemsUnshipped", canceled || shipped ? 0 : order.units());
        view.put("IsPrime", false);
        view.put("IsBusinessOrder", false);
        view.put("IsReplacementOrder", false);
        return view;
    }

    /** The time window of one listing of orders, fixed by the first page and carried by NextToken. */
    private record Window(boolean byLastUpdate, Instant from, Instant to, int offset) {

        boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }

        String next(int pageSize) {
            String raw = (byLastUpdate ? "U" : "C") + "|" + from + "|" + to + "|" + (offset + pageSize);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Window window(Map<String, String> query) {
        if (query.getOrDefault("MarketplaceIds", "").isBlank()) {
            throw new IllegalArgumentException("MarketplaceIds is required");
        }
        String nextToken = query.get("NextToken");
        if (nextToken != null && !nextToken.isBlank()) {
            String[] parts;
            try {
                parts = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8).split("\\|");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid NextToken");
            }
            if (parts.length != 4) {
                throw new IllegalArgumentException("Invalid NextToken");
            }
            return new Window(
                    parts[0].equals("U"), Instant.parse(parts[1]), Instant.parse(parts[2]), Integer.parseInt(parts[3]));
        }
        String createdAfter = query.get("CreatedAfter");
        String updatedAfter = query.get("LastUpdatedAfter");
        if ((createdAfter == null) == (updatedAfter == null)) {
            throw new IllegalArgumentException("Exactly one of CreatedAfter and LastUpdatedAfter is required");
        }
        boolean byLastUpdate = updatedAfter != null;
        if (byLastUpdate && query.containsKey("CreatedBefore")
                || !byLastUpdate && query.containsKey("LastUpdatedBefore")) {
            throw new IllegalArgumentException("Created and LastUpdated filters cannot be combined");
        }
        Instant from = Instant.parse(byLastUpdate ? updatedAfter : String.valueOf(createdAfter));
        Instant latest = sellers.now().minus(sellers.settings().settle());
        String before = query.get(byLastUpdate ? "LastUpdatedBefore" : "CreatedBefore");
        Instant to = before == null ? latest : Instant.parse(before);
        if (to.isAfter(latest)) {
            throw new IllegalArgumentException((byLastUpdate ? "LastUpdatedBefore" : "CreatedBefore")
                    + " must be no later than " + sellers.settings().settle().toSeconds() + " seconds before now");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The Before date must not be earlier than the After date");
        }
        return new Window(byLastUpdate, from, to, 0);
    }

    private static Set<String> csv(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
