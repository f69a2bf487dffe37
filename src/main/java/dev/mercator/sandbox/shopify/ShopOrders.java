package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.shopify.ShopInventory.Item;
import dev.mercator.sandbox.shopify.SimulatedShop.FulfillmentLineView;
import dev.mercator.sandbox.shopify.SimulatedShop.FulfillmentView;
import dev.mercator.sandbox.shopify.SimulatedShop.LineView;
import dev.mercator.sandbox.shopify.SimulatedShop.OrderLineRequest;
import dev.mercator.sandbox.shopify.SimulatedShop.OrderView;
import dev.mercator.sandbox.shopify.SimulatedShop.RefundLineRequest;
import dev.mercator.sandbox.shopify.SimulatedShop.RefundLineView;
import dev.mercator.sandbox.shopify.SimulatedShop.RefundView;
import dev.mercator.sandbox.shopify.SimulatedShop.StoreChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A shop's orders and what customers and the merchant do with them: place, cancel, fulfil, refund. Each moves the
 * shop's inventory as Shopify does (an order commits its units at once) and returns the webhooks it triggers. Mutable
 * under the shop's lock only.
 */
final class ShopOrders {

    private final ShopInventory inventory;
    private final LongSupplier ids;
    private final Clock clock;
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private int nextOrderNumber = 1001;

    /** Orders draw on {@code inventory}, the shop's one location, and take their ids from the shop's sequence. */
    ShopOrders(ShopInventory inventory, LongSupplier ids, Clock clock) {
        this.inventory = inventory;
        this.ids = ids;
        this.clock = clock;
    }

    StoreChange<Map<String, @Nullable Object>> placeOrder(List<OrderLineRequest> requested) {
        if (requested.isEmpty()) {
            throw StoreRefusal.badRequest("An order needs at least one line");
        }
        Instant now = clock.instant();
        List<Item> lineItems = new ArrayList<>();
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        for (OrderLineRequest line : requested) {
            if (line.quantity() < 1 || line.quantity() > 100_000) {
                throw StoreRefusal.badRequest("Line quantities must be between 1 and 100000");
            }
            Item item = inventory.resolve(line);
            lineItems.add(item);
            wanted.merge(item.id, line.quantity(), Integer::sum);
        }
        for (Map.Entry<Long, Integer> want : wanted.entrySet()) {
            Item item = inventory.find(want.getKey());
            if (item != null && !item.continueSelling && item.available < want.getValue()) {
                throw StoreRefusal.shortOfStock(
                        "Not enough stock of " + item.sku + ": " + item.available + " available, " + want.getValue()
                                + " ordered",
                        item.available);
            }
        }
        int number = nextOrderNumber++;
        Order order = new Order(ids.getAsLong(), number, now);
        List<Emission> emissions = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Item item = lineItems.get(i);
            int quantity = requested.get(i).quantity();
            order.lines.add(new Line(ids.getAsLong(), item, quantity));
            // Shopify commits ordered units at once: available falls, on hand stays until fulfilment.
            item.available -= quantity;
            item.committed += quantity;
            item.updatedAt = now;
        }
        orders.put(order.id, order);
        emissions.add(new Emission("orders/create", ShopifyPayloads.order(order)));
        for (Long itemId : wanted.keySet()) {
            emissions.add(inventory.levelUpdate(inventory.require(itemId), now));
        }
        return new StoreChange<>(ShopifyPayloads.order(order), emissions);
    }

    StoreChange<Map<String, @Nullable Object>> cancelOrder(long orderId, boolean restock, String reason) {
        Order order = requireOrder(orderId);
        if (order.cancelledAt != null) {
            throw StoreRefusal.conflict("Order " + order.name() + " is already cancelled");
        }
        Instant now = clock.instant();
        order.cancelledAt = now;
        order.cancelReason = reason;
        order.updatedAt = now;
        List<Emission> emissions = new ArrayList<>();
        Set<Long> touched = new LinkedHashSet<>();
        Refund refund = new Refund(ids.getAsLong(), order.id, now, "Order cancelled");
        for (Line line : order.lines) {
            int open = line.unfulfilled();
            if (open <= 0) {
                continue;
            }
            line.cancelled += open;
            Item item = inventory.find(line.itemId);
            if (item != null) {
                item.committed -= open;
                if (restock) {
                    item.available += open;
                    item.updatedAt = now;
                    touched.add(item.id);
                }
            }
            if (restock) {
                refund.lines.add(new RefundLine(ids.getAsLong(), line, open, "cancel", inventory.locationId()));
            }
        }
        if (!refund.lines.isEmpty()) {
            order.refunds.add(refund);
        }
        emissions.add(new Emission("orders/cancelled", ShopifyPayloads.order(order)));
        if (!refund.lines.isEmpty()) {
            emissions.add(new Emission("refunds/create", ShopifyPayloads.refund(refund)));
        }
        for (Long itemId : touched) {
            emissions.add(inventory.levelUpdate(inventory.require(itemId), now));
        }
        return new StoreChange<>(ShopifyPayloads.order(order), emissions);
    }

    /** Ships every open unit: committed units leave the building, available does not move (no webhook). */
    Map<String, @Nullable Object> fulfillOrder(long orderId) {
        Order order = requireOrder(orderId);
        if (order.cancelledAt != null) {
            throw StoreRefusal.conflict("Order " + order.name() + " is cancelled");
        }
        Instant now = clock.instant();
        Fulfillment fulfillment = new Fulfillment(ids.getAsLong());
        for (Line line : order.lines) {
            int open = line.unfulfilled();
            if (open > 0) {
                fulfillment.lines.add(new FulfillmentLine(ids.getAsLong(), line, open));
            }
            line.fulfilled += open;
            Item item = inventory.find(line.itemId);
            if (item != null && open > 0) {
                item.committed -= open;
                item.updatedAt = now;
            }
        }
        if (!fulfillment.lines.isEmpty()) {
            order.fulfillments.add(fulfillment);
        }
        order.updatedAt = now;
        return ShopifyPayloads.order(order);
    }

    /** The fulfillment line item {@code id} of any order, with its order (a return names only the line item). */
    @Nullable
    FulfillmentLine fulfillmentLine(long orderId, long id) {
        Order order = orders.get(orderId);
        if (order == null) {
            return null;
        }
        return order.fulfillments.stream()
                .flatMap(f -> f.lines.stream())
                .filter(line -> line.id == id)
                .findFirst()
                .orElse(null);
    }

    /**
     * A refund: {@code return} restocks fulfilled units that came back, {@code cancel} puts open units back,
     * {@code no_restock} only refunds money.
     */
    StoreChange<Map<String, @Nullable Object>> refund(
            long orderId, List<RefundLineRequest> requested, @Nullable String note) {
        Order order = requireOrder(orderId);
        if (requested.isEmpty()) {
            throw StoreRefusal.badRequest("A refund needs at least one line");
        }
        Instant now = clock.instant();
        Refund refund = new Refund(ids.getAsLong(), order.id, now, note == null ? "Refund" : note);
        Set<Long> touched = new LinkedHashSet<>();
        Map<Line, int[]> planned = new LinkedHashMap<>();
        for (RefundLineRequest request : requested) {
            Line line = order.lines.stream()
                    .filter(l -> l.id == request.lineItemId())
                    .findFirst()
                    .orElseThrow(() -> StoreRefusal.badRequest(
                            "Order " + order.name() + " has no line item " + request.lineItemId()));
            int[] sums = planned.computeIfAbsent(line, l -> new int[3]);
            switch (request.restockType()) {
                case "return" -> sums[0] += request.quantity();
                case "cancel" -> sums[1] += request.quantity();
                case "no_restock" -> sums[2] += request.quantity();
                default -> throw StoreRefusal.badRequest("restockType must be return, cancel or no_restock");
            }
            if (request.quantity() < 1) {
                throw StoreRefusal.badRequest("Refund quantities must be positive");
            }
        }
        planned.forEach((line, sums) -> {
            if (sums[0] > line.fulfilled - line.returned) {
                throw StoreRefusal.conflict("Only fulfilled units can be returned: line " + line.id + " has "
                        + (line.fulfilled - line.returned));
            }
            if (sums[1] > line.unfulfilled()) {
                throw StoreRefusal.conflict(
                        "Only open units can be cancelled: line " + line.id + " has " + line.unfulfilled());
            }
        });
        for (RefundLineRequest request : requested) {
            Line line = order.lines.stream()
                    .filter(l -> l.id == request.lineItemId())
                    .findFirst()
                    .orElseThrow();
            Item item = inventory.find(line.itemId);
            switch (request.restockType()) {
                case "return" -> {
                    line.returned += request.quantity();
                    if (item != null) {
                        item.available += request.quantity();
                        item.updatedAt = now;
                        touched.add(item.id);
                    }
                }
                case "cancel" -> {
                    line.cancelled += request.quantity();
                    if (item != null) {
                        item.committed -= request.quantity();
                        item.available += request.quantity();
                        item.updatedAt = now;
                        touched.add(item.id);
                    }
                }
                default -> {}
            }
            refund.lines.add(new RefundLine(
                    ids.getAsLong(),
                    line,
                    request.quantity(),
                    request.restockType(),
                    request.restockType().equals("no_restock") ? null : inventory.locationId()));
        }
        order.refunds.add(refund);
        order.updatedAt = now;
        List<Emission> emissions = new ArrayList<>();
        emissions.add(new Emission("refunds/create", ShopifyPayloads.refund(refund)));
        for (Long itemId : touched) {
            emissions.add(inventory.levelUpdate(inventory.require(itemId), now));
        }
        return new StoreChange<>(ShopifyPayloads.refund(refund), emissions);
    }

    /** Every order, oldest first, as it stands now. */
    List<OrderView> orders() {
        return orders.values().stream().map(Order::view).toList();
    }

    @Nullable
    OrderView orderView(long id) {
        Order order = orders.get(id);
        return order == null ? null : order.view();
    }

    Map<String, @Nullable Object> order(long orderId) {
        return ShopifyPayloads.order(requireOrder(orderId));
    }

    Order requireOrder(long id) {
        Order order = orders.get(id);
        if (order == null) {
            throw StoreRefusal.notFound("No order " + id + " in " + inventory.domain());
        }
        return order;
    }

    static final class Order {
        final long id;
        final int number;
        final Instant createdAt;
        Instant updatedAt;

        @Nullable
        Instant cancelledAt;

        @Nullable
        String cancelReason;

        final List<Line> lines = new ArrayList<>();
        final List<Refund> refunds = new ArrayList<>();
        final List<Fulfillment> fulfillments = new ArrayList<>();

        Order(long id, int number, Instant at) {
            this.id = id;
            this.number = number;
            this.createdAt = at;
            this.updatedAt = at;
        }

        String name() {
            return "#" + number;
        }

        OrderView view() {
            Map<Line, LineView> views = new LinkedHashMap<>();
            for (Line line : lines) {
                views.put(line, line.view());
            }
            List<RefundView> refundViews = refunds.stream()
                    .map(refund -> new RefundView(
                            refund.id,
                            refund.createdAt,
                            refund.lines.stream()
                                    .map(l -> new RefundLineView(
                                            l.id(),
                                            l.quantity(),
                                            l.restockType(),
                                            views.getOrDefault(
                                                    l.line(), l.line().view())))
                                    .toList()))
                    .toList();
            List<FulfillmentView> fulfillmentViews = fulfillments.stream()
                    .map(f -> new FulfillmentView(
                            f.id,
                            f.lines.stream()
                                    .map(l -> l.view(views.getOrDefault(l.line, l.line.view())))
                                    .toList()))
                    .toList();
            return new OrderView(
                    id,
                    number,
                    name(),
                    createdAt,
                    updatedAt,
                    cancelledAt,
                    List.copyOf(views.values()),
                    refundViews,
                    fulfillmentViews);
        }
    }

    static final class Line {
        final long id;
        final long itemId;
        final long variantId;
        final long productId;
        final String sku;
        final int quantity;
        int fulfilled;
        int cancelled;
        int returned;

        Line(long id, Item item, int quantity) {
            this.id = id;
            this.itemId = item.id;
            this.variantId = item.variantId;
            this.productId = item.productId;
            this.sku = item.sku;
            this.quantity = quantity;
        }

        int unfulfilled() {
            return quantity - fulfilled - cancelled;
        }

        int currentQuantity() {
            return quantity - cancelled;
        }

        LineView view() {
            return new LineView(id, sku, variantId, quantity, currentQuantity());
        }
    }

    static final class Refund {
        final long id;
        final long orderId;
        final Instant createdAt;
        final String note;
        final List<RefundLine> lines = new ArrayList<>();

        Refund(long id, long orderId, Instant at, String note) {
            this.id = id;
            this.orderId = orderId;
            this.createdAt = at;
            this.note = note;
        }
    }

    record RefundLine(
            long id,
            Line line,
            int quantity,
            String restockType,
            @Nullable Long locationId) {}

    /** One shipment: every unit open when the order was fulfilled, one fulfillment line item per order line. */
    static final class Fulfillment {
        final long id;
        final List<FulfillmentLine> lines = new ArrayList<>();

        Fulfillment(long id) {
            this.id = id;
        }
    }

    /** Units of one order line that shipped together; a return names these, never the order line itself. */
    static final class FulfillmentLine {
        final long id;
        final Line line;
        final int quantity;
        int returned;

        FulfillmentLine(long id, Line line, int quantity) {
            this.id = id;
            this.line = line;
            this.quantity = quantity;
        }

        FulfillmentLineView view(LineView lineView) {
            return new FulfillmentLineView(id, quantity, lineView);
        }
    }
}
